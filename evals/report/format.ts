import type { DecisionRef } from '../scoring/types.js';
import type { Proportion } from '../scoring/wilson.js';

/** Formats a fraction as a percentage with one decimal, or `n/a`. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined
    ? 'n/a'
    : `${(value * 100).toFixed(1)}%`;
}

/** Formats the 95% interval of a proportion as `[low, high]` in percent. */
export function formatInterval(proportion: Proportion | null): string {
  if (
    proportion === null ||
    proportion.low === null ||
    proportion.high === null
  )
    return '';
  return `[${(proportion.low * 100).toFixed(1)}, ${(proportion.high * 100).toFixed(1)}]`;
}

/** Formats successes out of total, such as `30/32`. */
export function formatCount(proportion: Proportion | null): string {
  return proportion === null
    ? ''
    : `${proportion.successes}/${proportion.total}`;
}

/** Formats milliseconds as seconds with one decimal, or ms below a second. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a cost in US dollars, or `n/a` for a model without a price. */
export function formatCost(usd: number | null): string {
  if (usd === null) return 'n/a';
  return usd === 0 ? '$0' : `$${usd.toFixed(4)}`;
}

/** Formats a decision as `action target` or `none`. */
export function formatDecision(decision: DecisionRef): string {
  return decision.action === 'none' || decision.target === undefined
    ? decision.action
    : `${decision.action} ${decision.target}`;
}

/** Formats a number with up to three decimals, or `n/a`. */
export function formatScore(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(3);
}
