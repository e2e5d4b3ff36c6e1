// Re-records the shipped baseline cassettes (evals/cassettes/<case id>.json)
// when RECORD_CASSETTES=1 is set; otherwise every test here is skipped.
// Cassette keys cover the whole model input, so a change of tool
// descriptions, tool results or the policy resource needs a new recording:
//   RECORD_CASSETTES=1 npx vitest run test/agent/record-cassettes.test.ts
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  createBaselineProvider,
  defaultCassettesDir,
  runTriage,
  withRecording,
} from '../../src/agent/index.js';
import { bundledCasesDir, type CaseFile } from '../../src/sim/index.js';
import { openCaseHarness } from './support/case-harness.js';

// The eval's fixed start: case times and the AQL windows in recorded turns
// line up when the eval replays them.
const recordingClockMs = Date.UTC(2026, 0, 15, 12, 0, 0);

const files = readdirSync(bundledCasesDir()).filter((name) =>
  name.endsWith('.json'),
);

describe.runIf(process.env['RECORD_CASSETTES'] === '1')(
  'cassette recording',
  () => {
    it.each(files)('records %s', async (name) => {
      const file = join(bundledCasesDir(), name);
      const testCase = JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
      const cassette = join(defaultCassettesDir(), `${testCase.id}.json`);
      if (existsSync(cassette)) rmSync(cassette);
      const harness = await openCaseHarness({
        caseFiles: [file],
        now: () => recordingClockMs,
      });
      try {
        const provider = withRecording(createBaselineProvider(), cassette, {
          pseudonymized: false,
        });
        const result = await runTriage({
          client: harness.client,
          provider,
          offenseId: testCase.offense.id,
          runs: harness.store.runs,
        });
        expect(result.recommendation).toBeDefined();
      } finally {
        await harness.close();
      }
    });
  },
);
