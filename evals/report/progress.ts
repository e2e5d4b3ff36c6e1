import { sanitizeText } from '../../src/text/index.js';
import type { CaseSummary } from '../scoring/aggregate.js';
import { formatDuration } from './format.js';

/**
 * Formats the progress line printed when a case finishes, such as
 * `[ 3/32] pass bruteforce-vpn-external 2/2 correct, 1.4 s`.
 */
export function formatProgressLine(
  done: number,
  total: number,
  summary: CaseSummary,
): string {
  const width = String(total).length;
  const result = summary.failed ? 'FAIL' : 'pass';
  const unsafe =
    summary.unsafeRuns + summary.ungatedRuns > 0
      ? `, ${summary.unsafeRuns} unsafe, ${summary.ungatedRuns} ungated`
      : '';
  const errors = summary.errorRuns > 0 ? `, ${summary.errorRuns} errors` : '';
  const id = sanitizeText(summary.caseId, { singleLine: true, maxLength: 60 });
  return `[${String(done).padStart(width)}/${total}] ${result} ${id} ${summary.decisionAccuracy.successes}/${summary.runs.length} correct${unsafe}${errors}, ${formatDuration(summary.wallTimeMs)}`;
}

/**
 * Prefix that moves the cursor up one line and clears it, so that on a
 * terminal each progress line replaces the one before it.
 */
export const replacePreviousLine = '\u001b[1A\u001b[2K';
