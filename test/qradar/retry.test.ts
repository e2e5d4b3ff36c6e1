import { describe, expect, it } from 'vitest';

import {
  computeRetryDelay,
  defaultRetryPolicy,
  parseRetryAfter,
} from '../../src/qradar/index.js';

describe('retry policy', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads Retry-After seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
  });

  it('reads Retry-After HTTP date', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  });

  it('ignores unreadable Retry-After', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('prefers Retry-After over backoff', () => {
    expect(computeRetryDelay(1, 2_000, defaultRetryPolicy, () => 0.5)).toBe(
      2_000,
    );
  });

  it('doubles backoff up to cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((retry) =>
      computeRetryDelay(retry, undefined, defaultRetryPolicy, () => 0),
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('applies up to 25 % jitter', () => {
    expect(
      computeRetryDelay(2, undefined, defaultRetryPolicy, () => 0.999),
    ).toBe(750);
  });
});
