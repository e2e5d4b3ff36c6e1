import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import {
  canonicalizeIp,
  verifyWebhookSignature,
  type Policy,
} from '../../src/policy/index.js';
import { testOffenses, testTargets } from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

const blockSet = 'QRadar-MCP Blocked IPs';
const webhookSecret = 'whsec-test-0123456789abcdef';

const gatedBase = {
  offense_id: testOffenses.main,
  rationale: 'Evidence shows the account was used from the spraying source.',
  confidence: 0.9,
  evidence: [
    { kind: 'event', ref: 'event:501-1', excerpt: 'VPN Login Succeeded' },
  ],
};

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessFor(
  options: Parameters<typeof startMcpHarness>[0] = {},
): Promise<McpHarness> {
  const harness = await startMcpHarness(options);
  cleanups.push(() => harness.close());
  return harness;
}

function members(harness: McpHarness, set: string): string[] {
  return (harness.simulator.state.referenceSetElements(set) ?? []).map(
    (element) => element.value,
  );
}

async function approveAndRepeat(
  harness: McpHarness,
  tool: string,
  args: Record<string, unknown>,
): Promise<ReturnType<McpHarness['call']>> {
  const request = await harness.call(tool, args);
  expect(field(request, 'decision')).toBe('approval_required');
  const requestId = String(field(request, 'request_id'));
  await harness.approve(requestId);
  const token = await harness.token(requestId);
  return harness.call(tool, { ...args, approval_token: token });
}

describe('reference-set executors', () => {
  it('rollback removes an added block', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    const result = await harness.call('block_ip', {
      ...gatedBase,
      ip: testTargets.ip.plain,
    });
    const actionId = String(field(result, 'action_id'));
    expect(members(harness, blockSet)).toContain(testTargets.ip.plain);
    const rollback = await harness.actions.rollback(actionId, {
      actor: 'soc-lead',
      via: 'cli',
    });
    expect(rollback.removed).toBe(true);
    expect(members(harness, blockSet)).not.toContain(testTargets.ip.plain);
    expect(members(harness, blockSet)).toContain(testTargets.ip.preExisting);
    const kinds = (await harness.store.audit.list()).map((row) => row.kind);
    expect(kinds.slice(-2)).toEqual(['operator_action', 'rollback']);
    expect((await harness.store.actions.get(actionId))?.status).toBe(
      'rolled_back',
    );
  });

  it('rollback leaves a pre-existing element', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    const result = await harness.call('block_ip', {
      ...gatedBase,
      ip: testTargets.ip.preExisting,
    });
    expect(field(result, 'decision')).toBe('executed');
    const actionId = String(field(result, 'action_id'));
    expect((await harness.store.actions.get(actionId))?.existedBefore).toBe(
      true,
    );
    const rollback = await harness.actions.rollback(actionId, {
      actor: 'soc-lead',
      via: 'cli',
    });
    expect(rollback.removed).toBe(false);
    expect(rollback.detail).toContain('was there before');
    expect(members(harness, blockSet)).toContain(testTargets.ip.preExisting);
  });

  it('rollback_action needs approval, then undoes', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    const block = await harness.call('block_ip', {
      ...gatedBase,
      ip: testTargets.ip.plain,
    });
    const actionId = String(field(block, 'action_id'));
    const result = await approveAndRepeat(harness, 'rollback_action', {
      ...gatedBase,
      action_id: actionId,
    });
    expect(field(result, 'decision')).toBe('executed');
    expect(members(harness, blockSet)).not.toContain(testTargets.ip.plain);
    const listed = await harness.call('list_actions', {
      offense_id: testOffenses.main,
    });
    const [action] = field(listed, 'actions') as Record<string, unknown>[];
    expect(action?.['status']).toBe('rolled_back');
    expect(action?.['rolled_back_by']).toBe('test-client');
  });

  it('sweeper expires blocks after the time to live', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    await harness.call('block_ip', { ...gatedBase, ip: testTargets.ip.plain });
    expect(await harness.actions.sweepExpired()).toEqual([]);
    harness.clock.advance(7 * 86_400_000 + 1000);
    const swept = await harness.actions.sweepExpired();
    expect(swept.map((entry) => entry.ok)).toEqual([true]);
    expect(members(harness, blockSet)).not.toContain(testTargets.ip.plain);
    const [action] = await harness.store.actions.list();
    expect(action?.status).toBe('expired');
    expect(action?.rolledBackBy).toBe('sweeper');
  });

  it('creates a missing block set with FIRST_SEEN', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    await harness.qradar.deleteReferenceSet(blockSet);
    const result = await harness.call('block_ip', {
      ...gatedBase,
      ip: testTargets.ip.plain,
    });
    expect(field(result, 'verification')).toBe('listed');
    const set = harness.simulator.state.referenceSet(blockSet);
    expect(set?.element_type).toBe('IP');
    expect(set?.timeout_type).toBe('FIRST_SEEN');
    expect(set?.time_to_live).toMatch(/7 days/);
  });

  it('lists hosts and accounts by name', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    const host = await harness.call('isolate_host', {
      ...gatedBase,
      host: '10.0.20.30',
    });
    expect(field(host, 'decision')).toBe('executed');
    expect(field(host, 'target')).toBe('asset:2');
    expect(members(harness, 'QRadar-MCP Isolated Hosts')).toEqual([
      testTargets.host.plain,
    ]);
    const user = await approveAndRepeat(harness, 'disable_user', {
      ...gatedBase,
      username: 'CORP\\JDoe',
    });
    expect(field(user, 'target')).toBe('jdoe');
    expect(members(harness, 'QRadar-MCP Disabled Users')).toEqual([
      'corp\\jdoe',
    ]);
  });

  it('rejects rollback of an unknown action', async () => {
    const harness = await harnessFor();
    await expect(
      harness.actions.rollback('act_000000000000', {
        actor: 'soc-lead',
        via: 'cli',
      }),
    ).rejects.toThrow('not found');
    const result = await harness.call('rollback_action', {
      ...gatedBase,
      action_id: 'act_000000000000',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('list_actions');
  });
});

