import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/config/index.js';
import type {
  QRadarError,
  QRadarClientOptions,
} from '../../src/qradar/index.js';
import { QRadarConnectionError } from '../../src/qradar/index.js';
import type { RunningSimulator } from '../../src/sim/index.js';
import {
  createCapturingLogger,
  createFakeTime,
  createTestClient,
  startTestSimulator,
  type FakeTime,
} from './helpers.js';

function tlsFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
}

let time: FakeTime;
let simulator: RunningSimulator;

beforeAll(async () => {
  time = createFakeTime();
  simulator = await startTestSimulator(time, {
    tls: {
      key: readFileSync(tlsFixture('server-key.pem'), 'utf8'),
      cert: readFileSync(tlsFixture('server.pem'), 'utf8'),
    },
  });
});

afterAll(async () => {
  await simulator.close();
});

async function readOffense(
  options: Partial<QRadarClientOptions>,
): Promise<unknown> {
  const client = createTestClient(simulator, time, {
    apiVersion: '26.0',
    ...options,
  });
  try {
    return await client.getOffense(101);
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

describe('QRadar client over HTTPS', () => {
  it('serves the simulator over https', () => {
    expect(simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('rejects untrusted CA by default', async () => {
    const error = await readOffense({});
    expect(QRadarConnectionError.is(error)).toBe(true);
    const message = (error as QRadarError).message;
    expect(message).toMatch(
      new RegExp(
        `^Failed to connect to ${simulator.url.replace(/\./g, '\\.')}: certificate is not trusted \\([A-Z_]+\\)\\.`,
      ),
    );
    expect(message).toContain(
      "Set QRADAR_CA_FILE to the console's CA certificate, or QRADAR_TLS_VERIFY=false to skip verification.",
    );
    expect((error as QRadarError).retryable).toBe(false);
    expect(time.sleeps).toEqual([]);
  });

  it('trusts console CA from caFile', async () => {
    const offense = await readOffense({ caFile: tlsFixture('ca.pem') });
    expect(offense).toMatchObject({ id: 101 });
  });

  it('rejects certificate from other CA', async () => {
    const error = await readOffense({ caFile: tlsFixture('other-ca.pem') });
    expect(QRadarConnectionError.is(error)).toBe(true);
    expect((error as QRadarError).hint).toContain('QRADAR_CA_FILE');
  });

  it('skips verification when told, with warning', async () => {
    const log = createCapturingLogger();
    const offense = await readOffense({
      tlsVerify: false,
      logger: log.logger,
    });
    expect(offense).toMatchObject({ id: 101 });
    const warnings = log.lines.filter((line) =>
      line.includes('TLS certificate verification is off'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":40');
  });

  it('names QRADAR_CA_FILE when unreadable', () => {
    const missing = tlsFixture('missing-ca.pem');
    expect(() =>
      createTestClient(simulator, time, { caFile: missing }),
    ).toThrow(ConfigError);
    expect(() =>
      createTestClient(simulator, time, { caFile: missing }),
    ).toThrow(/^Failed to read QRADAR_CA_FILE .*missing-ca\.pem/);
  });
});
