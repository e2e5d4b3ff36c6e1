import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createBaselineProvider,
  isUpdate,
  pollOnce,
  watchOffenses,
  type OffenseFingerprint,
  type TriageResult,
} from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { openCaseHarness, type CaseHarness } from './support/case-harness.js';
import { connectFakeServer, createFakeState } from './support/fake-server.js';
import {
  createScriptedProvider,
  toolTurn,
} from './support/scripted-provider.js';

const caseFiles = [
  'password-spray-external.json',
  'vpn-failed-logins-weak-signal.json',
].map((name) => join(bundledCasesDir(), name));

function runNotes(harness: CaseHarness, offenseId: number): string[] {
  return harness.simulator.state
    .notes(offenseId)
    .map((note) => String(note.note_text ?? ''))
    .filter((text) => text.includes('[qradar-mcp run'));
}

describe('isUpdate', () => {
  const base: OffenseFingerprint = {
    eventCount: 10,
    lastUpdated: '2026-01-15T10:00:00.000Z',
    magnitude: 5,
  };

  it.each([
    ['new offense', undefined, base, true],
    ['same fingerprint', base, base, false],
    ['grown event count', base, { ...base, eventCount: 11 }, true],
    [
      'later last update',
      base,
      { ...base, lastUpdated: '2026-01-15T10:05:00.000Z' },
      true,
    ],
    ['higher magnitude', base, { ...base, magnitude: 6 }, true],
    ['lower magnitude only', base, { ...base, magnitude: 4 }, false],
  ] as const)('%s', (_name, previous, next, expected) => {
    expect(isUpdate(previous, next)).toBe(expected);
  });
});

describe('watch over the simulator', () => {
  let harness: CaseHarness;
  const provider = createBaselineProvider();

  beforeEach(async () => {
    harness = await openCaseHarness({ caseFiles });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('triages each offense once', async () => {
    const first = await pollOnce({
      client: harness.client,
      provider,
      runs: harness.store.runs,
      state: harness.store.runnerState,
    });
    expect(first.map((result) => result.offenseId).sort()).toEqual([102, 113]);
    expect(runNotes(harness, 102)).toHaveLength(1);
    expect(runNotes(harness, 113)).toHaveLength(1);
  });

  it('starts no run in idle intervals', async () => {
    const controller = new AbortController();
    const triaged: TriageResult[] = [];
    let intervals = 0;
    await watchOffenses({
      client: harness.client,
      provider,
      runs: harness.store.runs,
      state: harness.store.runnerState,
      signal: controller.signal,
      afterTriage: (result) => {
        triaged.push(result);
      },
      sleep: () => {
        intervals += 1;
        // The first poll triages; the next three find nothing new, even
        // though the runner's own notes moved last_persisted_time.
        if (intervals === 4) controller.abort();
        return Promise.resolve();
      },
    });
    expect(intervals).toBe(4);
    expect(triaged).toHaveLength(2);
    expect(await harness.store.runs.list()).toHaveLength(2);
    expect(runNotes(harness, 102)).toHaveLength(1);
  });

  it('writes one note across crash and restart', async () => {
    const crash = new Error('killed after the note, before the cursor');
    await expect(
      pollOnce({
        client: harness.client,
        provider,
        runs: harness.store.runs,
        state: harness.store.runnerState,
        afterTriage: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const crashedRuns = await harness.store.runs.list();
    expect(crashedRuns).toHaveLength(1);
    expect(runNotes(harness, 102)).toHaveLength(1);

    // A new process: another MCP session and store handle on the same files.
    const client = await harness.connect();
    const store = openStore(join(harness.dir, 'store'), {
      logger: createSilentLogger(),
    });
    try {
      const restarted = await pollOnce({
        client,
        provider,
        runs: store.runs,
        state: store.runnerState,
      });
      expect(restarted.map((result) => result.offenseId).sort()).toEqual([
        102, 113,
      ]);
      expect(restarted.find((result) => result.offenseId === 102)?.runId).toBe(
        crashedRuns[0]?.id,
      );
      expect(runNotes(harness, 102)).toHaveLength(1);
      expect(runNotes(harness, 113)).toHaveLength(1);
      expect(await store.runs.list()).toHaveLength(2);
      const again = await pollOnce({
        client,
        provider,
        runs: store.runs,
        state: store.runnerState,
      });
      expect(again).toHaveLength(0);
    } finally {
      await store.close();
    }
  });
});

describe('watch over offense updates', () => {
  let store: Store;
  let directory: string;

  beforeEach(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-watch-'));
    store = openStore(directory, { logger: createSilentLogger() });
  });

  afterEach(async () => {
    const { rmSync } = await import('node:fs');
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('triages each update exactly once', async () => {
    const state = createFakeState();
    state.offenses.set(5, {
      id: 5,
      event_count: 10,
      last_updated_time: '2026-01-15T10:00:00.000Z',
      magnitude: 4,
    });
    const connection = await connectFakeServer(state);
    const provider = createScriptedProvider((request) =>
      toolTurn([
        {
          name: 'submit_recommendation',
          arguments: {
            offense_id: request.offenseId,
            disposition: 'false_positive',
            action: 'none',
            confidence: 0.6,
            attack_stage: 'benign',
            severity: 1,
            mitre_techniques: [],
            evidence: [],
            rationale: 'Nothing to contain.',
            alternatives: [],
          },
        },
      ]),
    );
    const options = {
      client: connection.client,
      provider,
      runs: store.runs,
      state: store.runnerState,
    };
    try {
      expect(await pollOnce(options)).toHaveLength(1);
      expect(await pollOnce(options)).toHaveLength(0);
      const offense = state.offenses.get(5) ?? {};
      offense['event_count'] = 14;
      expect(await pollOnce(options)).toHaveLength(1);
      offense['last_persisted_time'] = Date.now();
      expect(await pollOnce(options)).toHaveLength(0);
      offense['magnitude'] = 6;
      expect(await pollOnce(options)).toHaveLength(1);
      offense['last_updated_time'] = '2026-01-15T11:00:00.000Z';
      expect(await pollOnce(options)).toHaveLength(1);
      expect(await pollOnce(options)).toHaveLength(0);
      const notes = state.notes.get(5) ?? [];
      expect(notes).toHaveLength(4);
      expect(
        new Set(notes.map((note) => /run (\S+)\]/.exec(note.note_text)?.[1]))
          .size,
      ).toBe(4);
    } finally {
      await connection.close();
    }
  });
});
