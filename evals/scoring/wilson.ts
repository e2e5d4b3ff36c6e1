/** A proportion with its Wilson score interval. */
export interface Proportion {
  successes: number;
  total: number;
  /** successes / total, or null when total is 0. */
  value: number | null;
  /** Lower bound of the 95% interval, or null when total is 0. */
  low: number | null;
  /** Upper bound of the 95% interval, or null when total is 0. */
  high: number | null;
}

// Two-sided 95% normal quantile.
const z95 = 1.959963984540054;

/**
 * Computes successes / total with its Wilson score interval (95% by default),
 * which stays inside [0, 1] and behaves at 0 and at total, unlike the normal
 * approximation.
 */
export function wilsonInterval(
  successes: number,
  total: number,
  z: number = z95,
): Proportion {
  if (total <= 0) {
    return { successes, total, value: null, low: null, high: null };
  }
  const p = successes / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const center = (p + z2 / (2 * total)) / denominator;
  const half =
    (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) /
    denominator;
  return {
    successes,
    total,
    value: p,
    low: Math.max(0, center - half),
    high: Math.min(1, center + half),
  };
}
