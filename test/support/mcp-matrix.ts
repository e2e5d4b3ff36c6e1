import { generateKeyPairSync } from 'node:crypto';

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

import {
  canonicalizeIp,
  canonicalizeUser,
  digestParameters,
  issueApprovalToken,
  loadSigningKey,
  type PolicyMode,
} from '../../src/policy/index.js';
import { testOffenses, testTargets } from './mcp-cases.js';
import { field, startMcpHarness, type McpHarness } from './mcp-harness.js';

/** Gated tools of the matrix. */
export type GatedToolName =
  | 'block_ip'
  | 'isolate_host'
  | 'disable_user'
  | 'update_offense'
  | 'rollback_action';

/** What the call presents as approval_token. */
export type TokenState =
  | 'none'
  | 'valid'
  | 'expired'
  | 'reused'
  | 'other target'
  | 'other offense'
  | 'other action'
  | 'forged'
  | 'other key';

/** Role of the target in the test case's reference sets. */
export type TargetRole = 'plain' | 'critical' | 'protected' | 'allowListed';

/** Every mode, token state and role. */
export const modes: readonly PolicyMode[] = [
  'monitor',
  'approve',
  'autonomous',
];
export const tokenStates: readonly TokenState[] = [
  'none',
  'valid',
  'expired',
  'reused',
  'other target',
  'other offense',
  'other action',
  'forged',
  'other key',
];
export const targetRoles: readonly TargetRole[] = [
  'plain',
  'critical',
  'protected',
  'allowListed',
];

/** One row of the matrix. */
export interface MatrixCase {
  tool: GatedToolName;
  mode: PolicyMode;
  token: TokenState;
  role: TargetRole;
}

/** Builds the rows of one tool: roles apply to ip, host and user targets only. */
export function matrixCases(tool: GatedToolName): MatrixCase[] {
  const roles: readonly TargetRole[] =
    tool === 'update_offense' || tool === 'rollback_action'
      ? ['plain']
      : targetRoles;
  return modes.flatMap((mode) =>
    tokenStates.flatMap((token) =>
      roles.map((role) => ({ tool, mode, token, role })),
    ),
  );
}

/** The outcome the shipped policy must give a row. */
export interface ExpectedOutcome {
  decision: 'executed' | 'approval_required' | 'denied';
  rule: RegExp;
  /** Whether the target carries the effect when the row is done (a reused token executed once). */
  effectAfter: boolean;
}

const hostAssets: Record<TargetRole, number> = {
  plain: 2,
  critical: 1,
  protected: 3,
  allowListed: 4,
};

function autonomousAllows(
  tool: GatedToolName,
  role: TargetRole,
): string | undefined {
  if (tool === 'block_ip' && role === 'plain')
    return 'autonomous:block_external_address';
  // The shipped rule isolates low-criticality hosts; the authorized scanner
  // host has Weight 2, and the allow_source role does not raise criticality.
  if (tool === 'isolate_host' && (role === 'plain' || role === 'allowListed'))
    return 'autonomous:isolate_low_value_host';
  return undefined;
}

/** Computes the expected outcome of a row from the shipped policy's rules. */
export function expectedOutcome(row: MatrixCase): ExpectedOutcome {
  const denied = (rule: RegExp, effectAfter = false): ExpectedOutcome => ({
    decision: 'denied',
    rule,
    effectAfter,
  });
  if (row.role === 'protected') return denied(/^role:protected$/);
  if (row.tool === 'block_ip' && row.role === 'allowListed')
    return denied(/^role:allow_source$/);
  if (row.mode === 'monitor') return denied(/^mode:monitor$/);
  switch (row.token) {
    case 'none': {
      const rule =
        row.mode === 'autonomous'
          ? autonomousAllows(row.tool, row.role)
          : undefined;
      if (rule !== undefined)
        return {
          decision: 'executed',
          rule: new RegExp(`^${rule}$`),
          effectAfter: true,
        };
      return {
        decision: 'approval_required',
        rule:
          row.mode === 'approve'
            ? /^mode:approve$/
            : /^autonomous:no_matching_rule$/,
        effectAfter: false,
      };
    }
    case 'valid':
      return {
        decision: 'executed',
        rule: /^approval_token$/,
        effectAfter: true,
      };
    case 'expired':
      return denied(/^token:expired$/);
    case 'reused':
      return denied(/^token:already_used$/, true);
    case 'other target':
      return denied(/^token:target_mismatch$/);
    case 'other offense':
      return denied(/^token:offense_mismatch$/);
    case 'other action':
      return denied(/^token:action_mismatch$/);
    case 'forged':
      return denied(/^token:(bad_signature|malformed)$/);
    case 'other key':
      return denied(/^token:bad_signature$/);
  }
}

