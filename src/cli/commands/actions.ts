import { parseArgs } from 'node:util';

import {
  ActionError,
  createActionService,
  type ActionService,
} from '../../actions/index.js';
import type { Logger, Settings } from '../../config/index.js';
import { loadPolicy, type Policy } from '../../policy/index.js';
import { openQRadarBackend } from '../../server/index.js';
import { openStore, type ActionRecord, type Store } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError, printLine } from '../output.js';
import { createOperatorLogger } from './operator-logger.js';

const usage = `Usage: qradar-mcp actions <subcommand> [options]

Subcommands:
  list [--offense N] [--limit N]   executed containment actions, newest first
  rollback ID --as NAME            undo an action now, as a named approver from
                                   the policy (audited; removes only what the
                                   action added)
  sweep                            roll back every action past its expiry

The MCP tool rollback_action passes the policy checkpoint (approval by
default); this command is the operator's direct path.`;

function inert(value: unknown, maxLength = 60): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        offense: { type: 'string' },
        limit: { type: 'string' },
        as: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseCount(
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,10}$/.test(value)) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a whole number.`,
    );
  }
  return Number(value);
}

/**
 * Returns the state shown in the STATUS column: the stored lifecycle, or
 * `failed` for an executed action whose verification found it not in force.
 */
function displayStatus(record: ActionRecord): string {
  if (record.status === 'executed' && record.verification === 'failed')
    return 'failed';
  return record.status;
}

/**
 * Returns the VERIFICATION column: what the executor observed while the
 * action is in force. Once it no longer is, the column shows `rolled back`
 * (by an operator or at expiry) or `-` (it never took effect), because an
 * old `listed` would claim an effect that is gone.
 */
function displayVerification(record: ActionRecord): string {
  if (record.status !== 'executed') return 'rolled back';
  if (record.verification === 'failed') return '-';
  return record.verification;
}

function printActions(records: readonly ActionRecord[]): void {
  if (records.length === 0) {
    printLine('No actions.');
    return;
  }
  const rows = [
    [
      'ID',
      'ACTION',
      'TARGET',
      'OFFENSE',
      'STATUS',
      'VERIFICATION',
      'EXPIRES',
      'EXECUTOR',
    ],
    ...records.map((record) => [
      record.id,
      record.action,
      inert(record.target, 40),
      record.offenseId === null ? '-' : String(record.offenseId),
      displayStatus(record),
      displayVerification(record),
      record.expiresAt ?? '-',
      inert(record.executor, 50),
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) =>
      Math.max(...rows.map((row) => (row[column] ?? '').length)),
    ) ?? [];
  for (const row of rows) {
    printLine(
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0),
        )
        .join('  '),
    );
  }
}

async function withActionService<T>(
  settings: Settings,
  logger: Logger,
  store: Store,
  policy: Policy,
  work: (actions: ActionService) => Promise<T>,
): Promise<T> {
  const backend = await openQRadarBackend(settings, logger);
  try {
    const actions = createActionService({
      client: backend.client,
      store,
      policy,
      logger,
    });
    return await work(actions);
  } finally {
    await backend.close();
  }
}

async function rollback(
  context: { settings: Settings; logger: Logger },
  store: Store,
  actionId: string,
  approver: string,
): Promise<number> {
  const policy = loadPolicy(context.settings.policyFile);
  if (!policy.approvers.some((entry) => entry.name === approver)) {
    printError(
      `Approver ${JSON.stringify(inert(approver))} not found in the policy ${policy.source}: pass --as with one of ${policy.approvers.map((entry) => entry.name).join(', ')}.`,
    );
    return exitCodes.failure;
  }
  try {
    const result = await withActionService(
      context.settings,
      context.logger,
      store,
      policy,
      (actions) => actions.rollback(actionId, { actor: approver, via: 'cli' }),
    );
    printLine(
      `Rolled back ${result.record.id} (${result.record.action} on ${inert(result.record.target)}) as ${inert(approver)}: ${inert(result.detail, 200)}`,
    );
    return exitCodes.ok;
  } catch (error) {
    if (!ActionError.is(error)) throw error;
    printError(`${inert(error.message, 300)} ${error.hint}`);
    return exitCodes.failure;
  }
}

/** `qradar-mcp actions`: list, roll back and expire containment actions. */
export const actionsCommand: Command = {
  name: 'actions',
  summary: 'list, roll back or expire containment actions',
  usage,
  async run(context) {
    const [subcommand, ...rest] = context.argv;
    const { values, positionals } = parseOptions(rest);
    const logger = createOperatorLogger(context.logger);
    const store = openStore(context.settings.dataDir, { logger });
    try {
      switch (subcommand) {
        case 'list': {
          const records = await store.actions.list({
            offenseId: parseCount('--offense', values.offense),
            limit: parseCount('--limit', values.limit) ?? 50,
          });
          printActions(records);
          return exitCodes.ok;
        }
        case 'rollback': {
          const [actionId, extra] = positionals;
          if (actionId === undefined || extra !== undefined) {
            throw new UsageError(
              'Pass exactly one action id, such as act_3f9a1c0b7d2e.',
            );
          }
          if (values.as === undefined || values.as.trim() === '') {
            throw new UsageError(
              'Missing --as: pass --as NAME, an approver from the policy.',
            );
          }
          return await rollback(
            { settings: context.settings, logger },
            store,
            actionId,
            values.as,
          );
        }
        case 'sweep': {
          const policy = loadPolicy(context.settings.policyFile);
          const results = await withActionService(
            context.settings,
            logger,
            store,
            policy,
            (actions) => actions.sweepExpired(),
          );
          for (const result of results) {
            printLine(
              `${result.actionId}: ${result.ok ? 'expired' : 'failed'}: ${inert(result.detail, 200)}`,
            );
          }
          printLine(
            `${results.filter((result) => result.ok).length} of ${results.length} expired actions rolled back.`,
          );
          return results.every((result) => result.ok)
            ? exitCodes.ok
            : exitCodes.failure;
        }
        default:
          throw new UsageError(
            `Unknown subcommand ${JSON.stringify(subcommand ?? '')}: use list, rollback or sweep.`,
          );
      }
    } finally {
      await store.close();
    }
  },
};
