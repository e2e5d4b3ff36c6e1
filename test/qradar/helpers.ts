import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { createLogger, type Logger } from '../../src/config/index.js';
import {
  QRadarClient,
  type QRadarClientOptions,
  type Sleep,
} from '../../src/qradar/index.js';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src/sim/index.js';

/** Folder of the small case files these tests load into the simulator. */
export const casesDir = fileURLToPath(new URL('./cases', import.meta.url));

/** SEC token the test simulators accept. */
export const simulatorToken = 'client-test-token-0123456789';

/** A clock that only moves when the injected sleep is called. */
export interface FakeTime {
  clock: () => number;
  sleep: Sleep;
  /** Every wait requested, in milliseconds, oldest first. */
  sleeps: number[];
}

/** Creates a fake clock and a sleep that advances it without waiting. */
export function createFakeTime(startMs = Date.UTC(2025, 0, 15, 12)): FakeTime {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

/** A logger that keeps its JSON lines in memory. */
export interface CapturedLog {
  logger: Logger;
  lines: string[];
}

/** Creates a pino logger at `debug` level writing into an array. */
export function createCapturingLogger(): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/** Starts an in-memory simulator with the test cases, sharing the fake clock. */
export function startTestSimulator(
  time: FakeTime,
  options: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  return startSimulator({
    dbPath: ':memory:',
    token: simulatorToken,
    casesDir,
    now: time.clock,
    sleep: () => Promise.resolve(),
    seed: 7,
    ...options,
  });
}

/** Creates a client for a simulator with the fake time and no jitter. */
export function createTestClient(
  simulator: RunningSimulator,
  time: FakeTime,
  options: Partial<QRadarClientOptions> = {},
): QRadarClient {
  return new QRadarClient({
    baseUrl: simulator.url,
    secToken: simulator.token,
    logger: createCapturingLogger().logger,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0,
    ...options,
  });
}
