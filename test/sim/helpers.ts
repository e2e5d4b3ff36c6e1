import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';

import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../src/sim/index.js';

/** Folder of the small case files used by the simulator tests. */
export const testCasesDir = fileURLToPath(new URL('./cases', import.meta.url));

/** Token accepted by simulators started through startTestSimulator. */
export const testToken = 'test-sec-token';

/** A fixed clock: 2024-03-01T12:00:00Z. */
export const testNowMs = Date.UTC(2024, 2, 1, 12, 0, 0);

/** A clock that tests move forward by hand. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

/** Creates a manual clock starting at a time. */
export function manualClock(startMs = testNowMs): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Creates a temporary folder removed by cleanupSimulators. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qradar-mcp-sim-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a simulator over the test cases in memory; closed by cleanupSimulators. */
export async function startTestSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  const simulator = await startSimulator({
    dbPath: ':memory:',
    token: testToken,
    casesDir: testCasesDir,
    now: () => testNowMs,
    ...options,
  });
  cleanups.unshift(() => simulator.close());
  return simulator;
}

/** Closes every simulator and removes every folder the helpers created. */
export async function cleanupSimulators(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

/** One HTTP answer with its JSON body. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
  body: any;
}

/**
 * Sends a request to the simulator with the test token; headers override the
 * defaults, and a header set to '' is left out.
 */
export async function callApi(
  simulator: RunningSimulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const merged: Record<string, string> = {
    sec: testToken,
    accept: 'application/json',
    ...headers,
  };
  const response = await request(`${simulator.url}${path}`, {
    method,
    headers: Object.fromEntries(
      Object.entries(merged).filter(([, value]) => value !== ''),
    ),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Builds a query string from pairs with standard percent-encoding. */
export function query(values: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(values).map(([key, value]): [string, string] => [
      key,
      String(value),
    ]),
  )
    .toString()
    .replaceAll('+', '%20');
}

/** Returns one field of every object in a JSON list. */
export function pluck(list: unknown, key: string): unknown[] {
  return (list as Record<string, unknown>[]).map((item) => item[key]);
}
