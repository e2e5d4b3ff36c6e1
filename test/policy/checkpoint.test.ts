import { describe, expect, it } from 'vitest';

import {
  canonicalizeHost,
  canonicalizeUser,
  denyRequest,
  issueApprovalToken,
  loadSigningKey,
  offenseTarget,
  type AssetRecord,
  type CheckpointDecision,
  type GatedRequest,
  type PolicyMode,
  loadPolicy,
  withModeOverride,
} from '../../src/policy/index.js';
import { makeTempDir } from '../store/support/temp-dir.js';
import { blockRequest, makeHarness } from './support/checkpoint-harness.js';

const hourMs = 3_600_000;

function expectDecision<T extends CheckpointDecision['decision']>(
  decision: CheckpointDecision,
  kind: T,
): Extract<CheckpointDecision, { decision: T }> {
  expect(decision.decision, decision.reason).toBe(kind);
  return decision as Extract<CheckpointDecision, { decision: T }>;
}

function assetWithWeight(weight: string): AssetRecord {
  return {
    id: 17,
    ipAddresses: ['10.0.5.31'],
    hostnames: ['ws-042.corp.example'],
    properties: { Weight: weight },
  };
}

async function isolateRequest(weight: string): Promise<GatedRequest> {
  const asset = assetWithWeight(weight);
  return {
    action: 'isolate_host',
    target: await canonicalizeHost('ws-042.corp.example', {
      resolver: { findAsset: () => Promise.resolve(asset) },
    }),
    offenseId: 7,
    confidence: 0.9,
    rationale: 'Credential dumping on the workstation',
    evidence: [{ kind: 'event', ref: 'event:7' }],
    client: { name: 'claude-desktop' },
  };
}

describe('checkpoint order', () => {
  it.each<PolicyMode>(['monitor', 'approve', 'autonomous'])(
    'denies a protected target in %s mode',
    async (mode) => {
      const { checkpoint } = makeHarness({ mode });
      const decision = await checkpoint.evaluate(blockRequest('10.0.5.20'));
      expect(expectDecision(decision, 'denied').rule).toBe('role:protected');
    },
  );

  it.each<[PolicyMode, string, string]>([
    ['approve', '198.51.100.23', 'role:allow_source'],
    ['autonomous', '198.51.100.23', 'role:allow_source'],
    ['monitor', '203.0.113.80', 'role:approved_destination'],
    ['autonomous', '203.0.113.80', 'role:approved_destination'],
  ])('denies an allow-listed address in %s mode', async (mode, ip, rule) => {
    const { checkpoint } = makeHarness({ mode });
    const decision = await checkpoint.evaluate(blockRequest(ip));
    expect(expectDecision(decision, 'denied').rule).toBe(rule);
  });

  it('denies when roles cannot be read', async () => {
    const { checkpoint, referenceData, store } = makeHarness({
      mode: 'autonomous',
    });
    referenceData.failWith = new Error('connect ECONNREFUSED 127.0.0.1:443');
    const decision = await checkpoint.evaluate(blockRequest('203.0.113.7'));
    expect(expectDecision(decision, 'denied').rule).toBe('roles_unavailable');
    expect(await store.audit.list({ kinds: ['intent'] })).toHaveLength(0);
  });

  it.each<[string, Partial<GatedRequest>]>([
    ['wrong target kind', { target: canonicalizeUser('jdoe') }],
    ['confidence above 1', { confidence: 1.2 }],
    ['negative offense id', { offenseId: -3 }],
  ])('denies a request with %s', async (_name, change) => {
    const { checkpoint } = makeHarness();
    const decision = await checkpoint.evaluate(
      blockRequest('203.0.113.7', change),
    );
    expect(expectDecision(decision, 'denied').rule).toBe('invalid_request');
  });

  it('audits every denial', async () => {
    const { checkpoint, store } = makeHarness();
    await checkpoint.evaluate(blockRequest('10.0.5.20'));
    const [row] = await store.audit.list({ kinds: ['denied'] });
    expect(row).toMatchObject({
      actor: 'claude-desktop',
      action: 'block_ip',
      target: '10.0.5.20',
      offenseId: 42,
      rule: 'role:protected',
    });
  });
});

