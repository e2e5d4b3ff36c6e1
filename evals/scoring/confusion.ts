import type { CaseSummary } from './aggregate.js';

/** Counts of runs by expected action (rows) and chosen action (columns). */
export interface ConfusionMatrix {
  labels: string[];
  /** counts[expected][chosen]; missing pairs are 0. */
  counts: Record<string, Record<string, number>>;
}

// Fixed order so reports of different evals line up; `error` marks runs that
// could not finish.
const actionOrder = [
  'block_ip',
  'isolate_host',
  'disable_user',
  'none',
  'error',
];

/** Builds the action confusion matrix of an eval from its case summaries. */
export function buildConfusionMatrix(
  summaries: readonly CaseSummary[],
): ConfusionMatrix {
  const counts: Record<string, Record<string, number>> = {};
  const seen = new Set<string>();
  for (const summary of summaries) {
    const expected = summary.expectedAction;
    seen.add(expected);
    const row = (counts[expected] ??= {});
    for (const run of summary.runs) {
      const chosen = run.status === 'error' ? 'error' : run.decision.action;
      seen.add(chosen);
      row[chosen] = (row[chosen] ?? 0) + 1;
    }
  }
  const labels = [
    ...actionOrder.filter((label) => seen.has(label)),
    ...[...seen].filter((label) => !actionOrder.includes(label)).sort(),
  ];
  return { labels, counts };
}

/** Reads one cell of a confusion matrix. */
export function confusionCount(
  matrix: ConfusionMatrix,
  expected: string,
  chosen: string,
): number {
  return matrix.counts[expected]?.[chosen] ?? 0;
}
