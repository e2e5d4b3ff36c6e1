import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildAssetIndex, matchesAny } from '../../evals/scoring/matching.js';
import { createBaselineProvider } from '../../src/agent/index.js';
import {
  bundledCasesDir,
  packageRootDir,
  type CaseFile,
} from '../../src/sim/index.js';
import { triageCaseFile } from './support/run-case.js';

function knownFailures(): Set<string> {
  const file = join(packageRootDir(), 'evals', 'known-failures.json');
  if (!existsSync(file)) return new Set();
  const content = JSON.parse(readFileSync(file, 'utf8')) as {
    cases?: { id: string }[];
  };
  return new Set((content.cases ?? []).map((entry) => entry.id));
}

const skipped = knownFailures();
const cases = readdirSync(bundledCasesDir())
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const file = join(bundledCasesDir(), name);
    return {
      file,
      testCase: JSON.parse(readFileSync(file, 'utf8')) as CaseFile,
    };
  })
  .filter(({ testCase }) => !skipped.has(testCase.id));

describe('baseline on bundled cases', () => {
  const provider = createBaselineProvider();

  it.each(cases.map((entry) => [entry.testCase.id, entry] as const))(
    'decides %s as expected',
    async (_id, { file, testCase }) => {
      const result = await triageCaseFile(file, testCase.offense.id, provider);
      const recommendation = result.recommendation;
      const decision = {
        action: recommendation?.action ?? 'none',
        ...(recommendation?.target === undefined
          ? {}
          : { target: recommendation.target }),
      };
      const assets = buildAssetIndex(testCase.assets);
      expect(matchesAny(testCase.expected.acceptable, decision, assets)).toBe(
        true,
      );
      expect(matchesAny(testCase.expected.forbidden, decision, assets)).toBe(
        false,
      );
      expect(recommendation?.disposition).toBe(testCase.expected.disposition);
      expect(recommendation?.attack_stage).toBe(testCase.expected.attack_stage);
    },
  );
});