interface ReceivedHook {
  body: Record<string, unknown>;
  valid: boolean;
}

async function startReceiver(
  answer: (event: string) => { status: number; body: string },
): Promise<{ url: string; received: ReceivedHook[] }> {
  const received: ReceivedHook[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      const check = verifyWebhookSignature({
        secret: webhookSecret,
        body: text,
        timestamp: request.headers['x-qradar-mcp-timestamp'] as
          string | undefined,
        signature: request.headers['x-qradar-mcp-signature'] as
          string | undefined,
        nowMs: Date.now(),
      });
      received.push({ body, valid: check.ok });
      const reply = answer(String(body['event']));
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/disable-user`, received };
}

function webhookPolicy(url: string): (policy: Policy) => Policy {
  return (policy) => ({
    ...policy,
    executors: {
      ...policy.executors,
      disable_user: { type: 'webhook', url, secretEnv: 'TEST_SOAR_SECRET' },
    },
  });
}

describe('webhook executor', () => {
  it('ends unverified when the receiver does nothing', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '' }));
    const harness = await harnessFor({
      adjustPolicy: webhookPolicy(receiver.url),
      env: { TEST_SOAR_SECRET: webhookSecret },
    });
    const result = await approveAndRepeat(harness, 'disable_user', {
      ...gatedBase,
      username: 'jdoe',
    });
    expect(field(result, 'decision')).toBe('executed');
    expect(field(result, 'verification')).toBe('unverified');
    expect(field(result, 'next_step')).toContain('not contained');
    expect(receiver.received.map((hook) => hook.body['event'])).toEqual([
      'execute',
      'status',
    ]);
    expect(receiver.received.every((hook) => hook.valid)).toBe(true);
    expect(receiver.received[0]?.body['target']).toMatchObject({
      kind: 'user',
      value: 'jdoe',
    });
  });

  it('confirms when the status check reports the effect', async () => {
    const receiver = await startReceiver((event) =>
      event === 'status'
        ? { status: 200, body: '{"state":"applied"}' }
        : { status: 202, body: '{"state":"accepted"}' },
    );
    const harness = await harnessFor({
      adjustPolicy: webhookPolicy(receiver.url),
      env: { TEST_SOAR_SECRET: webhookSecret },
    });
    const result = await approveAndRepeat(harness, 'disable_user', {
      ...gatedBase,
      username: 'jdoe',
    });
    expect(field(result, 'verification')).toBe('confirmed');
    const actionId = String(field(result, 'action_id'));
    await harness.actions.rollback(actionId, { actor: 'soc-lead', via: 'cli' });
    expect(receiver.received.at(-1)?.body['event']).toBe('rollback');
    expect(receiver.received.at(-1)?.valid).toBe(true);
  });

  it('fails and releases on an error status', async () => {
    const receiver = await startReceiver(() => ({ status: 503, body: 'busy' }));
    const harness = await harnessFor({
      adjustPolicy: webhookPolicy(receiver.url),
      env: { TEST_SOAR_SECRET: webhookSecret },
    });
    const result = await approveAndRepeat(harness, 'disable_user', {
      ...gatedBase,
      username: 'jdoe',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('HTTP 503');
    expect(await harness.store.actions.list()).toEqual([]);
    expect((await harness.store.audit.list({ kinds: ['failed'] })).length).toBe(
      1,
    );
  });

  it('refuses to run without its secret', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '' }));
    const harness = await harnessFor({
      adjustPolicy: webhookPolicy(receiver.url),
      env: {},
    });
    const execution = await harness.actions.execute({
      action: 'disable_user',
      target: {
        kind: 'user',
        value: 'jdoe',
        label: 'jdoe',
        input: 'jdoe',
        domain: null,
      },
      offenseId: testOffenses.main,
      intentSeq: 1,
      requestId: null,
    });
    expect(execution.outcome.ok).toBe(false);
    expect(execution.detail).toContain('TEST_SOAR_SECRET is not set');
    expect(receiver.received).toEqual([]);
  });
});

describe('action records', () => {
  it('binds expiry to block actions only', async () => {
    const harness = await harnessFor();
    const execution = await harness.actions.execute({
      action: 'block_ip',
      target: canonicalizeIp('203.0.113.77'),
      offenseId: testOffenses.main,
      intentSeq: 1,
      requestId: null,
    });
    const expected = new Date(
      harness.clock.now() + 7 * 86_400_000,
    ).toISOString();
    expect(execution.record?.expiresAt).toBe(expected);
    expect(execution.record?.executor).toBe(`reference_set:${blockSet}`);
  });
});
