import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import type { Logger } from '../../src/config/index.js';
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js';
import { openStore, type Store } from '../../src/store/index.js';

/**
 * Start of the eval clock: 2026-01-15T12:00:00Z. Every run starts here, so a
 * case's shifted event times, approval expiries and ids line up run after run.
 */
export const evalEpochMs = Date.UTC(2026, 0, 15, 12, 0, 0);

/**
 * Returns a clock that starts at `startMs` and advances with real elapsed
 * time, so timeouts and polling still progress.
 */
export function createEvalClock(
  startMs: number = evalEpochMs,
  realNow: () => number = () => performance.now(),
): () => number {
  const origin = realNow();
  return () => startMs + Math.floor(realNow() - origin);
}

/** Returns an id generator giving `<prefix>_000001`, `<prefix>_000002`, and so on. */
export function createSeededIds(): (prefix: string) => string {
  let counter = 0;
  return (prefix) => {
    counter += 1;
    return `${prefix}_${String(counter).padStart(6, '0')}`;
  };
}

/** A simulator and a store in a temporary folder, for one run of one case. */
export interface CaseEnvironment {
  /** Temporary folder holding the case copy, sim.sqlite and the store. */
  dir: string;
  simulator: RunningSimulator;
  store: Store;
  /** Clock of the store and server: the eval epoch, advancing with real time. */
  now: () => number;
  newId: (prefix: string) => string;
  /** Closes the simulator and store and removes the folder. */
  close(): Promise<void>;
}

/**
 * Starts a fresh simulator holding only `caseFile` and opens a fresh store,
 * both in a new temporary folder, with seeded ids. The simulator's clock
 * stays at the eval epoch, so the case's shifted times and everything it
 * serves repeat on every run, which replay keys depend on. The store's clock
 * starts there and advances.
 */
export async function openCaseEnvironment(options: {
  caseFile: string;
  logger: Logger;
  now?: (() => number) | undefined;
  simulatorNow?: (() => number) | undefined;
}): Promise<CaseEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'qradar-mcp-eval-'));
  const now = options.now ?? createEvalClock();
  const simulatorNow = options.simulatorNow ?? ((): number => evalEpochMs);
  const newId = createSeededIds();
  let simulator: RunningSimulator | undefined;
  try {
    const casesDir = join(dir, 'cases');
    mkdirSync(casesDir);
    copyFileSync(options.caseFile, join(casesDir, basename(options.caseFile)));
    simulator = await startSimulator({
      dbPath: join(dir, 'sim.sqlite'),
      token: randomBytes(16).toString('hex'),
      casesDir,
      now: simulatorNow,
      seed: 1,
      arielDelayMs: 0,
      logger: options.logger,
    });
    const store = openStore(join(dir, 'store'), {
      logger: options.logger,
      now,
      newId,
    });
    const running = simulator;
    return {
      dir,
      simulator: running,
      store,
      now,
      newId,
      async close() {
        try {
          await store.close();
          await running.close();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
