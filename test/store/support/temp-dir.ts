import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(() => {
  for (const directory of created.splice(0)) {
    rmSync(directory, { recursive: true, force: true });
  }
});

/** Creates a temporary data directory, removed after the current test. */
export function makeTempDir(prefix = 'qradar-mcp-store-'): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  created.push(directory);
  return directory;
}

/** Creates a settable clock in epoch milliseconds, for stores and checkpoints. */
export function makeClock(startIso = '2025-03-01T10:00:00.000Z'): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let nowMs = Date.parse(startIso);
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
  };
}
