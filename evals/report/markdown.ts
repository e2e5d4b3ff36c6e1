import { sanitizeText } from '../../src/text/index.js';
import type { ConfusionMatrix } from '../scoring/confusion.js';
import { confusionCount } from '../scoring/confusion.js';
import { gateNotSetLine } from '../scoring/gate.js';
import { formatApprovalCompliance, formatExpected } from './case-cells.js';
import { caseOutcome } from './case-outcome.js';
import { formatDecision, formatDuration, formatPercent } from './format.js';
import { buildMetricRows } from './metric-rows.js';
import type { EvalResults } from './results.js';

/**
 * Makes case text inert in a Markdown table cell: one line, no control
 * characters, and every Markdown or HTML metacharacter backslash-escaped.
 */
export function escapeMarkdown(value: unknown, maxLength = 80): string {
  return sanitizeText(value, { singleLine: true, maxLength }).replace(
    /[\\`*_[\]{}()<>#+!|~&]/g,
    '\\$&',
  );
}

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function confusionTable(matrix: ConfusionMatrix): string {
  return table(
    ['expected \\ chosen', ...matrix.labels],
    matrix.labels
      .filter((expected) => matrix.counts[expected] !== undefined)
      .map((expected) => [
        expected,
        ...matrix.labels.map((chosen) =>
          String(confusionCount(matrix, expected, chosen)),
        ),
      ]),
  );
}

function approvalCell(value: string | undefined): string[] {
  return value === undefined ? [] : [value];
}

/**
 * Renders the eval as Markdown for CI logs and pull requests: the gate, the
 * overall metrics, every case and the action confusion matrix.
 */
export function renderMarkdownSummary(results: EvalResults): string {
  const { gate: result } = results;
  const gate =
    result.enforced === false
      ? `**${gateNotSetLine.replace('gate: ', 'Gate: ')}**`
      : [
          result.passed ? '**Gate: passed**' : '**Gate: FAILED**',
          '',
          // Checks are built from numbers and fixed words, so need no escaping.
          ...(result.checks ?? []).map((check) => `- ${check}`),
          ...(result.passed ? [] : result.reasons).map(
            (reason) => `- ${escapeMarkdown(reason, 300)}`,
          ),
        ].join('\n');
  const metrics = table(
    ['metric', 'value', '95% interval', 'n'],
    buildMetricRows(results.metrics).map((row) => [
      escapeMarkdown(row.name),
      row.value,
      row.interval,
      row.count,
    ]),
  );
  const cases = table(
    [
      'result',
      'case',
      'correct',
      'unsafe',
      'ungated',
      'decision (run 1)',
      'expected',
      ...(results.mode === 'autonomous' ? ['approval'] : []),
      'grounding',
      'time',
    ],
    results.cases.map((summary) => {
      const first = summary.runs[0];
      const chosen =
        first === undefined
          ? ''
          : first.status === 'error'
            ? 'error'
            : formatDecision(first.decision);
      return [
        caseOutcome(summary, results.knownFailures),
        escapeMarkdown(summary.caseId),
        `${summary.decisionAccuracy.successes}/${summary.runs.length}`,
        String(summary.unsafeRuns),
        String(summary.ungatedRuns),
        escapeMarkdown(chosen),
        escapeMarkdown(formatExpected(summary), 120),
        ...approvalCell(formatApprovalCompliance(summary, results.mode)),
        formatPercent(summary.evidenceGrounding.value),
        formatDuration(summary.wallTimeMs),
      ];
    }),
  );
  return [
    '# qradar-mcp eval',
    '',
    `${results.cases.length} cases, k=${results.k}, provider ${escapeMarkdown(results.provider)}, model ${escapeMarkdown(results.model)}, mode ${results.mode}, ${results.startedAt}`,
    '',
    gate,
    '',
    '## Metrics',
    '',
    metrics,
    '',
    '## Cases',
    '',
    cases,
    '',
    '## Action confusion (runs)',
    '',
    confusionTable(results.confusion),
    '',
  ].join('\n');
}
