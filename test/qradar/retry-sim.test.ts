import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { QRadarClient } from '../../src/qradar/index.js';
import {
  QRadarConnectionError,
  QRadarServerError,
  QRadarTimeoutError,
} from '../../src/qradar/index.js';
import type { RunningSimulator } from '../../src/sim/index.js';
import {
  createCapturingLogger,
  createFakeTime,
  createTestClient,
  startTestSimulator,
  type CapturedLog,
  type FakeTime,
} from './helpers.js';

let time: FakeTime;
let simulator: RunningSimulator;
let client: QRadarClient;
let log: CapturedLog;

beforeEach(async () => {
  time = createFakeTime();
  simulator = await startTestSimulator(time);
  log = createCapturingLogger();
  client = createTestClient(simulator, time, { logger: log.logger });
  // Negotiate the version first so that request counts below see only the call under test.
  await client.apiVersion();
});

afterEach(async () => {
  await client.close();
  await simulator.close();
});

function countRequests(method: string, path: string): number {
  return simulator.requests.filter(
    (request) => request.method === method && request.path === path,
  ).length;
}

describe('QRadar client retry policy', () => {
  it('honours Retry-After on 429', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      status: 429,
      retryAfterS: 3,
      count: 1,
    });
    const offense = await client.getOffense(101);
    expect(offense.id).toBe(101);
    expect(time.sleeps).toEqual([3_000]);
    expect(countRequests('GET', '/api/siem/offenses/101')).toBe(2);
  });

  it('retries 503 then succeeds', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses$',
      status: 503,
      count: 2,
    });
    const page = await client.listOffenses();
    expect(page.items.length).toBeGreaterThan(0);
    expect(time.sleeps).toEqual([500, 1_000]);
    expect(countRequests('GET', '/api/siem/offenses')).toBe(3);
  });

  it('gives up after two retries', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      status: 503,
      count: 5,
    });
    const error: unknown = await client
      .getOffense(101)
      .catch((caught: unknown) => caught);
    expect(QRadarServerError.is(error)).toBe(true);
    expect((error as QRadarServerError).retryable).toBe(true);
    expect(countRequests('GET', '/api/siem/offenses/101')).toBe(3);
  });

  it('logs one line per retry', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      status: 502,
      count: 2,
    });
    await client.getOffense(101);
    const retries = log.lines.filter((line) => line.includes('Retrying'));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('(retry 1 of 2)');
    expect(retries[1]).toContain('(retry 2 of 2)');
    expect(retries[0]).toContain('"level":40');
  });

  it('never logs the SEC token', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      status: 503,
      count: 1,
    });
    await client.getOffense(101);
    await client.listOffenses();
    expect(log.lines.length).toBeGreaterThan(2);
    for (const line of log.lines) expect(line).not.toContain(simulator.token);
  });

  it('retries reset connection on GET', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      reset: true,
      count: 1,
    });
    const offense = await client.getOffense(101);
    expect(offense.id).toBe(101);
    expect(time.sleeps).toHaveLength(1);
  });

  it('never retries Ariel search creation', async () => {
    simulator.addFault({
      method: 'POST',
      path: '^/api/ariel/searches$',
      status: 503,
      afterEffect: true,
      count: 1,
    });
    const error: unknown = await client
      .createSearch('SELECT sourceip FROM events LAST 1 HOURS')
      .catch((caught: unknown) => caught);
    expect(QRadarServerError.is(error)).toBe(true);
    expect((error as QRadarServerError).status).toBe(503);
    expect(countRequests('POST', '/api/ariel/searches')).toBe(1);
    expect(time.sleeps).toEqual([]);
    const searches = await client.listSearches();
    expect(searches).toHaveLength(1);
  });

  it('never retries runSearch creation', async () => {
    simulator.addFault({
      method: 'POST',
      path: '^/api/ariel/searches$',
      status: 503,
      count: 1,
    });
    await expect(
      client.runSearch('SELECT sourceip FROM events LAST 1 HOURS'),
    ).rejects.toThrow(/503/);
    expect(countRequests('POST', '/api/ariel/searches')).toBe(1);
  });

  it('never retries note creation', async () => {
    const before = simulator.state.notes(101).length;
    simulator.addFault({
      method: 'POST',
      path: '^/api/siem/offenses/101/notes$',
      status: 503,
      afterEffect: true,
      count: 1,
    });
    await expect(client.addNote(101, 'written once')).rejects.toThrow(
      QRadarServerError,
    );
    expect(countRequests('POST', '/api/siem/offenses/101/notes')).toBe(1);
    const notes = simulator.state.notes(101);
    expect(notes).toHaveLength(before + 1);
  });

  it('never retries reset offense update', async () => {
    simulator.addFault({
      method: 'POST',
      path: '^/api/siem/offenses/101$',
      reset: true,
      count: 1,
    });
    const error: unknown = await client
      .updateOffense(101, { followUp: true })
      .catch((caught: unknown) => caught);
    expect(QRadarConnectionError.is(error)).toBe(true);
    expect(countRequests('POST', '/api/siem/offenses/101')).toBe(1);
  });

  it('retries reference set upsert', async () => {
    simulator.addFault({
      method: 'POST',
      path: '^/api/reference_data/sets/Critical%20Assets$',
      status: 503,
      afterEffect: true,
      count: 1,
    });
    await client.addReferenceSetElement('Critical Assets', '10.0.9.9');
    expect(
      countRequests('POST', '/api/reference_data/sets/Critical%20Assets'),
    ).toBe(2);
    const values = simulator.state
      .referenceSetElements('Critical Assets')
      ?.map((element) => element.value);
    expect(values?.filter((value) => value === '10.0.9.9')).toHaveLength(1);
  });

  it('stops retrying at deadline', async () => {
    const short = createTestClient(simulator, time, { deadlineMs: 1_000 });
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses/101$',
      status: 429,
      retryAfterS: 5,
      count: 1,
    });
    await expect(short.getOffense(101)).rejects.toThrow(/429/);
    expect(time.sleeps).toEqual([]);
    await short.close();
  });
});

