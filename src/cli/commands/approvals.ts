import { parseArgs } from 'node:util';

import type { Logger, Settings } from '../../config/index.js';
import {
  approveRequest,
  denyRequest,
  loadPolicy,
  PolicyError,
} from '../../policy/index.js';
import { openQRadarBackend } from '../../server/index.js';
import {
  openStore,
  type ApprovalRequestRecord,
  type Store,
} from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError, printLine } from '../output.js';
import { describeOffense } from './approval-offense.js';
import { createOperatorLogger } from './operator-logger.js';

const usage = `Usage: qradar-mcp approvals <subcommand> [options]

Subcommands:
  list [--all]                       pending requests (--all: every status)
  show ID                            one request with its offense, evidence and
                                     rationale (reads the offense from QRadar)
  approve ID --as NAME [--reason TEXT]
                                     approve as a named approver from the policy;
                                     the agent then fetches the signed token
  deny ID --reason TEXT --as NAME    deny a pending request (or revoke an
                                     approval whose token is unused)

Requests on targets of high or critical criticality need an approver with the
soc_lead role in the shipped policy.`;

// Every string below that came from QRadar or from the model passes through
// `inert` before it reaches the terminal.
function inert(value: unknown, maxLength = 120): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

/** `qradar-mcp approvals`: list, show, approve and deny approval requests. */
export const approvalsCommand: Command = {
  name: 'approvals',
  summary: 'list, show, approve or deny approval requests',
  usage,
  async run(context) {
    const [subcommand, ...rest] = context.argv;
    const { values, positionals } = parseOptions(rest);
    const logger = createOperatorLogger(context.logger);
    const store = openStore(context.settings.dataDir, { logger });
    try {
      switch (subcommand) {
        case 'list':
          await listRequests(store, values.all === true);
          return exitCodes.ok;
        case 'show':
          return await showRequest(
            store,
            { settings: context.settings, logger },
            requireId(positionals),
          );
        case 'approve':
        case 'deny':
          return await decide(subcommand, {
            store,
            dataDir: context.settings.dataDir,
            policyFile: context.settings.policyFile,
            requestId: requireId(positionals),
            approver: requireOption('--as', values.as),
            reason:
              subcommand === 'deny'
                ? requireOption('--reason', values.reason)
                : values.reason,
          });
        default:
          throw new UsageError(
            `Unknown subcommand ${JSON.stringify(subcommand ?? '')}: use list, show, approve or deny.`,
          );
      }
    } finally {
      await store.close();
    }
  },
};

async function decide(
  subcommand: 'approve' | 'deny',
  options: {
    store: Store;
    dataDir: string;
    policyFile: string | undefined;
    requestId: string;
    approver: string;
    reason: string | undefined;
  },
): Promise<number> {
  const policy = loadPolicy(options.policyFile);
  try {
    if (subcommand === 'approve') {
      const record = await approveRequest({ ...options, policy });
      printLine(
        `Approved ${record.id} (${record.action} on ${inert(record.targetLabel)}) as ${inert(options.approver)}. The agent fetches the signed token with get_approval; it is valid until ${record.tokenExpiresAt ?? '?'} and works once.`,
      );
    } else {
      const record = await denyRequest({
        ...options,
        policy,
        reason: options.reason ?? '',
      });
      printLine(
        `Denied ${record.id} (${record.action} on ${inert(record.targetLabel)}) as ${inert(options.approver)}.`,
      );
    }
    return exitCodes.ok;
  } catch (error) {
    if (!PolicyError.is(error)) throw error;
    printError(inert(error.message, 1000));
    return exitCodes.failure;
  }
}

async function listRequests(store: Store, all: boolean): Promise<void> {
  await store.approvals.expirePending();
  const records = await store.approvals.list(
    all ? {} : { statuses: ['pending'] },
  );
  if (records.length === 0) {
    printLine(
      all
        ? 'No approval requests.'
        : 'No pending approval requests. Use --all for decided ones.',
    );
    return;
  }
  const header = [
    'ID',
    'STATUS',
    'ACTION',
    'TARGET',
    'CRITICALITY',
    'OFFENSE',
    'CONFIDENCE',
    'REQUESTED BY',
    'EXPIRES',
  ];
  // Every cell is sanitized: even our own columns are read back from a file
  // that another writer could have changed.
  const rows = records.map((record) =>
    [
      record.id,
      record.status,
      record.action,
      inert(record.targetLabel, 40),
      record.criticality,
      record.offenseId === null ? '-' : String(record.offenseId),
      record.confidence.toFixed(2),
      inert(record.requestedBy, 24),
      record.expiresAt,
    ].map((cell) => inert(cell, 60)),
  );
  printTable([header, ...rows]);
}

