/** Settings of the client's single retry policy. */
export interface RetryPolicy {
  /** Retries after the first attempt; default 2. */
  maxRetries: number;
  /** Backoff before the first retry when no Retry-After is sent; default 500 ms. */
  initialDelayMs: number;
  /** Cap of the exponential backoff; default 8 s. */
  maxDelayMs: number;
  /** Longest Retry-After the client waits for; a longer one ends the retries. Default 60 s. */
  maxRetryAfterMs: number;
}

/** The defaults: two retries, 0.5 s doubling to at most 8 s, Retry-After up to 60 s. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const retryableStatuses = new Set([429, 502, 503, 504]);

/** Tells whether an HTTP status is worth a retry: 429, 502, 503 and 504. */
export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/**
 * Parses `Retry-After` as delta seconds or an HTTP date into milliseconds
 * from `nowMs`; returns undefined when absent or unreadable.
 */
export function parseRetryAfter(
  header: string | undefined,
  nowMs: number,
): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/**
 * Computes the wait before retry number `retry` (1 for the first): the
 * console's Retry-After when given, else exponential backoff with up to 25 %
 * jitter below the capped value.
 */
export function computeRetryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, retry - 1);
  const capped = Math.min(exponential, policy.maxDelayMs);
  return Math.round(capped * (1 - random() * 0.25));
}
