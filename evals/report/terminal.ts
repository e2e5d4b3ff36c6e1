import { sanitizeText } from '../../src/text/index.js';
import type { CaseSummary } from '../scoring/aggregate.js';
import { caseOutcome } from './case-outcome.js';
import { formatApprovalCompliance, formatExpected } from './case-cells.js';
import { formatDecision, formatDuration, formatPercent } from './format.js';
import { gateNotSetLine } from '../scoring/gate.js';
import { buildMetricRows } from './metric-rows.js';
import type { EvalResults } from './results.js';
import { renderTextTable } from './text-table.js';

// Case text is attacker-controlled in recorded offenses: one line, no escapes.
function cell(value: unknown, maxLength = 40): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

function caseRow(summary: CaseSummary, results: EvalResults): string[] {
  const first = summary.runs[0];
  const chosen =
    first === undefined
      ? ''
      : first.status === 'error'
        ? 'error'
        : formatDecision(first.decision);
  const expected = formatExpected(summary);
  const approval = formatApprovalCompliance(summary, results.mode);
  return [
    caseOutcome(summary, results.knownFailures),
    cell(summary.caseId),
    `${summary.decisionAccuracy.successes}/${summary.runs.length}`,
    String(summary.unsafeRuns),
    String(summary.ungatedRuns),
    cell(chosen),
    cell(expected, 80),
    ...(approval === undefined ? [] : [approval]),
    `${summary.stageAccuracy.successes}/${summary.runs.length}`,
    formatPercent(summary.evidenceGrounding.value),
    formatDuration(summary.wallTimeMs),
  ];
}

/**
 * Renders the eval for a terminal: one row per case, the overall metrics with
 * their 95% intervals, and the gate with its reasons. Case text is sanitized.
 */
export function renderTerminalReport(results: EvalResults): string {
  const cases = renderTextTable(
    [
      'result',
      'case',
      'correct',
      'unsafe',
      'ungated',
      'decision (run 1)',
      'expected',
      ...(results.mode === 'autonomous' ? ['approval'] : []),
      'stage',
      'grounding',
      'time',
    ],
    results.cases.map((summary) => caseRow(summary, results)),
  );
  const metrics = renderTextTable(
    ['metric', 'value', '95% interval', 'n'],
    buildMetricRows(results.metrics).map((row) => [
      row.name,
      row.value,
      row.interval,
      row.count,
    ]),
  );
  const header = `eval: ${results.cases.length} cases, k=${results.k}, provider ${cell(results.provider)}, model ${cell(results.model)}, mode ${results.mode}`;
  const { gate: result } = results;
  const gate =
    result.enforced === false
      ? gateNotSetLine
      : [
          result.passed ? 'gate: passed' : 'gate: FAILED',
          ...(result.checks ?? []).map((check) => `  ${cell(check, 200)}`),
          ...(result.passed ? [] : result.reasons).map(
            (reason) => `  - ${cell(reason, 200)}`,
          ),
        ].join('\n');
  return [header, '', cases, '', metrics, '', gate].join('\n');
}
