// Names of epoch-millisecond fields in QRadar objects and AQL records:
// start_time, starttime, devicetime, create_time, creation_date, first_seen,
// first_seen_scanner, last_event_flow_seen, created, last_reported, and so on.
const timeKeyPattern =
  /(time|date|timestamp|seen|created|modified|last_reported)$|^(first|last)_seen/i;

// Values below 2000-01-01 are flags, counts or "unknown" zeros, not times.
const earliestTimeMs = Date.UTC(2000, 0, 1);
const latestTimeMs = Date.UTC(2200, 0, 1);

/** Tells whether a key names an epoch-millisecond field. */
export function isTimeKey(key: string): boolean {
  return timeKeyPattern.test(key);
}

function isEpochMs(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= earliestTimeMs &&
    value <= latestTimeMs
  );
}

/**
 * Returns a deep copy of a JSON value in which every epoch-millisecond field
 * (by key name, with a value after 2000-01-01) is moved by `deltaMs`.
 */
export function shiftTimes<T>(value: T, deltaMs: number): T {
  if (deltaMs === 0) return structuredClone(value);
  return shiftValue(value, deltaMs) as T;
}

function shiftValue(value: unknown, deltaMs: number): unknown {
  if (Array.isArray(value)) {
    return value.map((element) => shiftValue(element, deltaMs));
  }
  if (value === null || typeof value !== 'object') return value;
  const shifted: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    shifted[key] =
      isTimeKey(key) && isEpochMs(field)
        ? field + deltaMs
        : shiftValue(field, deltaMs);
  }
  return shifted;
}

/** Returns the largest epoch-millisecond time among the given record fields. */
export function newestTime(
  records: readonly Record<string, unknown>[],
  keys: readonly string[],
): number | undefined {
  let newest: number | undefined;
  for (const record of records) {
    for (const key of keys) {
      const value = record[key];
      if (isEpochMs(value) && (newest === undefined || value > newest))
        newest = value;
    }
  }
  return newest;
}
