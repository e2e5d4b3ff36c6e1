import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { startSimulator, type RunningSimulator } from '../../src/sim/index.js';
import type { Sleep } from '../../src/qradar/index.js';
import { writeTestCases } from '../support/mcp-cases.js';
import {
  createTestClock,
  field,
  startMcpHarness,
  testSecToken,
  textOf,
  type McpHarness,
  type TestClock,
} from '../support/mcp-harness.js';

const query =
  'SELECT sourceip, username, COUNT(*) AS events FROM events GROUP BY sourceip, username ORDER BY events DESC LAST 2 DAYS';

let harness: McpHarness | undefined;
let simulator: RunningSimulator | undefined;
let casesRoot: string | undefined;

afterEach(async () => {
  await harness?.close();
  await simulator?.close();
  if (casesRoot !== undefined)
    rmSync(casesRoot, { recursive: true, force: true });
  harness = undefined;
  simulator = undefined;
  casesRoot = undefined;
});

/**
 * Starts a simulator whose Ariel searches take `arielDelayMs` on a shared
 * test clock, and a server whose poll sleep moves that clock instead of
 * waiting, so a minute-long search finishes instantly.
 */
async function startSlowSearches(
  arielDelayMs: number,
  sleep?: (clock: TestClock) => Sleep,
): Promise<McpHarness> {
  const clock = createTestClock();
  casesRoot = mkdtempSync(join(tmpdir(), 'qradar-mcp-aql-'));
  simulator = await startSimulator({
    dbPath: ':memory:',
    token: testSecToken,
    casesDir: writeTestCases(casesRoot),
    arielDelayMs,
    now: clock.now,
  });
  const advancingSleep: Sleep = (ms) => {
    clock.advance(ms);
    return Promise.resolve();
  };
  harness = await startMcpHarness({
    simulator,
    clock,
    sleep: sleep === undefined ? advancingSleep : sleep(clock),
  });
  return harness;
}

describe('run_aql', () => {
  it('returns rows with counts', async () => {
    harness = await startMcpHarness();
    const result = await harness.call('run_aql', { query, max_rows: 2 });
    expect(result.isError).toBeFalsy();
    expect(field(result, 'status')).toBe('completed');
    expect(field(result, 'query')).toContain('LIMIT 2 LAST 2 DAYS');
    expect(field(result, 'returned')).toBe(2);
    expect(field(result, 'columns')).toEqual([
      'sourceip',
      'username',
      'events',
    ]);
    const rows = (
      result.structuredContent?.['untrusted'] as { rows: unknown[] }
    ).rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        { sourceip: '203.0.113.7', username: 'asmith', events: 5 },
        { sourceip: '203.0.113.7', username: 'jdoe', events: 5 },
      ]),
    );
  });

  it('states truncation with counts', async () => {
    harness = await startMcpHarness();
    const result = await harness.call('run_aql', {
      query: 'SELECT username FROM events LIMIT 10 LAST 2 DAYS',
      max_rows: 3,
    });
    expect(field(result, 'truncated')).toBe(true);
    expect(field(result, 'record_count')).toBe(10);
    expect(field(result, 'note')).toContain('Returned 3 of 10 rows');
  });

  it.each([
    [
      'second statement',
      'SELECT * FROM events LAST 1 HOURS; SELECT * FROM flows LAST 1 HOURS',
      'only one statement',
    ],
    ['no time window', 'SELECT * FROM events', 'time clause'],
    [
      'window too long',
      'SELECT * FROM events LAST 90 DAYS',
      'exceeds the maximum',
    ],
    [
      'limit too high',
      'SELECT * FROM events LIMIT 5000 LAST 1 HOURS',
      'exceeds the maximum',
    ],
    ['write statement', 'DELETE FROM events LAST 1 HOURS', 'only SELECT'],
  ])('rejects AQL with %s', async (_threat, badQuery, message) => {
    harness = await startMcpHarness();
    const before = harness.simulator.requests.length;
    const result = await harness.call('run_aql', { query: badQuery });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    const searches = harness.simulator.requests
      .slice(before)
      .filter((request) => request.path === '/api/ariel/searches');
    expect(searches).toEqual([]);
  });

  it('requires query or search_id', async () => {
    harness = await startMcpHarness();
    const result = await harness.call('run_aql', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('exactly one of query and search_id');
  });

  it('sends progress while the search runs', async () => {
    const running = await startSlowSearches(5000);
    const updates: Progress[] = [];
    const result = await running.call(
      'run_aql',
      { query },
      {
        onprogress: (progress) => updates.push(progress),
      },
    );
    expect(field(result, 'status')).toBe('completed');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.at(-1)?.progress).toBe(100);
    expect(updates[0]?.total).toBe(100);
  });

  it('returns running, then resumes by search_id', async () => {
    const running = await startSlowSearches(100_000);
    const first = await running.call('run_aql', { query });
    expect(field(first, 'status')).toBe('running');
    const searchId = field(first, 'search_id');
    expect(field(first, 'note')).toContain(`search_id ${String(searchId)}`);
    const second = await running.call('run_aql', { search_id: searchId });
    expect(field(second, 'status')).toBe('running');
    const third = await running.call('run_aql', { search_id: searchId });
    expect(field(third, 'status')).toBe('completed');
    expect(field(third, 'returned')).toBe(2);
  });

  it('honours a shorter timeout_s', async () => {
    const running = await startSlowSearches(20_000);
    const start = running.clock.now();
    const result = await running.call('run_aql', { query, timeout_s: 5 });
    expect(field(result, 'status')).toBe('running');
    expect(running.clock.now() - start).toBeLessThanOrEqual(6000);
  });

  it('cancels the Ariel search on cancellation', async () => {
    let pollStarted: () => void = () => undefined;
    const polling = new Promise<void>((resolve) => {
      pollStarted = resolve;
    });
    const running = await startSlowSearches(600_000, () => (_ms, signal) => {
      pollStarted();
      return new Promise<void>((_resolve, reject) => {
        signal?.addEventListener(
          'abort',
          () => reject(signal.reason as Error),
          {
            once: true,
          },
        );
      });
    });
    const controller = new AbortController();
    const call = running.call(
      'run_aql',
      { query },
      { signal: controller.signal },
    );
    await polling;
    controller.abort();
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => {
      const deletes = running.simulator.requests.filter(
        (request) =>
          request.method === 'DELETE' &&
          request.path.startsWith('/api/ariel/searches/'),
      );
      expect(deletes).toHaveLength(1);
    });
  });

  it('reports an unknown search_id', async () => {
    harness = await startMcpHarness();
    const result = await harness.call('run_aql', {
      search_id: 'no-such-search',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('run the query again');
  });
});
