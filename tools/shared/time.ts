/** Formats epoch milliseconds as ISO 8601 UTC; null, zero and junk become null. */
export function toIsoTime(epochMs: unknown): string | null {
  if (typeof epochMs !== 'number' || !Number.isFinite(epochMs) || epochMs <= 0)
    return null;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const relativeUnitsMs: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses an ISO 8601 time or a relative form such as `24h`, `7d` or `30m`
 * into epoch milliseconds; returns undefined when it is neither.
 */
export function parseSince(value: string, nowMs: number): number | undefined {
  const relative = /^(\d{1,4})\s*([mhd])$/i.exec(value.trim());
  if (relative !== null) {
    const amount = Number(relative[1]);
    const unit = (relative[2] ?? 'h').toLowerCase();
    return nowMs - amount * (relativeUnitsMs[unit] ?? 3_600_000);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
