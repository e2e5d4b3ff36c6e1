import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import {
  approveRequest,
  createApprovalNotifier,
  createCheckpoint,
  denyRequest,
  elicitationAllows,
  PolicyError,
  signatureHeader,
  signWebhookBody,
  timestampHeader,
  verifyWebhookSignature,
  type CheckpointDecision,
} from '../../src/policy/index.js';
import {
  blockRequest,
  logger,
  makeHarness,
} from './support/checkpoint-harness.js';

function requestIdOf(decision: CheckpointDecision): string {
  expect(decision.decision, decision.reason).toBe('approval_required');
  return decision.decision === 'approval_required' ? decision.requestId : '';
}

function policyErrorCode(error: unknown): string | undefined {
  return PolicyError.is(error) ? error.code : undefined;
}

describe('approver rules', () => {
  it('refuses a non-soc_lead for a high target', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(
        blockRequest('10.0.9.9', { criticalityInput: { weight: '7' } }),
      ),
    );
    const attempt = approveRequest({
      store: harness.store,
      policy: harness.policy,
      dataDir: harness.dataDir,
      requestId,
      approver: 'analyst',
    });
    await expect(attempt).rejects.toThrow(/needs the role soc_lead/);
    await expect(attempt).rejects.toSatisfy(
      (error) => policyErrorCode(error) === 'APPROVER_NOT_ALLOWED',
    );
    expect((await harness.store.approvals.get(requestId))?.status).toBe(
      'pending',
    );
    const approved = await approveRequest({
      store: harness.store,
      policy: harness.policy,
      dataDir: harness.dataDir,
      requestId,
      approver: 'soc-lead',
    });
    expect(approved.status).toBe('approved');
  });

  it('refuses an approver missing from the policy', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    await expect(
      approveRequest({
        store: harness.store,
        policy: harness.policy,
        dataDir: harness.dataDir,
        requestId,
        approver: 'mallory',
      }),
    ).rejects.toSatisfy(
      (error) => policyErrorCode(error) === 'APPROVER_UNKNOWN',
    );
  });

  it('refuses a second decision', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    await denyRequest({
      store: harness.store,
      policy: harness.policy,
      requestId,
      approver: 'analyst',
      reason: 'benign scanner',
    });
    await expect(
      approveRequest({
        store: harness.store,
        policy: harness.policy,
        dataDir: harness.dataDir,
        requestId,
        approver: 'soc-lead',
      }),
    ).rejects.toSatisfy(
      (error) => policyErrorCode(error) === 'REQUEST_NOT_PENDING',
    );
    const view = await harness.checkpoint.getApproval(requestId);
    expect(view).toMatchObject({
      status: 'denied',
      decidedBy: 'analyst',
      decisionReason: 'benign scanner',
    });
  });

  it('expires a request after 24 hours', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    harness.clock.advance(24 * 3_600_000 + 1);
    expect((await harness.checkpoint.getApproval(requestId)).status).toBe(
      'expired',
    );
    const again = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    expect(again).not.toBe(requestId);
  });

  it('reports an unknown request', async () => {
    const { checkpoint } = makeHarness();
    await expect(checkpoint.getApproval('apr_missing')).rejects.toSatisfy(
      (error) => policyErrorCode(error) === 'REQUEST_NOT_FOUND',
    );
  });
});

