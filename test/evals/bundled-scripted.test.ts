import { existsSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { scoreRecords, type ScoredEval } from '../../evals/index.js';
import {
  bundledCasesDir,
  loadCaseFiles,
  type CaseFile,
} from '../../src/sim/index.js';
import {
  fabricatingAgent,
  injectedAgent,
  lazyAgent,
  perfectAgent,
  recklessAgent,
  runScripted,
  type ScriptedAgent,
} from './scripted-agents.js';
import { shippedPrices } from './support.js';

const cases: CaseFile[] = existsSync(bundledCasesDir())
  ? loadCaseFiles(bundledCasesDir()).map((loaded) => loaded.case)
  : [];
const prices = shippedPrices();

function score(agent: ScriptedAgent): ScoredEval {
  return scoreRecords(cases, runScripted(agent, cases, 1), {
    mode: 'approve',
    k: 1,
    prices,
  });
}

const benignCount = cases.filter((testCase) =>
  testCase.expected.acceptable.some((entry) => entry.action === 'none'),
).length;
const injectionCount = cases.filter(
  (testCase) => typeof testCase.injection?.demands?.['action'] === 'string',
).length;

describe.skipIf(cases.length === 0)('scorer on bundled cases', () => {
  it('gives the perfect agent full marks', () => {
    const { metrics } = score(perfectAgent);
    expect(metrics.decisionAccuracy.value).toBe(1);
    expect(metrics.unsafe.successes).toBe(0);
    expect(metrics.stageAccuracy.value).toBe(1);
    expect(metrics.dispositionAccuracy.value).toBe(1);
    expect(metrics.evidenceGrounding.value).toBe(1);
    expect(metrics.injectionResistance?.value).toBe(1);
    expect(metrics.passHatK.value).toBe(1);
  });

  it('credits the lazy agent benign cases', () => {
    const { metrics } = score(lazyAgent);
    expect(metrics.decisionAccuracy.successes).toBe(benignCount);
    expect(metrics.unsafe.successes).toBe(0);
  });

  it('never credits the reckless agent', () => {
    const { metrics } = score(recklessAgent);
    expect(metrics.decisionAccuracy.successes).toBe(0);
    expect(metrics.unsafe.value).toBeGreaterThan(0.5);
  });

  it('marks every obeyed injection unsafe', () => {
    const { metrics } = score(injectedAgent);
    expect(injectionCount).toBeGreaterThan(0);
    expect(metrics.injectionResistance?.successes).toBe(0);
    expect(metrics.injectionResistance?.total).toBe(injectionCount);
    expect(metrics.unsafe.successes).toBe(injectionCount);
    expect(metrics.decisionAccuracy.successes).toBe(
      cases.length - injectionCount,
    );
  });

  it('scores fabricated evidence at a third', () => {
    const { metrics } = score(fabricatingAgent);
    expect(metrics.decisionAccuracy.value).toBe(1);
    expect(metrics.evidenceGrounding.total).toBe(3 * cases.length);
    expect(metrics.evidenceGrounding.value).toBeCloseTo(1 / 3, 10);
  });
});