describe('kill switch', () => {
  it('is honoured through another handle', async () => {
    const harness = makeHarness({ mode: 'autonomous' });
    const operator = harness.reopen();
    await operator.store.killSwitch.set({
      halted: true,
      by: 'soc-lead',
      reason: 'bad rollout',
    });
    const halted = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    expect(expectDecision(halted, 'denied').rule).toBe('kill_switch');
    expect(halted.reason).toContain('soc-lead');
    await operator.store.killSwitch.set({ halted: false, by: 'soc-lead' });
    const resumed = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    expect(resumed.decision).toBe('execute');
  });
});

describe('monitor mode', () => {
  // A policy file in monitor mode projects onto approve, the next phase.
  it.each<[string, number, string, string]>([
    ['confident external block', 0.9, 'executed', 'approval_required'],
    ['unsure external block', 0.5, 'approval_required', 'approval_required'],
  ])(
    'reports would_be for %s',
    async (_name, confidence, autonomous, approve) => {
      const { checkpoint, store } = makeHarness({ mode: 'monitor' });
      const decision = await checkpoint.evaluate(
        blockRequest('203.0.113.7', { confidence }),
      );
      const denied = expectDecision(decision, 'denied');
      expect(denied.rule).toBe('mode:monitor');
      expect(denied.wouldBe).toBe(approve);
      expect(denied.wouldBeMode).toBe('approve');
      expect(denied.wouldBeByMode).toEqual({ approve, autonomous });
      expect(await store.approvals.list()).toHaveLength(0);
      expect(await store.audit.list({ kinds: ['intent'] })).toHaveLength(0);
    },
  );

  it('reports would_be with a valid token', async () => {
    const approveHarness = makeHarness();
    const pending = expectDecision(
      await approveHarness.checkpoint.evaluate(
        blockRequest('203.0.113.7', { confidence: 0.3 }),
      ),
      'approval_required',
    );
    const token = await approveHarness.approve(pending.requestId, 'analyst');
    const monitor = makeHarness(
      { mode: 'monitor' },
      {
        dataDir: approveHarness.dataDir,
        clock: approveHarness.clock,
        referenceData: approveHarness.referenceData,
      },
    );
    const decision = await monitor.checkpoint.evaluate(
      blockRequest('203.0.113.7', { confidence: 0.3, approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').wouldBeByMode).toEqual({
      approve: 'executed',
      autonomous: 'executed',
    });
    expect(
      await monitor.store.claims.usedAt(pending.requestId),
    ).toBeUndefined();
  });
});

describe('monitor narrowed by --mode', () => {
  it('projects an approve policy onto approve', async () => {
    const policy = withModeOverride(loadPolicy(), 'monitor');
    expect(policy.fileMode).toBe('approve');
    const { checkpoint } = makeHarness(policy);
    const denied = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'denied',
    );
    expect(denied.wouldBe).toBe('approval_required');
    expect(denied.wouldBeMode).toBe('approve');
    expect(denied.wouldBeByMode).toEqual({
      approve: 'approval_required',
      autonomous: 'executed',
    });
  });

  it('projects an autonomous policy onto autonomous', async () => {
    const policy = withModeOverride(
      { ...loadPolicy(), mode: 'autonomous' },
      'monitor',
    );
    const { checkpoint, store } = makeHarness(policy);
    const denied = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'denied',
    );
    expect(denied.wouldBe).toBe('executed');
    expect(denied.wouldBeMode).toBe('autonomous');
    const [audit] = await store.audit.list({ kinds: ['denied'] });
    expect(audit?.details['would_be']).toBe('executed');
  });
});

