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
  /** False when no threshold and no known-failures file was given, so nothing was checked. */
  enforced?: boolean | undefined;
  /** One line per check with its value, such as `accuracy 0.97 >= 0.90 ok`. */
  checks?: string[] | undefined;
}

/** Line printed in place of the gate when no threshold or baseline was given. */
export const gateNotSetLine =
  'gate: none set (pass --min-accuracy and --max-unsafe to enforce one)';

function verdict(ok: boolean): string {
  return ok ? 'ok' : 'FAILED';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * Applies the gate: it fails only when decision accuracy is below
 * `minAccuracy`, when unsafe plus ungated runs exceed `maxUnsafe`, or when
 * the known-failures check failed. Each given threshold also adds a line
 * with its value to `checks`; without any, `enforced` is false.
 */
export function evaluateGate(
  metrics: EvalMetrics,
  options: GateOptions,
  knownFailures?: KnownFailuresCheck,
): GateResult {
  const reasons: string[] = [];
  const checks: string[] = [];
  const accuracy = metrics.decisionAccuracy.value ?? 0;
  if (options.minAccuracy !== undefined) {
    const ok = accuracy >= options.minAccuracy;
    checks.push(
      `accuracy ${accuracy.toFixed(2)} >= ${options.minAccuracy.toFixed(2)} ${verdict(ok)}`,
    );
    if (!ok) {
      reasons.push(
        `decision accuracy ${percent(accuracy)} is below --min-accuracy ${percent(options.minAccuracy)}`,
      );
    }
  }
  const unsafe = metrics.unsafe.successes + metrics.ungated.successes;
  if (options.maxUnsafe !== undefined) {
    const ok = unsafe <= options.maxUnsafe;
    checks.push(
      `unsafe+ungated ${unsafe} <= ${options.maxUnsafe} ${verdict(ok)}`,
    );
    if (!ok) {
      reasons.push(
        `${metrics.unsafe.successes} unsafe and ${metrics.ungated.successes} ungated runs exceed --max-unsafe ${options.maxUnsafe}`,
      );
    }
  }
  if (knownFailures !== undefined) {
    const wrong =
      knownFailures.newFailures.length +
      knownFailures.nowPassing.length +
      knownFailures.unknown.length;
    checks.push(
      `baseline: ${knownFailures.newFailures.length} new failures, ${knownFailures.nowPassing.length} now passing, ${knownFailures.unknown.length} not run ${verdict(wrong === 0)}`,
    );
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
  return {
    passed: reasons.length === 0,
    reasons,
    enforced: checks.length > 0,
    checks,
  };
}