describe('QRadar client Ariel cancellation', () => {
  let slowTime: FakeTime;
  let slowSimulator: RunningSimulator;
  let slowClient: QRadarClient;

  let slowLog: CapturedLog;

  beforeEach(async () => {
    slowTime = createFakeTime();
    slowSimulator = await startTestSimulator(slowTime, {
      arielDelayMs: 600_000,
    });
    slowLog = createCapturingLogger();
    slowClient = createTestClient(slowSimulator, slowTime, {
      logger: slowLog.logger,
    });
  });

  afterEach(async () => {
    await slowClient.close();
    await slowSimulator.close();
  });

  const query = 'SELECT sourceip FROM events LAST 1 DAYS';

  it('cancels search at deadline', async () => {
    const error: unknown = await slowClient
      .runSearch(query, { deadlineMs: 5_000 })
      .catch((caught: unknown) => caught);
    expect(QRadarTimeoutError.is(error)).toBe(true);
    expect((error as QRadarTimeoutError).hint).toContain('LIMIT');
    const deletes = slowSimulator.requests.filter(
      (request) => request.method === 'DELETE',
    );
    expect(deletes).toHaveLength(1);
    const searchId = decodeURIComponent(deletes[0]!.path.split('/').at(-1)!);
    const canceled = slowLog.lines.find((line) =>
      line.includes('Canceled Ariel search'),
    );
    expect(canceled).toContain(`"searchId":"${searchId}"`);
    expect(canceled).toContain('"status":"CANCELED"');
    // DELETE also discards the search, so the console no longer lists it.
    expect(slowSimulator.state.arielSearch(searchId)).toBeUndefined();
  });

  it('caps poll interval near one second', async () => {
    await slowClient
      .runSearch(query, { deadlineMs: 6_000, pollIntervalMs: 200 })
      .catch(() => undefined);
    expect(slowTime.sleeps.slice(0, 5)).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(Math.max(...slowTime.sleeps)).toBe(1_000);
  });

  it('cancels search on abort', async () => {
    const controller = new AbortController();
    const reason = new Error('analyst closed the tool');
    const error: unknown = await slowClient
      .runSearch(query, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.status !== 'COMPLETED') controller.abort(reason);
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBe(reason);
    const deletes = slowSimulator.requests.filter(
      (request) => request.method === 'DELETE',
    );
    expect(deletes).toHaveLength(1);
  });

  it('reports progress while running', async () => {
    const updates: number[] = [];
    await slowClient
      .runSearch(query, {
        deadlineMs: 3_000,
        onProgress: (progress) => updates.push(progress.elapsedMs),
      })
      .catch(() => undefined);
    expect(updates.length).toBeGreaterThan(2);
    expect(updates[0]).toBe(0);
  });
});