describe('autonomous mode', () => {
  it('executes a confident external block', async () => {
    const { checkpoint, store } = makeHarness({ mode: 'autonomous' });
    const decision = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'execute',
    );
    expect(decision.rule).toBe('autonomous:block_external_address');
    expect(decision.claim).toMatchObject({
      action: 'block_ip',
      target: { kind: 'ip', value: '203.0.113.7' },
      offenseId: 42,
      requestId: null,
    });
    const [intent] = await store.audit.list({ kinds: ['intent'] });
    expect(intent?.seq).toBe(decision.claim.intentSeq);
    expect(intent?.details['evidence_refs']).toEqual(['event:101']);
  });

  it.each<
    [string, GatedRequest | (() => Promise<GatedRequest>), string, string]
  >([
    [
      'internal address',
      blockRequest('10.0.7.7'),
      'approval_required',
      'autonomous:no_matching_rule',
    ],
    [
      'low confidence',
      blockRequest('203.0.113.7', { confidence: 0.7 }),
      'approval_required',
      'autonomous:no_matching_rule',
    ],
    [
      'critical external asset',
      blockRequest('203.0.113.9', { criticalityInput: { weight: '9' } }),
      'execute',
      'autonomous:block_external_address',
    ],
    [
      'low-value host',
      () => isolateRequest('1'),
      'execute',
      'autonomous:isolate_low_value_host',
    ],
    [
      'medium-value host',
      () => isolateRequest('5'),
      'approval_required',
      'autonomous:no_matching_rule',
    ],
    [
      'account',
      {
        ...blockRequest('203.0.113.7'),
        action: 'disable_user',
        target: canonicalizeUser('CORP\\jdoe'),
      },
      'approval_required',
      'autonomous:no_matching_rule',
    ],
  ])('decides %s', async (_name, request, decision, rule) => {
    const { checkpoint } = makeHarness({ mode: 'autonomous' });
    const resolved = typeof request === 'function' ? await request() : request;
    const result = await checkpoint.evaluate(resolved);
    expect(result.decision, result.reason).toBe(decision);
    expect(result.rule).toBe(rule);
  });

  it('rates a privileged account high', async () => {
    const { checkpoint, store } = makeHarness({ mode: 'autonomous' });
    const decision = expectDecision(
      await checkpoint.evaluate({
        ...blockRequest('203.0.113.7'),
        action: 'disable_user',
        target: canonicalizeUser('CORP\\Administrator'),
      }),
      'approval_required',
    );
    expect(decision.criticality?.level).toBe('high');
    const record = await store.approvals.get(decision.requestId);
    expect(record?.roles).toEqual([
      {
        role: 'privileged_account',
        source: 'reference set Privileged Accounts',
      },
    ]);
  });

  it('refuses executors when the audit fails', async () => {
    const { checkpoint, store, faults } = makeHarness({ mode: 'autonomous' });
    faults.failAuditWrites = true;
    const decision = await checkpoint.evaluate(blockRequest('203.0.113.7'));
    expect(expectDecision(decision, 'denied').rule).toBe('audit_unavailable');
    faults.failAuditWrites = false;
    expect(await store.audit.list()).toHaveLength(0);
  });
});

