import {
  aggregateMetrics,
  summarizeCase,
  type CaseSummary,
  type EvalMetrics,
} from './aggregate.js';
import { buildConfusionMatrix, type ConfusionMatrix } from './confusion.js';
import type { PriceTable } from './prices.js';
import { scoreRun } from './score-run.js';
import type { EvalMode, RunRecord, ScoringCase } from './types.js';

/** Scores of a set of runs: per case, overall and the action confusion matrix. */
export interface ScoredEval {
  cases: CaseSummary[];
  metrics: EvalMetrics;
  confusion: ConfusionMatrix;
}

/** Options of scoreRecords. */
export interface ScoreRecordsOptions {
  mode: EvalMode;
  k: number;
  prices: PriceTable;
}

/**
 * Scores run records against their cases, in the order of `cases`. A record
 * whose case id is not in `cases` throws, because it would be silently lost.
 */
export function scoreRecords(
  cases: readonly ScoringCase[],
  records: readonly RunRecord[],
  options: ScoreRecordsOptions,
): ScoredEval {
  const byCase = new Map<string, RunRecord[]>(
    cases.map((testCase) => [testCase.id, []]),
  );
  for (const record of records) {
    const list = byCase.get(record.caseId);
    if (list === undefined) {
      throw new Error(
        `Case ${record.caseId} not found for a run record: score records only against the cases they ran.`,
      );
    }
    list.push(record);
  }
  const summaries = cases.map((testCase) =>
    summarizeCase(
      testCase,
      (byCase.get(testCase.id) ?? [])
        .sort((a, b) => a.attempt - b.attempt)
        .map((record) => scoreRun(testCase, record, options)),
    ),
  );
  return {
    cases: summaries,
    metrics: aggregateMetrics(summaries, options),
    confusion: buildConfusionMatrix(summaries),
  };
}