/** A prepared row: the harness, the call's arguments and how to read the effect. */
export interface MatrixRun {
  harness: McpHarness;
  result: CallToolResult;
  /** Whether the target carries the effect in QRadar (set member, offense field, removed block). */
  effectPresent(): boolean;
  /** Audit rows of kind `executed` for the row's action and target. */
  executedRows(): Promise<number>;
  /** The newest audit row. */
  lastAuditRow(): Promise<{ kind: string; rule: string | null } | undefined>;
}

const gatedBase = {
  rationale: 'Evidence shows password spraying followed by a success.',
  evidence: [
    { kind: 'event', ref: 'event:501-1', excerpt: 'VPN Login Succeeded' },
  ],
};

interface CallShape {
  args: Record<string, unknown>;
  /** Canonical target value bound into tokens. */
  target: string;
  parameters: Record<string, unknown>;
}

async function prepareRollbackTargets(harness: McpHarness): Promise<string[]> {
  const ids: string[] = [];
  for (const ip of ['203.0.113.91', '203.0.113.92']) {
    const execution = await harness.actions.execute({
      action: 'block_ip',
      target: canonicalizeIp(ip),
      offenseId: testOffenses.main,
      intentSeq: 0,
      requestId: null,
    });
    if (execution.record === undefined) throw new Error('setup block failed');
    ids.push(execution.record.id);
  }
  return ids;
}

function callShape(
  tool: GatedToolName,
  role: TargetRole,
  rollbackIds: readonly string[],
  variant: 'this' | 'other' = 'this',
): CallShape {
  switch (tool) {
    case 'block_ip': {
      const ip =
        variant === 'other' ? testTargets.ip.other : testTargets.ip[role];
      return { args: { ip }, target: canonicalizeIp(ip).value, parameters: {} };
    }
    case 'isolate_host': {
      if (variant === 'other')
        return {
          args: { host: testTargets.host.other },
          target: testTargets.host.other,
          parameters: {},
        };
      return {
        args: { host: testTargets.host[role] },
        target: `asset:${hostAssets[role]}`,
        parameters: {},
      };
    }
    case 'disable_user': {
      const username =
        variant === 'other' ? testTargets.user.other : testTargets.user[role];
      return {
        args: { username },
        target: canonicalizeUser(username).value,
        parameters: {},
      };
    }
    case 'update_offense': {
      const offense =
        variant === 'other' ? testOffenses.related : testOffenses.main;
      return {
        args: { assigned_to: 'analyst1' },
        target: String(offense),
        parameters: { assigned_to: 'analyst1' },
      };
    }
    case 'rollback_action': {
      const id = rollbackIds[variant === 'other' ? 1 : 0] ?? '';
      return { args: { action_id: id }, target: id, parameters: {} };
    }
  }
}

async function mintToken(
  harness: McpHarness,
  binding: {
    action: string;
    target: string;
    offenseId: number;
    parameters: Record<string, unknown>;
  },
  options: { otherKey?: boolean; nowMs?: number } = {},
): Promise<string> {
  const signingKey =
    options.otherKey === true
      ? generateKeyPairSync('ed25519').privateKey
      : loadSigningKey(harness.dataDir);
  const { token } = await issueApprovalToken(
    {
      requestId: 'apr_minted00000',
      approver: 'soc-lead',
      action: binding.action,
      target: binding.target,
      offenseId: binding.offenseId,
      parametersDigest: digestParameters(binding.parameters),
    },
    {
      signingKey,
      nowMs: options.nowMs ?? harness.clock.now(),
      lifetimeMs: 15 * 60_000,
    },
  );
  return token;
}

/** Replaces a token's header with `alg: none` and drops its signature. */
function forge(token: string): string {
  const [, payload = ''] = token.split('.');
  const header = Buffer.from(
    JSON.stringify({ alg: 'none', typ: 'JWT' }),
  ).toString('base64url');
  return `${header}.${payload}.`;
}

async function approvedToken(
  harness: McpHarness,
  tool: GatedToolName,
  args: Record<string, unknown>,
): Promise<string> {
  const request = await harness.call(tool, {
    ...gatedBase,
    ...args,
    offense_id: testOffenses.main,
    confidence: 0.5,
  });
  const requestId = field(request, 'request_id');
  if (
    field(request, 'decision') !== 'approval_required' ||
    typeof requestId !== 'string'
  )
    throw new Error(
      `expected approval_required, got ${JSON.stringify(request.structuredContent)}`,
    );
  await harness.approve(requestId);
  return harness.token(requestId);
}

