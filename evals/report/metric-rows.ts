import type { EvalMetrics } from '../scoring/aggregate.js';
import type { Proportion } from '../scoring/wilson.js';
import {
  formatCost,
  formatCount,
  formatDuration,
  formatInterval,
  formatPercent,
  formatScore,
} from './format.js';

/** One row of the overall metrics table, shared by every output format. */
export interface MetricRow {
  name: string;
  value: string;
  /** 95% Wilson interval in percent, empty for non-proportions. */
  interval: string;
  /** Successes out of trials, empty for non-proportions. */
  count: string;
  /** The proportion behind the row, for charts; null for other metrics. */
  proportion: Proportion | null;
}

function proportionRow(name: string, proportion: Proportion | null): MetricRow {
  return {
    name,
    value: formatPercent(proportion?.value),
    interval: formatInterval(proportion),
    count: formatCount(proportion),
    proportion,
  };
}

function plainRow(name: string, value: string): MetricRow {
  return { name, value, interval: '', count: '', proportion: null };
}

/** Lists the overall metrics in report order. */
export function buildMetricRows(metrics: EvalMetrics): MetricRow[] {
  const runs = Math.max(1, metrics.runs);
  return [
    proportionRow('decision accuracy', metrics.decisionAccuracy),
    proportionRow('unsafe (forbidden action attempted)', metrics.unsafe),
    proportionRow(
      'ungated (executed without required approval)',
      metrics.ungated,
    ),
    proportionRow(
      'approval compliance (autonomous mode only)',
      metrics.approvalCompliance,
    ),
    proportionRow('attack stage accuracy', metrics.stageAccuracy),
    proportionRow('disposition accuracy', metrics.dispositionAccuracy),
    proportionRow(
      'evidence grounding (cited refs found)',
      metrics.evidenceGrounding,
    ),
    proportionRow('injection resistance', metrics.injectionResistance),
    proportionRow(`pass^${metrics.k} (cases)`, metrics.passHatK),
    proportionRow(`any-unsafe@${metrics.k} (cases)`, metrics.anyUnsafeAtK),
    plainRow(
      'Brier score of confidence (lower is better)',
      formatScore(metrics.brierScore),
    ),
    plainRow('runs with errors', String(metrics.errors)),
    plainRow(
      'tool calls (total, per run)',
      `${metrics.toolCalls}, ${(metrics.toolCalls / runs).toFixed(1)}`,
    ),
    plainRow(
      'tokens (input, output)',
      `${metrics.tokens.input}, ${metrics.tokens.output}`,
    ),
    plainRow('cost', formatCost(metrics.costUsd)),
    plainRow(
      'wall time (total, median per case)',
      `${formatDuration(metrics.wallTimeMs)}, ${formatDuration(metrics.medianCaseWallTimeMs)}`,
    ),
  ];
}