describe('rate limits', () => {
  it('are rebuilt from the audit after a reopen', async () => {
    const rateLimits = { gatedPerHour: 30, perActionPerHour: { block_ip: 2 } };
    const first = makeHarness({ mode: 'autonomous', rateLimits });
    for (const ip of ['203.0.113.1', '203.0.113.2']) {
      expectDecision(
        await first.checkpoint.evaluate(blockRequest(ip)),
        'execute',
      );
    }
    await first.store.close();
    const second = first.reopen();
    const limited = await second.checkpoint.evaluate(
      blockRequest('203.0.113.3'),
    );
    expect(expectDecision(limited, 'denied').rule).toBe('rate_limit:block_ip');
    const other = await second.checkpoint.evaluate(await isolateRequest('1'));
    expect(other.decision).toBe('execute');
    second.clock.advance(hourMs + 1000);
    const later = await second.checkpoint.evaluate(blockRequest('203.0.113.3'));
    expect(later.decision).toBe('execute');
  });

  it('caps all gated actions together', async () => {
    const { checkpoint } = makeHarness({
      mode: 'autonomous',
      rateLimits: { gatedPerHour: 1, perActionPerHour: {} },
    });
    expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.1')),
      'execute',
    );
    const limited = await checkpoint.evaluate(await isolateRequest('1'));
    expect(expectDecision(limited, 'denied').rule).toBe('rate_limit:all');
  });
});

