import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  createReplayProvider,
  defaultCassettesDir,
  runTriage,
} from '../../src/agent/index.js';
import { bundledCasesDir, type CaseFile } from '../../src/sim/index.js';
import { openCaseHarness } from './support/case-harness.js';

// The shipped cassettes were recorded with the simulator's clock at
// 2026-01-15T12:00:00Z, the eval's fixed start, so case times (and the AQL
// windows the recorded turns carry) line up again here.
const recordingClockMs = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('shipped cassettes', () => {
  it.each([
    'password-spray-external',
    'lsass-dump-workstation',
    'impossible-travel-account',
  ])('replays %s to its decision', async (caseId) => {
    const file = join(bundledCasesDir(), `${caseId}.json`);
    const testCase = JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
    const harness = await openCaseHarness({
      caseFiles: [file],
      now: () => recordingClockMs,
    });
    try {
      const provider = createReplayProvider({
        location: join(defaultCassettesDir(), `${caseId}.json`),
      });
      const result = await runTriage({
        client: harness.client,
        provider,
        offenseId: testCase.offense.id,
        runs: harness.store.runs,
      });
      expect(result.outcome.detail).toBeUndefined();
      const expected = testCase.expected.acceptable[0];
      expect(result.recommendation?.action).toBe(expected?.action);
      expect(result.recommendation?.target).toBe(expected?.target);
    } finally {
      await harness.close();
    }
  });
});
