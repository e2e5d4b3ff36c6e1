import { existsSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import {
  latestSchemaVersion,
  openStore,
  StoreError,
  type NewActionRecord,
  type NewApprovalRequest,
} from '../../src/store/index.js';
import { makeClock, makeTempDir } from './support/temp-dir.js';

const logger = createSilentLogger();
const hourMs = 3_600_000;

function approvalInput(
  overrides: Partial<NewApprovalRequest> = {},
): NewApprovalRequest {
  return {
    action: 'isolate_host',
    target: 'asset:17',
    targetKind: 'host',
    targetLabel: 'ws-042 (10.0.5.20, asset 17)',
    offenseId: 7,
    parameters: {},
    parametersDigest: 'd0',
    evidence: [{ kind: 'event', ref: 'event:1', excerpt: 'mimikatz' }],
    rationale: 'credential dumping',
    confidence: 0.85,
    criticality: 'medium',
    criticalityDerivation: ['Weight 4 -> medium', 'highest: medium'],
    roles: [],
    requestedBy: 'claude-desktop',
    requestedByRole: null,
    expiresAt: '2025-03-02T10:00:00.000Z',
    ...overrides,
  };
}

function actionInput(
  overrides: Partial<NewActionRecord> = {},
): NewActionRecord {
  return {
    requestId: null,
    claimSeq: 1,
    action: 'block_ip',
    target: '203.0.113.7',
    targetKind: 'ip',
    offenseId: 7,
    executor: 'reference_set:QRadar-MCP Blocked IPs',
    existedBefore: false,
    rollbackData: { set: 'QRadar-MCP Blocked IPs', value: '203.0.113.7' },
    verification: 'listed',
    expiresAt: '2025-03-08T10:00:00.000Z',
    ...overrides,
  };
}

describe('approval request store', () => {
  it('reuses an identical pending request', async () => {
    const store = openStore(makeTempDir(), { logger, now: makeClock().now });
    const first = await store.approvals.findOrCreatePending(approvalInput());
    const second = await store.approvals.findOrCreatePending(
      approvalInput({ rationale: 'other words' }),
    );
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.request.id).toBe(first.request.id);
    const other = await store.approvals.findOrCreatePending(
      approvalInput({ parametersDigest: 'd1' }),
    );
    expect(other.created).toBe(true);
    const rows = await store.audit.list({ kinds: ['approval_requested'] });
    expect(rows).toHaveLength(2);
  });

  it('round-trips every field', async () => {
    const store = openStore(makeTempDir(), { logger, now: makeClock().now });
    const input = approvalInput({
      roles: [{ role: 'critical', source: 'reference set Critical Assets' }],
      parameters: { status: 'CLOSED' },
    });
    const { request } = await store.approvals.findOrCreatePending(input);
    const read = await store.approvals.get(request.id);
    expect(read).toMatchObject({ ...input, status: 'pending', token: null });
    expect(read?.createdAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('expires pending requests', async () => {
    const clock = makeClock();
    const store = openStore(makeTempDir(), { logger, now: clock.now });
    const { request } =
      await store.approvals.findOrCreatePending(approvalInput());
    clock.advance(25 * hourMs);
    const expired = await store.approvals.expirePending();
    expect(expired.map((record) => record.id)).toEqual([request.id]);
    expect((await store.approvals.get(request.id))?.status).toBe('expired');
    expect(
      await store.audit.list({ kinds: ['approval_expired'] }),
    ).toHaveLength(1);
    const fresh = await store.approvals.findOrCreatePending(
      approvalInput({ expiresAt: '2025-03-03T12:00:00.000Z' }),
    );
    expect(fresh.created).toBe(true);
  });

  it('records a decision once', async () => {
    const store = openStore(makeTempDir(), { logger });
    const { request } = await store.approvals.findOrCreatePending(
      approvalInput({ expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    const approved = await store.approvals.decide(
      request.id,
      {
        status: 'approved',
        decidedBy: 'soc-lead',
        kind: 'cli',
        token: { value: 'jwt', expiresAt: '2999-01-01T00:15:00.000Z' },
      },
      { actor: 'soc-lead', kind: 'approved' },
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'soc-lead',
      decisionKind: 'cli',
      token: 'jwt',
      tokenIssued: true,
    });
    await expect(
      store.approvals.decide(
        request.id,
        { status: 'denied', decidedBy: 'analyst', kind: 'cli' },
        { actor: 'analyst', kind: 'denied_by_approver' },
      ),
    ).rejects.toSatisfy(
      (error) => StoreError.is(error) && error.code === 'CONFLICT',
    );
    await expect(
      store.approvals.decide(
        'apr_missing',
        { status: 'denied', decidedBy: 'analyst', kind: 'cli' },
        { actor: 'analyst', kind: 'denied_by_approver' },
      ),
    ).rejects.toSatisfy(
      (error) => StoreError.is(error) && error.code === 'NOT_FOUND',
    );
  });

  it('lists by status newest first', async () => {
    const clock = makeClock();
    const store = openStore(makeTempDir(), { logger, now: clock.now });
    const first = await store.approvals.findOrCreatePending(approvalInput());
    clock.advance(1000);
    const second = await store.approvals.findOrCreatePending(
      approvalInput({ target: 'asset:18' }),
    );
    await store.approvals.decide(
      first.request.id,
      { status: 'denied', decidedBy: 'analyst', kind: 'cli', reason: 'benign' },
      { actor: 'analyst', kind: 'denied_by_approver' },
    );
    const pending = await store.approvals.list({ statuses: ['pending'] });
    expect(pending.map((record) => record.id)).toEqual([second.request.id]);
    const all = await store.approvals.list();
    expect(all.map((record) => record.id)).toEqual([
      second.request.id,
      first.request.id,
    ]);
  });
});

describe('action store', () => {
  it('lists expired executed actions', async () => {
    const clock = makeClock();
    const store = openStore(makeTempDir(), { logger, now: clock.now });
    const soon = await store.actions.insert(
      actionInput({ expiresAt: '2025-03-01T11:00:00.000Z' }),
    );
    await store.actions.insert(actionInput({ target: '198.51.100.9' }));
    await store.actions.insert(actionInput({ expiresAt: null }));
    expect(await store.actions.listExpired()).toHaveLength(0);
    clock.advance(2 * hourMs);
    const expired = await store.actions.listExpired();
    expect(expired.map((action) => action.id)).toEqual([soon.id]);
    await store.actions.update(soon.id, {
      status: 'expired',
      rolledBackBy: 'sweeper',
    });
    expect(await store.actions.listExpired()).toHaveLength(0);
  });

  it('updates with an audit row', async () => {
    const store = openStore(makeTempDir(), { logger });
    const action = await store.actions.insert(actionInput(), {
      actor: 'claude',
      kind: 'verification',
      action: 'block_ip',
    });
    const updated = await store.actions.update(
      action.id,
      {
        status: 'rolled_back',
        verification: 'confirmed',
        rolledBackBy: 'soc-lead',
      },
      { actor: 'soc-lead', kind: 'rollback', action: 'block_ip' },
    );
    expect(updated).toMatchObject({
      status: 'rolled_back',
      verification: 'confirmed',
      rolledBackBy: 'soc-lead',
      existedBefore: false,
      rollbackData: { set: 'QRadar-MCP Blocked IPs', value: '203.0.113.7' },
    });
    expect(updated.rolledBackAt).not.toBeNull();
    const rows = await store.audit.list();
    expect(rows.map((row) => row.details['action_id'])).toEqual([
      action.id,
      action.id,
    ]);
    expect(await store.actions.list({ offenseId: 7 })).toHaveLength(1);
    expect(await store.actions.list({ statuses: ['executed'] })).toHaveLength(
      0,
    );
    await expect(store.actions.update('act_missing', {})).rejects.toSatisfy(
      (error) => StoreError.is(error) && error.code === 'NOT_FOUND',
    );
  });
});

describe('run store and runner state', () => {
  it('creates and updates runs', async () => {
    const clock = makeClock();
    const store = openStore(makeTempDir(), { logger, now: clock.now });
    const run = await store.runs.create({
      offenseId: 7,
      provider: 'baseline',
      model: 'playbook',
      mode: 'approve',
      state: 'running',
    });
    clock.advance(5000);
    const finished = await store.runs.update(run.id, {
      state: 'awaiting_approval',
      outcome: { decision: 'approval_required', request_id: 'apr_1' },
      usage: { tool_calls: 4 },
      finished: true,
    });
    expect(finished).toMatchObject({
      state: 'awaiting_approval',
      outcome: { decision: 'approval_required', request_id: 'apr_1' },
      usage: { tool_calls: 4 },
      transcript: null,
      finishedAt: '2025-03-01T10:00:05.000Z',
    });
    expect(await store.runs.list({ offenseId: 7 })).toHaveLength(1);
    expect(await store.runs.list({ offenseId: 8 })).toHaveLength(0);
  });

  it('stores runner state as JSON', async () => {
    const store = openStore(makeTempDir(), { logger });
    await store.runnerState.set('watch:offense:7', { eventCount: 12 });
    await store.runnerState.set('watch:offense:8', { eventCount: 3 });
    await store.runnerState.set('cursor', 'abc');
    expect(await store.runnerState.get('watch:offense:7')).toEqual({
      eventCount: 12,
    });
    expect(await store.runnerState.list('watch:')).toHaveLength(2);
    expect(await store.runnerState.list('watch%')).toHaveLength(0);
    await store.runnerState.delete('cursor');
    expect(await store.runnerState.get('cursor')).toBeUndefined();
  });
});

describe('kill switch', () => {
  it('is seen through another handle', async () => {
    const dir = makeTempDir();
    const writer = openStore(dir, { logger });
    const reader = openStore(dir, { logger });
    expect((await reader.killSwitch.get()).halted).toBe(false);
    await writer.killSwitch.set({
      halted: true,
      by: 'soc-lead',
      reason: 'bad rollout',
    });
    expect(await reader.killSwitch.get()).toMatchObject({
      halted: true,
      by: 'soc-lead',
      reason: 'bad rollout',
    });
    await writer.killSwitch.set({ halted: false, by: 'soc-lead' });
    expect((await reader.killSwitch.get()).halted).toBe(false);
    const kinds = (await reader.audit.list()).map((row) => row.kind);
    expect(kinds).toEqual(['policy_halt', 'policy_resume']);
  });
});

describe('openStore', () => {
  it('accepts a database file path', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'eval-case.sqlite');
    const store = openStore(path, { logger });
    await store.audit.append({ actor: 'tester', kind: 'intent' });
    expect(store.databasePath).toBe(path);
    expect(existsSync(`${path}.audit-head`)).toBe(true);
  });

  it('migrates once and reopens', async () => {
    const dir = makeTempDir();
    const first = openStore(dir, { logger });
    await first.audit.append({ actor: 'tester', kind: 'intent' });
    await first.close();
    const second = openStore(dir, { logger });
    expect(await second.audit.list()).toHaveLength(1);
    const db = new Database(second.databasePath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(
      latestSchemaVersion,
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('rejects a newer schema version', () => {
    const dir = makeTempDir();
    openStore(dir, { logger });
    const db = new Database(join(dir, 'store.sqlite'));
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(() => openStore(dir, { logger })).toThrow(/newer than this release/);
  });
});
