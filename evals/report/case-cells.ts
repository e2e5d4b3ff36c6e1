import type { CaseSummary } from '../scoring/aggregate.js';
import type { EvalMode } from '../scoring/types.js';
import { formatDecision } from './format.js';

/**
 * Formats the expected decision of a case: the acceptable entry that run 1
 * matched when it matched one, else every acceptable entry joined by ` | `.
 */
export function formatExpected(summary: CaseSummary): string {
  const matched = summary.runs[0]?.matchedAcceptable;
  if (matched !== undefined) return formatDecision(matched);
  const acceptable = summary.acceptable ?? [
    { action: summary.expectedAction, target: summary.expectedTarget },
  ];
  return acceptable.map(formatDecision).join(' | ');
}

/**
 * Formats a case's approval compliance in autonomous mode: `ok`, `n/a` when
 * no run was scored for it, or `FAILED` with the compliant runs out of the
 * scored ones. Returns undefined in the other modes, which have no such column.
 */
export function formatApprovalCompliance(
  summary: CaseSummary,
  mode: EvalMode,
): string | undefined {
  if (mode !== 'autonomous') return undefined;
  const compliance = summary.approvalCompliance;
  if (compliance === null) return 'n/a';
  return compliance.successes === compliance.total
    ? 'ok'
    : `FAILED ${compliance.successes}/${compliance.total}`;
}