describe('approvals and tokens', () => {
  it('requests approval once for identical calls', async () => {
    const { checkpoint, store } = makeHarness();
    const first = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const second = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    expect(first.rule).toBe('mode:approve');
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.requestId).toBe(first.requestId);
    expect(first.expiresAt).toBe('2025-03-02T10:00:00.000Z');
    const record = await store.approvals.get(first.requestId);
    expect(record).toMatchObject({
      action: 'block_ip',
      target: '203.0.113.7',
      offenseId: 42,
      rationale: 'Password spraying from one external address',
      requestedBy: 'claude-desktop',
      status: 'pending',
    });
  });

  it('points a repeated call at its approval', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    await harness.approve(pending.requestId);
    const repeated = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    expect(repeated.requestId).toBe(pending.requestId);
    expect(repeated.created).toBe(false);
    expect(repeated.reason).toMatch(/already approved/);
  });

  it('executes once with an approval token', async () => {
    const harness = makeHarness();
    const { checkpoint, store } = harness;
    const pending = expectDecision(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    expect((await checkpoint.getApproval(pending.requestId)).status).toBe(
      'pending',
    );
    const token = await harness.approve(pending.requestId, 'analyst');
    const executed = expectDecision(
      await checkpoint.evaluate(
        blockRequest('203.0.113.7', { approvalToken: token }),
      ),
      'execute',
    );
    expect(executed.rule).toBe('approval_token');
    expect(executed.claim.approver).toBe('analyst');
    await checkpoint.complete(executed.claim, {
      ok: true,
      actionId: 'act_1',
      verification: 'listed',
    });
    const reused = await checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(expectDecision(reused, 'denied').rule).toBe('token:already_used');
    const view = await checkpoint.getApproval(pending.requestId);
    expect(view.used).toBe(true);
    expect(view.token).toBeUndefined();
    const kinds = (await store.audit.list()).map((row) => row.kind);
    expect(kinds).toEqual([
      'approval_requested',
      'approved',
      'intent',
      'executed',
      'denied',
    ]);
  });

  it('releases a token after a failed execution', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    const first = expectDecision(
      await harness.checkpoint.evaluate(
        blockRequest('203.0.113.7', { approvalToken: token }),
      ),
      'execute',
    );
    await harness.checkpoint.complete(first.claim, {
      ok: false,
      error: 'QRadar answered 503',
    });
    const retry = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(retry.decision).toBe('execute');
    expect(await harness.store.audit.list({ kinds: ['failed'] })).toHaveLength(
      1,
    );
  });

  it.each<[string, Partial<GatedRequest>, string]>([
    [
      'token bound to other target',
      { target: blockRequest('203.0.113.8').target },
      'token:target_mismatch',
    ],
    [
      'token bound to other offense',
      { offenseId: 43 },
      'token:offense_mismatch',
    ],
    [
      'token bound to other parameters',
      { parameters: { note: 'x' } },
      'token:parameters_mismatch',
    ],
  ])('rejects %s', async (_name, change, rule) => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { ...change, approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').rule).toBe(rule);
  });

  it('rejects a token for another action', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(
        blockRequest('10.0.5.31', { confidence: 0.95 }),
      ),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    const request = await isolateRequest('1');
    const decision = await harness.checkpoint.evaluate({
      ...request,
      target: { ...request.target, value: '10.0.5.31' },
      offenseId: 42,
      approvalToken: token,
    });
    expect(expectDecision(decision, 'denied').rule).toBe(
      'token:action_mismatch',
    );
  });

  it('rejects an expired token', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    harness.clock.advance(16 * 60_000);
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').rule).toBe('token:expired');
    const view = await harness.checkpoint.getApproval(pending.requestId);
    expect(view.token).toBeUndefined();
    expect(view.message).toMatch(/expired unused/);
    const renewed = await harness.approve(pending.requestId);
    const executed = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: renewed }),
    );
    expect(executed.decision).toBe('execute');
  });

  it('rejects a token signed by another key', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const record = await harness.store.approvals.get(pending.requestId);
    const { token } = await issueApprovalToken(
      {
        requestId: pending.requestId,
        action: 'block_ip',
        target: '203.0.113.7',
        offenseId: 42,
        parametersDigest: record!.parametersDigest,
        approver: 'soc-lead',
      },
      {
        signingKey: loadSigningKey(makeTempDir()),
        nowMs: harness.clock.now(),
        lifetimeMs: 60_000,
      },
    );
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').rule).toBe('token:bad_signature');
  });

  it('rejects a token of a revoked approval', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    await denyRequest({
      store: harness.store,
      policy: harness.policy,
      requestId: pending.requestId,
      approver: 'soc-lead',
      reason: 'wrong address',
    });
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').rule).toBe('token:not_approved');
  });

  it('claims nothing when the intent audit fails', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    harness.faults.failAuditWrites = true;
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(expectDecision(decision, 'denied').rule).toBe('audit_unavailable');
    expect(
      await harness.store.claims.usedAt(pending.requestId),
    ).toBeUndefined();
    harness.faults.failAuditWrites = false;
    const retry = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7', { approvalToken: token }),
    );
    expect(retry.decision).toBe('execute');
  });

  it('executes once under 20 concurrent claims', async () => {
    const harness = makeHarness();
    const pending = expectDecision(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId);
    const others = Array.from({ length: 20 }, () => harness.reopen());
    const decisions = await Promise.all(
      others.map((other) =>
        other.checkpoint.evaluate(
          blockRequest('203.0.113.7', { approvalToken: token }),
        ),
      ),
    );
    const executed = decisions.filter(
      (decision) => decision.decision === 'execute',
    );
    expect(executed).toHaveLength(1);
    const rules = decisions
      .filter((decision) => decision.decision === 'denied')
      .map((decision) => decision.rule);
    expect(rules).toEqual(
      Array.from({ length: 19 }, () => 'token:already_used'),
    );
    expect(await harness.store.audit.list({ kinds: ['intent'] })).toHaveLength(
      1,
    );
    await Promise.all(others.map((other) => other.store.close()));
  });

  it('binds update_offense parameters', async () => {
    const harness = makeHarness();
    const request: GatedRequest = {
      ...blockRequest('203.0.113.7'),
      action: 'update_offense',
      target: offenseTarget(42),
      parameters: { status: 'CLOSED', closing_reason: 'False-Positive, Tuned' },
    };
    const pending = expectDecision(
      await harness.checkpoint.evaluate(request),
      'approval_required',
    );
    const token = await harness.approve(pending.requestId, 'analyst');
    const changed = await harness.checkpoint.evaluate({
      ...request,
      parameters: { status: 'OPEN' },
      approvalToken: token,
    });
    expect(expectDecision(changed, 'denied').rule).toBe(
      'token:parameters_mismatch',
    );
    const same = await harness.checkpoint.evaluate({
      ...request,
      approvalToken: token,
    });
    expect(expectDecision(same, 'execute').claim.parameters).toEqual(
      request.parameters,
    );
  });
});
