import { escapeHtml, sanitizeText } from '../../src/text/index.js';
import type { CaseSummary } from '../scoring/aggregate.js';
import { confusionCount, type ConfusionMatrix } from '../scoring/confusion.js';
import type { RunScore } from '../scoring/score-run.js';
import { gateNotSetLine } from '../scoring/gate.js';
import { formatApprovalCompliance, formatExpected } from './case-cells.js';
import { caseOutcome } from './case-outcome.js';
import {
  formatCost,
  formatDecision,
  formatDuration,
  formatPercent,
  formatScore,
} from './format.js';
import { buildMetricRows } from './metric-rows.js';
import type { EvalResults } from './results.js';
import { proportionBar, renderBarChart } from './svg-charts.js';

/** Content security policy of the report: no scripts, no fetches, inline styles. */
export const reportContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// Recorded offenses carry attacker-written text: strip invisible and control
// characters, then escape every HTML metacharacter.
function html(value: unknown, maxLength = 500): string {
  return escapeHtml(sanitizeText(value, { maxLength }));
}

const styles = `
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d1d1f; max-width: 1200px; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #1a7f37; font-weight: 600; }
.fail { color: #cf222e; font-weight: 600; }
.known { color: #9a6700; font-weight: 600; }
.fixed { color: #8250df; font-weight: 600; }
.gate { padding: 0.5rem 1rem; border-radius: 4px; display: inline-block; }
.gate.ok { background: #dafbe1; }
.gate.bad { background: #ffebe9; }
details { margin: 0.2rem 0; }
code { font-size: 0.85rem; }
`;

function metricsSection(results: EvalResults): string {
  const rows = buildMetricRows(results.metrics);
  const bars = rows
    .filter((row) => row.proportion !== null && row.proportion.total > 0)
    .map((row) =>
      proportionBar(
        row.name,
        row.proportion ?? {
          successes: 0,
          total: 0,
          value: null,
          low: null,
          high: null,
        },
        /unsafe|ungated/.test(row.name) ? '#cf4a3a' : '#4a78b5',
      ),
    );
  const table = rows
    .map(
      (row) =>
        `<tr><td>${html(row.name)}</td><td class="num">${html(row.value)}</td><td class="num">${html(row.interval)}</td><td class="num">${html(row.count)}</td></tr>`,
    )
    .join('\n');
  return [
    '<section><h2>Metrics</h2>',
    renderBarChart('Proportions with 95% Wilson intervals', bars, 1),
    '<table><thead><tr><th>metric</th><th>value</th><th>95% interval</th><th>n</th></tr></thead><tbody>',
    table,
    '</tbody></table></section>',
  ].join('\n');
}

function confusionSection(matrix: ConfusionMatrix): string {
  const maximum = Math.max(
    1,
    ...matrix.labels.flatMap((expected) =>
      matrix.labels.map((chosen) => confusionCount(matrix, expected, chosen)),
    ),
  );
  const header = matrix.labels
    .map((label) => `<th>${html(label)}</th>`)
    .join('');
  const rows = matrix.labels
    .filter((expected) => matrix.counts[expected] !== undefined)
    .map((expected) => {
      const cells = matrix.labels.map((chosen) => {
        const value = confusionCount(matrix, expected, chosen);
        const alpha = (value / maximum) * 0.6;
        const hue = expected === chosen ? '26, 127, 55' : '207, 34, 46';
        return `<td class="num" style="background: rgba(${hue}, ${alpha.toFixed(2)})">${value}</td>`;
      });
      return `<tr><th>${html(expected)}</th>${cells.join('')}</tr>`;
    });
  return [
    '<section><h2>Action confusion matrix</h2>',
    '<p>Runs by expected action (rows, the first acceptable entry of the case) and chosen action (columns, the run’s gated call).</p>',
    `<table><thead><tr><th>expected \\ chosen</th>${header}</tr></thead><tbody>`,
    ...rows,
    '</tbody></table></section>',
  ].join('\n');
}

function runLine(run: RunScore): string {
  const decision =
    run.status === 'error' ? 'error' : formatDecision(run.decision);
  const flags = [
    run.correct ? 'correct' : 'wrong',
    run.unsafe ? 'UNSAFE' : '',
    run.ungated ? 'UNGATED' : '',
    run.injectionResisted === false ? 'obeyed injection' : '',
  ].filter((flag) => flag !== '');
  const missing =
    run.grounding.missing.length > 0
      ? `; refs not found: ${run.grounding.missing.join(', ')}`
      : '';
  const error = run.error === undefined ? '' : `; error: ${run.error}`;
  return `<li>run ${run.attempt + 1}: <code>${html(decision, 200)}</code> ${html(run.outcome)} (${html(flags.join(', '))}); ${run.executions} executed; confidence ${html(formatScore(run.confidence))}; grounding ${run.grounding.found}/${run.grounding.cited}${html(missing)}; ${run.toolCalls} tool calls; ${html(formatDuration(run.wallTimeMs))}${html(error)}</li>`;
}

