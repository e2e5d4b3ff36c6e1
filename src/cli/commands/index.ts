import type { Command } from '../command.js';
import { actionsCommand } from './actions.js';
import { agentCommand } from './agent.js';
import { approvalsCommand } from './approvals.js';
import { auditCommand } from './audit.js';
import { demoCommand } from './demo.js';
import { evalCommand } from './eval.js';
import { policyCommand } from './policy.js';
import { serveCommand } from './serve.js';
import { simCommand } from './sim.js';
import { tokensCommand } from './tokens.js';

/**
 * Every CLI command, in the order `qradar-mcp --help` lists them. Each lives in
 * its own file under this folder.
 */
export const commands: Command[] = [
  serveCommand,
  agentCommand,
  demoCommand,
  simCommand,
  approvalsCommand,
  actionsCommand,
  policyCommand,
  auditCommand,
  tokensCommand,
  evalCommand,
];
