import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { QRadarClient } from '../../src/qradar/index.js';
import {
  QRadarAuthError,
  QRadarConflictError,
  QRadarConnectionError,
  QRadarError,
  QRadarForbiddenError,
  QRadarNotFoundError,
  QRadarServerError,
  QRadarTimeoutError,
  QRadarUnprocessableError,
} from '../../src/qradar/index.js';
import type { RunningSimulator } from '../../src/sim/index.js';
import {
  createFakeTime,
  createTestClient,
  startTestSimulator,
  type FakeTime,
} from './helpers.js';

let time: FakeTime;
let simulator: RunningSimulator;
let client: QRadarClient;

beforeAll(async () => {
  time = createFakeTime();
  simulator = await startTestSimulator(time);
  client = createTestClient(simulator, time, { apiVersion: '26.0' });
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

async function failure(promise: Promise<unknown>): Promise<QRadarError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!QRadarError.is(error))
    throw new Error(`expected a QRadarError, got ${String(error)}`);
  return error;
}

describe('QRadar client error family', () => {
  it('maps 401 to auth error', async () => {
    const wrongToken = 'wrong-token-value-1234';
    const stranger = createTestClient(simulator, time, {
      secToken: wrongToken,
      apiVersion: '26.0',
    });
    const error = await failure(stranger.getOffense(101));
    await stranger.close();
    expect(QRadarAuthError.is(error)).toBe(true);
    expect(error.code).toBe('QRADAR_AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.hint).toContain('QRADAR_SEC_TOKEN');
    expect(error.message).not.toContain(wrongToken);
    expect(JSON.stringify(error)).not.toContain(wrongToken);
  });

  it('maps 404 to not found with hint', async () => {
    const error = await failure(client.getOffense(999));
    expect(QRadarNotFoundError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(QRadarNotFoundError);
    expect(error.code).toBe('QRADAR_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.qradarCode).toBe(1002);
    expect(error.path).toBe('/api/siem/offenses/999');
    expect(error.hint).toBe(
      'offense 999 not found: list open offenses with list_offenses',
    );
    expect(error.message).toBe(
      'Offense 999 not found: list open offenses with list_offenses.',
    );
  });

  it('maps missing set value to 404', async () => {
    const error = await failure(
      client.deleteReferenceSetElement('Critical Assets', '192.0.2.99'),
    );
    expect(QRadarNotFoundError.is(error)).toBe(true);
    expect(error.hint).toContain('nothing to remove');
  });

  it('maps 409 to conflict', async () => {
    const error = await failure(
      client.createReferenceSet({ name: 'Critical Assets', elementType: 'IP' }),
    );
    expect(QRadarConflictError.is(error)).toBe(true);
    expect(error.status).toBe(409);
    expect(error.hint).toContain('read it instead of creating it');
    expect(error.message).toMatch(
      /^Failed to create reference set "Critical Assets": .*\(HTTP 409/,
    );
  });

  it('maps close without reason to 409', async () => {
    const error = await failure(
      client.updateOffense(101, { status: 'CLOSED' }),
    );
    expect(QRadarConflictError.is(error)).toBe(true);
    expect(error.qradarCode).toBe(1008);
    expect(error.qradarMessage).toContain('closing_reason_id is required');
    expect(error.hint).toContain('closing reason');
    expect(simulator.state.offense(101)?.['status']).toBe('OPEN');
  });

  it('maps 422 on bad AQL', async () => {
    const error = await failure(client.createSearch('SELEC * FROM events'));
    expect(QRadarUnprocessableError.is(error)).toBe(true);
    expect(error.status).toBe(422);
    expect(error.qradarCode).toBe(2000);
    expect(error.hint).toContain('correct the AQL');
  });

  it('maps 403 to forbidden', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/system/about$',
      status: 403,
      count: 1,
    });
    const error = await failure(client.getSystemAbout());
    expect(QRadarForbiddenError.is(error)).toBe(true);
    expect(error.hint).toContain('GET /api/system/about');
  });

  it('does not retry 500', async () => {
    simulator.addFault({
      method: 'GET',
      path: '^/api/system/about$',
      status: 500,
      count: 1,
    });
    const before = simulator.requests.length;
    const error = await failure(client.getSystemAbout());
    expect(QRadarServerError.is(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(simulator.requests.length - before).toBe(1);
  });

  it('names QRADAR_URL when refused', async () => {
    const closed = await startTestSimulator(time);
    const url = closed.url;
    await closed.close();
    const orphan = createTestClient(closed, time, {
      baseUrl: url,
      apiVersion: '26.0',
    });
    const error = await failure(orphan.getOffense(101));
    await orphan.close();
    expect(QRadarConnectionError.is(error)).toBe(true);
    expect(error.message).toContain(`Failed to connect to ${url}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toContain('QRADAR_URL');
  });

  it('times out slow request', async () => {
    const slow = await startTestSimulator(createFakeTime(), {
      latencyMs: 5_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    const impatient = createTestClient(slow, time, {
      apiVersion: '26.0',
      timeoutMs: 50,
      maxRetries: 0,
    });
    const error = await failure(impatient.getOffense(101));
    await impatient.close();
    await slow.close();
    expect(QRadarTimeoutError.is(error)).toBe(true);
    expect(error.message).toContain('no response within 0.05 s');
  });

  it('rejects with abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(
      client.getOffense(101, { signal: controller.signal }),
    ).rejects.toBe(reason);
  });
});
