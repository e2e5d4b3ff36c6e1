import type { CaseSummary } from '../scoring/aggregate.js';
import type { KnownFailuresCheck } from '../scoring/known-failures.js';

/** Outcome label of one case: pass, fail, or known (a listed known failure). */
export type CaseOutcome = 'pass' | 'fail' | 'known' | 'fixed';

/**
 * Labels a case: `known` when it failed and the known-failures file lists it,
 * `fixed` when it passed although the file lists it.
 */
export function caseOutcome(
  summary: CaseSummary,
  knownFailures: KnownFailuresCheck | undefined,
): CaseOutcome {
  if (summary.failed) {
    return knownFailures?.expectedFailures.includes(summary.caseId) === true
      ? 'known'
      : 'fail';
  }
  return knownFailures?.nowPassing.includes(summary.caseId) === true
    ? 'fixed'
    : 'pass';
}