async function showRequest(
  store: Store,
  qradar: { settings: Settings; logger: Logger },
  id: string,
): Promise<number> {
  await store.approvals.expirePending();
  const record = await store.approvals.get(id);
  if (record === undefined) {
    printError(
      `Approval request ${inert(JSON.stringify(id))} not found: list requests with qradar-mcp approvals list --all.`,
    );
    return exitCodes.failure;
  }
  const offenseLines = await readOffenseLines(qradar, record);
  for (const line of describeRequest(record, offenseLines)) printLine(line);
  return exitCodes.ok;
}

async function readOffenseLines(
  qradar: { settings: Settings; logger: Logger },
  record: ApprovalRequestRecord,
): Promise<string[]> {
  if (record.offenseId === null) return ['Offense      -'];
  let backend;
  try {
    backend = await openQRadarBackend(qradar.settings, qradar.logger);
  } catch (error) {
    return [
      `Offense      ${record.offenseId} (details unavailable: ${inert((error as Error).message, 300)})`,
    ];
  }
  try {
    return await describeOffense(backend.client, record);
  } finally {
    await backend.close();
  }
}

function describeRequest(
  record: ApprovalRequestRecord,
  offenseLines: readonly string[],
): string[] {
  // For an address the label repeats the value, so the value is printed only
  // next to a label that differs, such as `ws-042 (10.0.5.20, asset 17)`.
  const target =
    record.targetLabel === record.target
      ? inert(record.targetLabel)
      : `${inert(record.targetLabel)} [${inert(record.target)}]`;
  const lines = [
    `Request      ${inert(record.id)} (${inert(record.status)})`,
    `Action       ${inert(record.action)}`,
    `Target       ${target}`,
    ...offenseLines,
    `Criticality  ${inert(record.criticality)}`,
    ...record.criticalityDerivation.map(
      (step) => `             ${inert(step)}`,
    ),
    `Roles        ${record.roles.length === 0 ? 'none' : record.roles.map((role) => `${inert(role.role)} (${inert(role.source)})`).join(', ')}`,
    `Parameters   ${inert(JSON.stringify(record.parameters), 300)}`,
    `Confidence   ${record.confidence.toFixed(2)}`,
    `Requested by ${inert(record.requestedBy)}${record.requestedByRole === null ? '' : ` (${inert(record.requestedByRole)})`} at ${record.createdAt}`,
    `Expires      ${record.expiresAt}`,
  ];
  if (record.decidedBy !== null) {
    lines.push(
      `Decided by   ${inert(record.decidedBy)} (${record.decisionKind ?? '?'}) at ${record.decidedAt ?? '?'}${record.decisionReason === null ? '' : `: ${inert(record.decisionReason, 300)}`}`,
    );
  }
  lines.push('', 'Rationale (written by the model, not verified):');
  lines.push(
    `  ${sanitizeText(record.rationale, { maxLength: 2000 }).replace(/\n/g, '\n  ')}`,
  );
  lines.push(
    '',
    `Evidence (${record.evidence.length} items, cited by the model):`,
  );
  for (const item of record.evidence) {
    const excerpt =
      item.excerpt === undefined ? '' : `: ${inert(item.excerpt, 200)}`;
    lines.push(`  - ${inert(item.kind, 30)} ${inert(item.ref, 80)}${excerpt}`);
  }
  return lines;
}

function printTable(rows: string[][]): void {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  for (const row of rows) {
    printLine(
      row
        .map((cell, index) =>
          index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0),
        )
        .join('  '),
    );
  }
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        all: { type: 'boolean' },
        as: { type: 'string' },
        reason: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function requireId(positionals: string[]): string {
  const [id, extra] = positionals;
  if (id === undefined || extra !== undefined) {
    throw new UsageError(
      'Pass exactly one request id, such as apr_3f9a1c0b7d2e.',
    );
  }
  return id;
}

function requireOption(flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`Missing ${flag}: pass ${flag} VALUE.`);
  }
  return value;
}
