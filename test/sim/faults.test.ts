import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

import { readFaultRules } from '../../src/sim/index.js';
import {
  callApi,
  cleanupSimulators,
  manualClock,
  startTestSimulator,
  tempDir,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

describe('fault rules', () => {
  it('answers status with Retry-After', async () => {
    const simulator = await startTestSimulator();
    simulator.addFault({
      method: 'GET',
      path: '^/api/siem/offenses$',
      status: 503,
      retryAfterS: 2,
      count: 1,
    });
    const failed = await callApi(simulator, 'GET', '/api/siem/offenses');
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('2');
    expect(failed.body).toMatchObject({
      http_response: { code: 503, message: 'Service Unavailable' },
      code: 1010,
    });
    const next = await callApi(simulator, 'GET', '/api/siem/offenses');
    expect(next.status).toBe(200);
  });

  it('resets the connection', async () => {
    const simulator = await startTestSimulator({
      faults: [{ path: '^/api/system/about$', reset: true, count: 1 }],
    });
    await expect(
      request(`${simulator.url}/api/system/about`, {
        headers: { sec: testToken },
      }),
    ).rejects.toThrow();
    const next = await callApi(simulator, 'GET', '/api/system/about');
    expect(next.status).toBe(200);
  });

  it('applies change before afterEffect fault', async () => {
    const simulator = await startTestSimulator();
    simulator.addFault({
      method: 'POST',
      path: '^/api/ariel/searches$',
      status: 503,
      afterEffect: true,
      count: 1,
    });
    const answer = await callApi(
      simulator,
      'POST',
      `/api/ariel/searches?query_expression=${encodeURIComponent('SELECT * FROM events LAST 1 DAYS')}`,
    );
    expect(answer.status).toBe(503);
    const list = await callApi(simulator, 'GET', '/api/ariel/searches');
    expect(list.body).toHaveLength(1);
  });

  it('writes note before afterEffect reset', async () => {
    const simulator = await startTestSimulator();
    simulator.addFault({
      path: '/notes$',
      reset: true,
      afterEffect: true,
      count: 1,
    });
    await expect(
      request(`${simulator.url}/api/siem/offenses/101/notes?note_text=once`, {
        method: 'POST',
        headers: { sec: testToken },
      }),
    ).rejects.toThrow();
    expect(simulator.state.notes(101).map((note) => note.note_text)).toContain(
      'once',
    );
  });

  it('stops after count', async () => {
    const simulator = await startTestSimulator();
    simulator.addFault({ path: '^/api/help/versions$', status: 502, count: 2 });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push(
        (await callApi(simulator, 'GET', '/api/help/versions')).status,
      );
    }
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('draws rate from seed', async () => {
    async function pattern(): Promise<number[]> {
      const simulator = await startTestSimulator({
        seed: 42,
        faults: [{ path: '^/api/system/about$', status: 500, rate: 0.5 }],
      });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index += 1) {
        statuses.push(
          (await callApi(simulator, 'GET', '/api/system/about')).status,
        );
      }
      await simulator.close();
      return statuses;
    }
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('matches method only when given', async () => {
    const simulator = await startTestSimulator();
    simulator.addFault({
      method: 'POST',
      path: '^/api/siem/offenses/101$',
      status: 500,
    });
    expect(
      (await callApi(simulator, 'GET', '/api/siem/offenses/101')).status,
    ).toBe(200);
    simulator.clearFaults();
    expect(
      (
        await callApi(
          simulator,
          'POST',
          '/api/siem/offenses/101?follow_up=true',
        )
      ).status,
    ).toBe(200);
  });

  it('rejects rule without effect', async () => {
    const simulator = await startTestSimulator();
    expect(() => simulator.addFault({ path: '^/api/' })).toThrow(
      /status or reset/,
    );
  });
});

describe('rate limit and latency', () => {
  it('answers 429 over limit', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({
      now: clock.now,
      rateLimitPerSecond: 2,
    });
    const statuses: number[] = [];
    let limited;
    for (let index = 0; index < 3; index += 1) {
      const answer = await callApi(simulator, 'GET', '/api/system/about');
      statuses.push(answer.status);
      limited = answer;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(limited?.headers['retry-after']).toBe('1');
    expect(limited?.body.http_response.code).toBe(429);
    clock.advance(1_000);
    expect((await callApi(simulator, 'GET', '/api/system/about')).status).toBe(
      200,
    );
  });

  it('waits latency before answering', async () => {
    const waits: number[] = [];
    const simulator = await startTestSimulator({
      latencyMs: 250,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await callApi(simulator, 'GET', '/api/system/about');
    expect(waits).toEqual([250]);
  });
});

describe('request log', () => {
  it('records raw query without SEC', async () => {
    const simulator = await startTestSimulator();
    await callApi(
      simulator,
      'GET',
      '/api/siem/offenses?filter=id%3E1&sort=%2Bid&fields=id',
      { range: 'items=0-9', version: '26.0' },
    );
    const [recorded] = simulator.requests;
    expect(recorded).toMatchObject({
      method: 'GET',
      path: '/api/siem/offenses',
      query: 'filter=id%3E1&sort=%2Bid&fields=id',
    });
    expect(recorded?.headers['range']).toBe('items=0-9');
    expect(recorded?.headers['version']).toBe('26.0');
    expect(recorded?.headers).not.toHaveProperty('sec');
  });
});

describe('readFaultRules', () => {
  it('reads YAML list', () => {
    const file = join(tempDir(), 'faults.yaml');
    writeFileSync(
      file,
      "- method: POST\n  path: '^/api/ariel/searches$'\n  status: 503\n  afterEffect: true\n  count: 1\n- path: '^/api/siem/'\n  reset: true\n  rate: 0.1\n",
    );
    expect(readFaultRules(file)).toEqual([
      {
        method: 'POST',
        path: '^/api/ariel/searches$',
        status: 503,
        afterEffect: true,
        count: 1,
      },
      { path: '^/api/siem/', reset: true, rate: 0.1 },
    ]);
  });

  it('reads JSON list', () => {
    const file = join(tempDir(), 'faults.json');
    writeFileSync(
      file,
      JSON.stringify([{ path: '^/api/', status: 429, retryAfterS: 3 }]),
    );
    expect(readFaultRules(file)).toEqual([
      { path: '^/api/', status: 429, retryAfterS: 3 },
    ]);
  });

  it('names invalid entry', () => {
    const file = join(tempDir(), 'faults.yaml');
    writeFileSync(
      file,
      "- path: '^/api/'\n  status: 503\n- path: '^/x'\n  rate: 2\n  status: 500\n",
    );
    expect(() => readFaultRules(file)).toThrow(/faults\.yaml: \[1\]\.rate/);
  });
});