function effectReader(
  harness: McpHarness,
  tool: GatedToolName,
  role: TargetRole,
): () => boolean {
  const members = (set: string): string[] =>
    (harness.simulator.state.referenceSetElements(set) ?? []).map((element) =>
      element.value.toLowerCase(),
    );
  switch (tool) {
    case 'block_ip':
      return () =>
        members('QRadar-MCP Blocked IPs').includes(testTargets.ip[role]);
    case 'isolate_host':
      return () =>
        members('QRadar-MCP Isolated Hosts').includes(testTargets.host[role]);
    case 'disable_user':
      return () =>
        members('QRadar-MCP Disabled Users').includes(testTargets.user[role]);
    case 'update_offense':
      return () =>
        harness.simulator.state.offense(testOffenses.main)?.['assigned_to'] ===
        'analyst1';
    case 'rollback_action':
      // The effect of a rollback is the block of its action being gone.
      return () => !members('QRadar-MCP Blocked IPs').includes('203.0.113.91');
  }
}

/** Runs one matrix row in a fresh server, simulator and store. */
export async function runMatrixCase(row: MatrixCase): Promise<MatrixRun> {
  const harness = await startMcpHarness({ mode: row.mode });
  const rollbackIds =
    row.tool === 'rollback_action' ? await prepareRollbackTargets(harness) : [];
  const shape = callShape(row.tool, row.role, rollbackIds);
  const binding = {
    action: row.tool,
    target: shape.target,
    offenseId: testOffenses.main,
    parameters: shape.parameters,
  };
  // Tokens of approved requests exist only when the policy lets a request
  // reach approval. Elsewhere a token signed with the deployment key is used.
  const canApprove =
    row.mode !== 'monitor' &&
    row.role !== 'protected' &&
    !(row.tool === 'block_ip' && row.role === 'allowListed');
  let token: string | undefined;

  switch (row.token) {
    case 'none':
      break;
    case 'valid':
    case 'reused':
    case 'expired':
      token = canApprove
        ? await approvedToken(harness, row.tool, shape.args)
        : await mintToken(harness, binding);
      if (row.token === 'expired') harness.clock.advance(16 * 60_000);
      break;
    case 'other target': {
      const other = callShape(row.tool, row.role, rollbackIds, 'other');
      token = await mintToken(harness, {
        ...binding,
        target: other.target,
        offenseId:
          row.tool === 'update_offense'
            ? testOffenses.related
            : testOffenses.main,
      });
      break;
    }
    case 'other offense':
      token = await mintToken(harness, {
        ...binding,
        offenseId: testOffenses.related,
      });
      break;
    case 'other action':
      token = await mintToken(harness, {
        ...binding,
        action: row.tool === 'block_ip' ? 'isolate_host' : 'block_ip',
      });
      break;
    case 'forged':
      token = forge(await mintToken(harness, binding));
      break;
    case 'other key':
      token = await mintToken(harness, binding, { otherKey: true });
      break;
  }

  const args = {
    ...gatedBase,
    ...shape.args,
    offense_id: testOffenses.main,
    confidence: 0.9,
    ...(token === undefined ? {} : { approval_token: token }),
  };
  if (row.token === 'reused') await harness.call(row.tool, args);
  const result = await harness.call(row.tool, args);

  return {
    harness,
    result,
    effectPresent: effectReader(harness, row.tool, row.role),
    async executedRows() {
      const rows = await harness.store.audit.list({ kinds: ['executed'] });
      return rows.filter(
        (entry) => entry.action === row.tool && entry.target === shape.target,
      ).length;
    },
    async lastAuditRow() {
      const [row0] = await harness.store.audit.list({
        newestFirst: true,
        limit: 1,
      });
      return row0 === undefined
        ? undefined
        : { kind: row0.kind, rule: row0.rule };
    },
  };
}

const lastAuditKind: Record<ExpectedOutcome['decision'], string> = {
  denied: 'denied',
  executed: 'executed',
  approval_required: 'approval_requested',
};

/**
 * Runs one matrix row and checks the answer, the simulator's end state, the
 * executed-action rows and the newest audit row against the expected outcome.
 */
export async function checkMatrixRow(row: MatrixCase): Promise<void> {
  const expected = expectedOutcome(row);
  const run = await runMatrixCase(row);
  try {
    expect(run.result.isError).toBeFalsy();
    expect(field(run.result, 'decision')).toBe(expected.decision);
    expect(field(run.result, 'rule')).toMatch(expected.rule);
    expect(run.effectPresent()).toBe(expected.effectAfter);
    expect(await run.executedRows()).toBe(expected.effectAfter ? 1 : 0);
    const last = await run.lastAuditRow();
    expect(last?.kind).toBe(lastAuditKind[expected.decision]);
  } finally {
    await run.harness.close();
  }
}
