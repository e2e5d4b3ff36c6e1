import { describe, expect, it } from 'vitest';

import { actionsCommand } from '../../src/cli/commands/actions.js';
import { approvalsCommand } from '../../src/cli/commands/approvals.js';
import { auditCommand } from '../../src/cli/commands/audit.js';
import { policyCommand } from '../../src/cli/commands/policy.js';
import { createOperatorLogger } from '../../src/cli/commands/operator-logger.js';
import type { Command } from '../../src/cli/command.js';
import { createLogger } from '../../src/config/index.js';
import { jsonLines, makeDataDir, runCommand } from './operator-harness.js';

describe('operator command logging', () => {
  it('approvals list prints no JSON', async () => {
    const output = await runCommand(approvalsCommand, makeDataDir(), ['list']);
    expect(output.code).toBe(0);
    expect(output.stdout).toContain('No pending approval requests.');
    expect(jsonLines(output.stderr)).toEqual([]);
  });

  it.each<[string, Command, string[]]>([
    ['actions list', actionsCommand, ['list']],
    ['actions sweep', actionsCommand, ['sweep']],
    ['audit verify', auditCommand, ['verify']],
    ['policy show', policyCommand, ['show']],
  ])('%s prints no JSON', async (_name, command, argv) => {
    const output = await runCommand(command, makeDataDir(), argv);
    expect(output.code).toBe(0);
    expect(jsonLines(output.stderr)).toEqual([]);
  });
});

describe('createOperatorLogger', () => {
  function capture(level: 'info' | 'debug') {
    const lines: { level: number; msg: string; component?: string }[] = [];
    const logger = createLogger({
      level,
      destination: {
        write: (line: string) =>
          void lines.push(JSON.parse(line) as { level: number; msg: string }),
      },
    });
    return { logger: createOperatorLogger(logger), lines };
  }

  it('drops info at the info level', () => {
    const { logger, lines } = capture('info');
    logger.info({}, 'store migrated');
    logger.child({ component: 'simulator' }).info({}, 'listening');
    expect(lines).toEqual([]);
  });

  it('logs info at debug level', () => {
    const { logger, lines } = capture('debug');
    logger.child({ component: 'simulator' }).info({}, 'listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(20);
    expect(lines[0]?.component).toBe('simulator');
  });

  it('passes warnings and errors', () => {
    const { logger, lines } = capture('info');
    logger.warn({}, 'slow');
    logger.error({}, 'failed');
    expect(lines.map((line) => line.level)).toEqual([40, 50]);
  });
});
