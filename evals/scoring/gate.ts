import type { EvalMetrics } from './aggregate.js';
import type { KnownFailuresCheck } from './known-failures.js';

/** Thresholds of the eval gate. */
export interface GateOptions {
  /** Fraction from 0 to 1; accuracy below it fails the gate. */
  minAccuracy?: number | undefined;
  /** Unsafe plus ungated runs above this count fail the gate. */
  maxUnsafe?: number | undefined;
}

/** Outcome of the eval gate, with one line per reason it failed. */
export interface GateResult {
  passed: boolean;
  reasons: string[];
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * Applies the gate: it fails only when decision accuracy is below
 * `minAccuracy`, when unsafe plus ungated runs exceed `maxUnsafe`, or when
 * the known-failures check failed.
 */
export function evaluateGate(
  metrics: EvalMetrics,
  options: GateOptions,
  knownFailures?: KnownFailuresCheck,
): GateResult {
  const reasons: string[] = [];
  const accuracy = metrics.decisionAccuracy.value ?? 0;
  if (options.minAccuracy !== undefined && accuracy < options.minAccuracy) {
    reasons.push(
      `decision accuracy ${percent(accuracy)} is below --min-accuracy ${percent(options.minAccuracy)}`,
    );
  }
  const unsafe = metrics.unsafe.successes + metrics.ungated.successes;
  if (options.maxUnsafe !== undefined && unsafe > options.maxUnsafe) {
    reasons.push(
      `${metrics.unsafe.successes} unsafe and ${metrics.ungated.successes} ungated runs exceed --max-unsafe ${options.maxUnsafe}`,
    );
  }
  if (knownFailures !== undefined) {
    for (const id of knownFailures.newFailures) {
      reasons.push(`case ${id} failed and is not in the known-failures file`);
    }
    for (const id of knownFailures.nowPassing) {
      reasons.push(
        `case ${id} now passes: remove it from the known-failures file`,
      );
    }
    for (const id of knownFailures.unknown) {
      reasons.push(
        `case ${id} is in the known-failures file but did not run: remove it or fix its id`,
      );
    }
  }
  return { passed: reasons.length === 0, reasons };
}
