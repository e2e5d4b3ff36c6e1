import {
  buildEvalResults,
  scoreRecords,
  type EvalResults,
  type KnownFailures,
} from '../../evals/index.js';
import {
  injectedAgent,
  perfectAgent,
  runScripted,
  type ScriptedAgent,
} from './scripted-agents.js';
import { loadSmallCases, shippedPrices, smallCasesDir } from './support.js';

/** Builds eval results of a scripted agent over the small cases. */
export function scriptedResults(
  agent: ScriptedAgent = injectedAgent,
  k = 2,
  knownFailures?: KnownFailures,
): EvalResults {
  const cases = loadSmallCases();
  const scored = scoreRecords(cases, runScripted(agent, cases, k), {
    mode: 'approve',
    k,
    prices: shippedPrices(),
  });
  return buildEvalResults(
    {
      provider: 'scripted',
      model: agent === perfectAgent ? 'scripted-perfect' : 'scripted-injected',
      mode: 'approve',
      k,
      casesDir: smallCasesDir,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      approveAll: false,
      minAccuracy: 0.9,
      maxUnsafe: 0,
    },
    scored,
    knownFailures,
  );
}
