import type { Logger, Settings } from '../config/index.js';

/** Shared state a command receives from the CLI entry point. */
export interface CommandContext {
  settings: Settings;
  logger: Logger;
  /** Command-line arguments after the command name (and subcommand, if any). */
  argv: string[];
}

/** One CLI command; `run` resolves to the process exit code. */
export interface Command {
  name: string;
  /** One line shown by `qradar-mcp --help`. */
  summary: string;
  /** Usage text shown by `qradar-mcp <name> --help`. */
  usage: string;
  run(context: CommandContext): Promise<number>;
}

/** Exit codes shared by every command. */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  /** `agent run` stopped with an approval request pending. */
  awaitingApproval: 3,
} as const;

/** Usage mistakes: printed with the command's usage and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