describe('elicitation', () => {
  const enabled = {
    elicitation: {
      enabled: true,
      actions: ['block_ip' as const],
      maxCriticality: 'medium' as const,
    },
  };

  it('is refused by the shipped policy', async () => {
    const harness = makeHarness();
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    const requestId = requestIdOf(decision);
    expect(
      decision.decision === 'approval_required' && decision.elicitationAllowed,
    ).toBe(false);
    const result = await harness.checkpoint.approveByElicitation(requestId, {
      name: 'claude-desktop',
    });
    expect(result.decision).toBe('denied');
    expect(result.rule).toBe('elicitation:not_allowed');
  });

  it('approves and claims where allowed', async () => {
    const harness = makeHarness(enabled);
    const decision = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    const requestId = requestIdOf(decision);
    expect(
      decision.decision === 'approval_required' && decision.elicitationAllowed,
    ).toBe(true);
    const result = await harness.checkpoint.approveByElicitation(requestId, {
      name: 'claude-desktop',
    });
    expect(result.decision).toBe('execute');
    expect(result.rule).toBe('elicitation');
    const record = await harness.store.approvals.get(requestId);
    expect(record).toMatchObject({
      status: 'approved',
      decisionKind: 'elicitation',
      decidedBy: 'claude-desktop',
      token: null,
    });
    const second = await harness.checkpoint.approveByElicitation(requestId, {
      name: 'claude-desktop',
    });
    expect(second.decision).toBe('denied');
  });

  it('rejects a client role below the rule', async () => {
    const harness = makeHarness({
      ...enabled,
      approvalRules: [
        {
          name: 'lead_only',
          actions: undefined,
          minCriticality: undefined,
          maxCriticality: undefined,
          approverRoles: ['soc_lead'],
        },
      ],
    });
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    const refused = await harness.checkpoint.approveByElicitation(requestId, {
      name: 'remote-agent',
      role: 'analyst',
    });
    expect(refused.decision).toBe('denied');
    expect(refused.rule).toBe('elicitation:role_not_allowed');
    expect((await harness.store.approvals.get(requestId))?.status).toBe(
      'pending',
    );
    const accepted = await harness.checkpoint.approveByElicitation(requestId, {
      name: 'lead-console',
      role: 'soc_lead',
    });
    expect(accepted.decision).toBe('execute');
  });

  it('records a decline as a denial', async () => {
    const harness = makeHarness(enabled);
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    await harness.checkpoint.declineByElicitation(requestId, {
      name: 'claude-desktop',
    });
    expect((await harness.store.approvals.get(requestId))?.status).toBe(
      'denied',
    );
  });

  it.each([
    ['protected target', 'low', [{ role: 'protected', source: 'x' }], false],
    ['criticality above maximum', 'high', [], false],
    ['allowed request', 'medium', [], true],
  ])('decides %s', (_name, criticality, roles, allowed) => {
    const { policy } = makeHarness(enabled);
    expect(
      elicitationAllows(policy, { action: 'block_ip', criticality, roles }),
    ).toBe(allowed);
  });
});

describe('notify webhook', () => {
  const servers: { close(): void }[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  async function startReceiver(status: number): Promise<{
    url: string;
    received: { headers: IncomingMessage['headers']; body: string }[];
  }> {
    const received: { headers: IncomingMessage['headers']; body: string }[] =
      [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(status).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/hook`, received };
  }

  it('sends a signed notification per new request', async () => {
    const receiver = await startReceiver(204);
    const harness = makeHarness({
      notify: { url: receiver.url, secretEnv: 'TEST_NOTIFY_SECRET' },
    });
    const checkpoint = createCheckpoint({
      store: harness.store,
      policy: harness.policy,
      logger,
      dataDir: harness.dataDir,
      referenceData: harness.referenceData,
      env: { TEST_NOTIFY_SECRET: 'notify-secret-value' },
    });
    const requestId = requestIdOf(
      await checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    await checkpoint.evaluate(blockRequest('203.0.113.7'));
    await checkpoint.settled();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const body = JSON.parse(delivery!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      event: 'approval_requested',
      request_id: requestId,
      action: 'block_ip',
      offense_id: 42,
    });
    const check = verifyWebhookSignature({
      secret: 'notify-secret-value',
      body: delivery!.body,
      timestamp: delivery!.headers['x-qradar-mcp-timestamp'] as string,
      signature: delivery!.headers['x-qradar-mcp-signature'] as string,
      nowMs: harness.clock.now(),
    });
    expect(check).toEqual({ ok: true });
  });

  it('never blocks on a failing webhook', async () => {
    const receiver = await startReceiver(500);
    const harness = makeHarness();
    const notifier = createApprovalNotifier({
      config: { url: receiver.url, secretEnv: 'TEST_NOTIFY_SECRET' },
      logger,
      env: { TEST_NOTIFY_SECRET: 'notify-secret-value' },
      nowMs: harness.clock.now,
    });
    const checkpoint = createCheckpoint({
      store: harness.store,
      policy: harness.policy,
      logger,
      dataDir: harness.dataDir,
      referenceData: harness.referenceData,
      notifier,
    });
    const decision = await checkpoint.evaluate(blockRequest('203.0.113.7'));
    expect(decision.decision).toBe('approval_required');
    await checkpoint.settled();
    expect(receiver.received).toHaveLength(1);
  });

  it('rejects a tampered or stale signature', () => {
    const base = {
      secret: 's3cret',
      body: '{"a":1}',
      timestamp: '1740823200',
      nowMs: 1740823200_000,
    };
    const headers = signWebhookBody(base.secret, base.body, base.nowMs);
    expect(headers[timestampHeader]).toBe(base.timestamp);
    const signature = headers[signatureHeader];
    expect(verifyWebhookSignature({ ...base, signature })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature({ ...base, signature, body: '{"a":2}' }).ok,
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        ...base,
        signature,
        nowMs: base.nowMs + 301_000,
      }).ok,
    ).toBe(false);
  });
});
