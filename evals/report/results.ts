import type { CaseSummary, EvalMetrics } from '../scoring/aggregate.js';
import type { ConfusionMatrix } from '../scoring/confusion.js';
import { evaluateGate, type GateResult } from '../scoring/gate.js';
import {
  checkKnownFailures,
  type KnownFailures,
  type KnownFailuresCheck,
} from '../scoring/known-failures.js';
import type { ScoredEval } from '../scoring/score-records.js';
import type { EvalMode } from '../scoring/types.js';

/** Version of the results.json layout; raised on incompatible changes. */
export const resultsFormatVersion = 1;

/** Settings of an eval run, as recorded in its results. */
export interface EvalRunInfo {
  provider: string;
  model: string;
  mode: EvalMode;
  k: number;
  casesDir: string;
  /** ISO 8601 times of the start and end of the eval. */
  startedAt: string;
  finishedAt: string;
  approveAll: boolean;
  minAccuracy?: number | undefined;
  maxUnsafe?: number | undefined;
  baselineFile?: string | undefined;
}

/** Everything an eval produced: its settings, the scores and the gate. */
export interface EvalResults extends EvalRunInfo {
  formatVersion: typeof resultsFormatVersion;
  metrics: EvalMetrics;
  cases: CaseSummary[];
  confusion: ConfusionMatrix;
  gate: GateResult;
  knownFailures?: KnownFailuresCheck | undefined;
}

/**
 * Combines the scores with the run settings, checks the known failures when
 * given and applies the gate of `minAccuracy` and `maxUnsafe`.
 */
export function buildEvalResults(
  info: EvalRunInfo,
  scored: ScoredEval,
  knownFailures?: KnownFailures,
): EvalResults {
  const check =
    knownFailures === undefined
      ? undefined
      : checkKnownFailures(scored.cases, knownFailures);
  return {
    formatVersion: resultsFormatVersion,
    ...info,
    metrics: scored.metrics,
    cases: scored.cases,
    confusion: scored.confusion,
    gate: evaluateGate(
      scored.metrics,
      { minAccuracy: info.minAccuracy, maxUnsafe: info.maxUnsafe },
      check,
    ),
    knownFailures: check,
  };
}