function chosenOf(summary: CaseSummary): string {
  const first = summary.runs[0];
  if (first === undefined) return '';
  if (first.status === 'error') return 'error';
  return `${formatDecision(first.decision)} (${first.outcome})`;
}

function caseRow(summary: CaseSummary, results: EvalResults): string {
  const outcome = caseOutcome(summary, results.knownFailures);
  const expected = formatExpected(summary);
  const approval = formatApprovalCompliance(summary, results.mode);
  const approvalCell =
    approval === undefined
      ? ''
      : `<td class="${approval.startsWith('FAILED') ? 'fail' : 'num'}">${html(approval)}</td>`;
  return [
    '<tr>',
    `<td class="${outcome}">${outcome}</td>`,
    `<td><strong>${html(summary.caseId, 120)}</strong><br>${html(summary.title, 300)}<br><small>${html(summary.tags.join(', '), 200)}</small>`,
    `<details><summary>runs (${summary.runs.length})</summary><ul>${summary.runs.map(runLine).join('')}</ul></details></td>`,
    `<td><code>${html(expected, 200)}</code><br>${html(summary.expectedDisposition)}, ${html(summary.expectedStage)}</td>`,
    `<td><code>${html(chosenOf(summary), 200)}</code></td>`,
    `<td class="num">${summary.decisionAccuracy.successes}/${summary.runs.length}</td>`,
    `<td class="num">${summary.unsafeRuns}</td>`,
    `<td class="num">${summary.ungatedRuns}</td>`,
    approvalCell,
    `<td class="num">${summary.stageAccuracy.successes}/${summary.runs.length}</td>`,
    `<td class="num">${html(formatPercent(summary.evidenceGrounding.value))}</td>`,
    `<td class="num">${html(formatCost(summary.costUsd))}</td>`,
    `<td class="num">${html(formatDuration(summary.wallTimeMs))}</td>`,
    '</tr>',
  ].join('');
}

function casesSection(results: EvalResults): string {
  const maximum = Math.max(
    1,
    ...results.cases.map((summary) => summary.wallTimeMs),
  );
  const timeChart = renderBarChart(
    'Median wall time per case',
    results.cases.map((summary) => ({
      label: summary.caseId,
      value: summary.wallTimeMs,
      valueText: formatDuration(summary.wallTimeMs),
      color: summary.failed ? '#cf4a3a' : '#4a78b5',
    })),
    maximum,
  );
  return [
    '<section><h2>Cases</h2>',
    `<table><thead><tr><th>result</th><th>case</th><th>expected</th><th>decision (run 1)</th><th>correct</th><th>unsafe</th><th>ungated</th>${results.mode === 'autonomous' ? '<th>approval</th>' : ''}<th>stage</th><th>grounding</th><th>cost</th><th>time</th></tr></thead><tbody>`,
    ...results.cases.map((summary) => caseRow(summary, results)),
    '</tbody></table>',
    '<h3>Median wall time per case</h3>',
    timeChart,
    '</section>',
  ].join('\n');
}

function gateSection(results: EvalResults): string {
  const { gate } = results;
  if (gate.enforced === false) {
    return `<p class="gate">${html(gateNotSetLine.replace('gate: ', 'Gate: '), 200)}</p>`;
  }
  const lines = [...(gate.checks ?? []), ...(gate.passed ? [] : gate.reasons)]
    .map((line) => `<li>${html(line)}</li>`)
    .join('');
  const list = lines === '' ? '' : `<ul>${lines}</ul>`;
  return gate.passed
    ? `<div class="gate ok"><p>Gate: passed</p>${list}</div>`
    : `<div class="gate bad"><p>Gate: FAILED</p>${list}</div>`;
}

/**
 * Renders the eval as one self-contained HTML page that opens from disk: no
 * scripts, charts as inline SVG, a strict content security policy, and every
 * piece of case text sanitized and escaped.
 */
export function renderHtmlReport(results: EvalResults): string {
  const title = `qradar-mcp eval: ${results.provider} ${results.model}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${reportContentSecurityPolicy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title, 200)}</title>`,
    `<style>${styles}</style>`,
    '</head><body>',
    `<h1>${html(title, 200)}</h1>`,
    `<p>${results.cases.length} cases, k=${results.k}, mode ${html(results.mode)}, cases from <code>${html(results.casesDir, 300)}</code>, ${html(results.startedAt)} to ${html(results.finishedAt)}${results.approveAll ? ', approvals granted automatically' : ''}.</p>`,
    gateSection(results),
    metricsSection(results),
    confusionSection(results.confusion),
    casesSection(results),
    '</body></html>',
    '',
  ].join('\n');
}
