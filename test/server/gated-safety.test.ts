import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import type { Policy } from '../../src/policy/index.js';
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js';
import { openStore, type StoreFaults } from '../../src/store/index.js';
import {
  testOffenses,
  testTargets,
  writeTestCases,
} from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  testSecToken,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

const blockSet = 'QRadar-MCP Blocked IPs';

const gatedBase = {
  offense_id: testOffenses.main,
  rationale: 'Password spraying from one external source, then a success.',
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

function blocked(harness: McpHarness): string[] {
  return (harness.simulator.state.referenceSetElements(blockSet) ?? []).map(
    (element) => element.value,
  );
}

function blockWrites(harness: McpHarness): number {
  return harness.simulator.requests.filter(
    (request) =>
      request.method === 'POST' &&
      request.path.startsWith('/api/reference_data/sets/'),
  ).length;
}

let lastRequestId = '';

async function approvedToken(
  harness: McpHarness,
  args: Record<string, unknown>,
): Promise<string> {
  const request = await harness.call('block_ip', { ...args, confidence: 0.5 });
  expect(field(request, 'decision')).toBe('approval_required');
  lastRequestId = String(field(request, 'request_id'));
  await harness.approve(lastRequestId);
  return harness.token(lastRequestId);
}

describe('gated call safety', () => {
  it('executes one token once under 20 concurrent calls', async () => {
    const harness = await harnessFor();
    const args = { ...gatedBase, ip: testTargets.ip.plain };
    const token = await approvedToken(harness, args);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        harness.call('block_ip', { ...args, approval_token: token }),
      ),
    );
    const decisions = results.map((result) => field(result, 'decision'));
    expect(
      decisions.filter((decision) => decision === 'executed'),
    ).toHaveLength(1);
    expect(decisions.filter((decision) => decision === 'denied')).toHaveLength(
      19,
    );
    const rules = new Set(
      results
        .filter((result) => field(result, 'decision') === 'denied')
        .map((result) => field(result, 'rule')),
    );
    expect([...rules]).toEqual(['token:already_used']);
    const executed = await harness.store.audit.list({ kinds: ['executed'] });
    expect(executed).toHaveLength(1);
    expect(await harness.store.actions.list()).toHaveLength(1);
    expect(blocked(harness)).toContain(testTargets.ip.plain);
  });

  it('runs no executor when the audit fails', async () => {
    const faults: StoreFaults = {};
    const harness = await harnessFor({ storeFaults: faults });
    const args = { ...gatedBase, ip: testTargets.ip.plain };
    const token = await approvedToken(harness, args);
    const writesBefore = blockWrites(harness);
    faults.failAuditWrites = true;
    const result = await harness.call('block_ip', {
      ...args,
      approval_token: token,
    });
    faults.failAuditWrites = false;
    expect(field(result, 'decision')).toBe('denied');
    expect(field(result, 'rule')).toBe('audit_unavailable');
    expect(blockWrites(harness)).toBe(writesBefore);
    expect(blocked(harness)).not.toContain(testTargets.ip.plain);
    expect(await harness.store.actions.list()).toEqual([]);
    expect(await harness.store.claims.usedAt(lastRequestId)).toBeUndefined();
  });

  it('stops at a kill switch set elsewhere', async () => {
    const harness = await harnessFor();
    const args = { ...gatedBase, ip: testTargets.ip.plain };
    const token = await approvedToken(harness, args);
    const operator = openStore(harness.dataDir, {
      logger: createSilentLogger(),
    });
    await operator.killSwitch.set({
      halted: true,
      by: 'operator',
      reason: 'incident review',
    });
    const halted = await harness.call('block_ip', {
      ...args,
      approval_token: token,
    });
    expect(field(halted, 'decision')).toBe('denied');
    expect(field(halted, 'rule')).toBe('kill_switch');
    expect(field(halted, 'reason')).toContain('incident review');
    expect(blocked(harness)).not.toContain(testTargets.ip.plain);
    await operator.killSwitch.set({ halted: false, by: 'operator' });
    await operator.close();
    const resumed = await harness.call('block_ip', {
      ...args,
      approval_token: token,
    });
    expect(field(resumed, 'decision')).toBe('executed');
    expect(blocked(harness)).toContain(testTargets.ip.plain);
  });

  it('keeps the rate limit across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-restart-'));
    const simulator: RunningSimulator = await startSimulator({
      dbPath: ':memory:',
      token: testSecToken,
      casesDir: writeTestCases(dataDir),
    });
    cleanups.push(async () => {
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const options = {
      dataDir,
      simulator,
      mode: 'autonomous' as const,
      adjustPolicy: (policy: Policy): Policy => ({
        ...policy,
        rateLimits: { ...policy.rateLimits, perActionPerHour: { block_ip: 1 } },
      }),
    };
    const first = await startMcpHarness(options);
    const allowed = await first.call('block_ip', {
      ...gatedBase,
      ip: '203.0.113.61',
    });
    expect(field(allowed, 'decision')).toBe('executed');
    await first.close();

    const second = await harnessFor(options);
    const limited = await second.call('block_ip', {
      ...gatedBase,
      ip: '203.0.113.62',
    });
    expect(field(limited, 'decision')).toBe('denied');
    expect(field(limited, 'rule')).toBe('rate_limit:block_ip');
    expect(blocked(second)).not.toContain('203.0.113.62');
  });

  it.each([
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['203.0.113.7', '::ffff:cb00:7107'],
  ])('matches approval of %s for %s', async (requested, presented) => {
    const harness = await harnessFor();
    const token = await approvedToken(harness, { ...gatedBase, ip: requested });
    const result = await harness.call('block_ip', {
      ...gatedBase,
      ip: presented,
      approval_token: token,
    });
    expect(field(result, 'decision')).toBe('executed');
    expect(field(result, 'target')).toBe('203.0.113.7');
    expect(blocked(harness)).toContain('203.0.113.7');
  });

  it('releases the approval when the executor fails', async () => {
    const harness = await harnessFor();
    const args = { ...gatedBase, ip: testTargets.ip.plain };
    const token = await approvedToken(harness, args);
    harness.simulator.addFault({
      method: 'POST',
      path: '^/api/reference_data/sets/QRadar-MCP',
      status: 500,
      count: 1,
    });
    const failed = await harness.call('block_ip', {
      ...args,
      approval_token: token,
    });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toContain(
      'retry the identical call with the same approval_token',
    );
    expect(blocked(harness)).not.toContain(testTargets.ip.plain);
    const failedRows = await harness.store.audit.list({ kinds: ['failed'] });
    expect(failedRows).toHaveLength(1);
    const retried = await harness.call('block_ip', {
      ...args,
      approval_token: token,
    });
    expect(field(retried, 'decision')).toBe('executed');
    expect(blocked(harness)).toContain(testTargets.ip.plain);
  });

  it('reports listed, not contained, for reference sets', async () => {
    const harness = await harnessFor({ mode: 'autonomous' });
    const result = await harness.call('block_ip', {
      ...gatedBase,
      ip: testTargets.ip.plain,
    });
    expect(field(result, 'decision')).toBe('executed');
    expect(field(result, 'verification')).toBe('listed');
    expect(field(result, 'next_step')).toContain(
      'does not confirm containment',
    );
    const [action] = await harness.store.actions.list();
    expect(action?.expiresAt).not.toBeNull();
  });
});
