import { sanitizeText } from '../text/index.js';
import type { RunOutcome } from './run-record.js';

/** One triaged offense, as the triage table shows it. */
export interface TriageRow {
  offenseId: number | null;
  runId: string;
  state: string;
  outcome: RunOutcome | null;
}

/** Column titles of the triage table. */
export const triageColumns = [
  'offense',
  'stage',
  'recommended action',
  'confidence',
  'policy decision',
  'note',
  'approval request',
  'run',
] as const;

function cell(value: unknown, maxLength = 40): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

/** Returns the cells of one row; attacker-influenced text is sanitized. */
export function triageCells(row: TriageRow): string[] {
  const recommendation = row.outcome?.recommendation;
  const action =
    recommendation === undefined
      ? 'none'
      : `${recommendation.action}${recommendation.target === undefined ? '' : ` ${recommendation.target}`}`;
  const outcome = row.outcome;
  const resumed = outcome?.resume;
  const latest = resumed?.decision ?? outcome?.decision;
  let decision: string;
  if (resumed !== undefined && resumed.decision === undefined) {
    decision = `approval ${resumed.status}`;
  } else if (latest !== undefined) {
    decision = `${latest.decision} (${latest.rule})`;
  } else {
    decision = outcome?.result ?? row.state;
  }
  return [
    String(row.offenseId ?? '-'),
    cell(recommendation?.attack_stage ?? row.outcome?.stopReason ?? '-'),
    cell(action, 48),
    recommendation === undefined ? '-' : recommendation.confidence.toFixed(2),
    cell(decision, 48),
    row.outcome?.noteWritten === true ? 'yes' : 'no',
    cell(row.outcome?.approvalRequestId ?? '-'),
    cell(row.runId),
  ];
}

/** Lays out rows under headers in aligned columns; returns the lines. */
export function renderTable(
  headers: readonly string[],
  rows: readonly string[][],
): string[] {
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
}
