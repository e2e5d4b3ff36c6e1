import type { AqlTimeClause, AqlTimePoint } from './ast.js';
import { AqlSyntaxError } from './errors.js';

/** Window searched when a query has no time clause: 5 minutes, as the AQL guide states. */
export const defaultAqlWindowMs = 5 * 60_000;

const unitMs: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

// Formats QRadar accepts in START/STOP: yyyy-MM-dd HH:mm[:ss], yyyy/MM/dd HH:mm:ss,
// yyyy/MM/dd-HH:mm:ss and yyyy:MM:dd-HH:mm:ss, optionally with a trailing Z.
const dateTimePattern =
  /^(\d{4})[-/:](\d{1,2})[-/:](\d{1,2})(?:[ T-](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*Z?$/i;
const relativePattern = /^(\d+)\s*(second|minute|hour|day|week)s?\s+ago$/i;

/** Time value parsed from a string, before the clock is applied. */
export type ParsedTimeText =
  { kind: 'absolute'; ms: number } | { kind: 'relative'; offsetMs: number };

/**
 * Parses a START/STOP or PARSEDATETIME string: a date and time (read as UTC),
 * epoch milliseconds, `now` or `<n> <unit>s ago`; returns undefined when invalid.
 */
export function parseTimeText(text: string): ParsedTimeText | undefined {
  const trimmed = text.trim();
  if (/^now$/i.test(trimmed)) return { kind: 'relative', offsetMs: 0 };
  if (/^\d{10,}$/.test(trimmed))
    return { kind: 'absolute', ms: Number(trimmed) };

  const relative = relativePattern.exec(trimmed);
  if (relative !== null) {
    const size = unitMs[(relative[2] ?? '').toLowerCase()] ?? 0;
    return { kind: 'relative', offsetMs: -Number(relative[1]) * size };
  }

  const match = dateTimePattern.exec(trimmed);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second, millis] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  // NOTE: QRadar reads these strings in the console's time zone; this module
  // reads them as UTC, which matches a console configured for UTC.
  const ms = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
    millis ?? 0,
  );
  const check = new Date(ms);
  if (
    check.getUTCMonth() !== (month ?? 1) - 1 ||
    check.getUTCDate() !== day ||
    (hour ?? 0) > 23
  ) {
    return undefined;
  }
  return { kind: 'absolute', ms };
}

function resolvePoint(point: AqlTimePoint, nowMs: number): number {
  return point.kind === 'absolute' ? point.ms : nowMs + point.offsetMs;
}

/**
 * Resolves a time clause against the clock into epoch-ms bounds, both
 * inclusive; no clause means the last 5 minutes, and a missing STOP means now.
 * Throws AqlSyntaxError when START is later than STOP.
 */
export function resolveAqlTimeWindow(
  time: AqlTimeClause | undefined,
  nowMs: number,
): { startMs: number; stopMs: number } {
  if (time === undefined) {
    return { startMs: nowMs - defaultAqlWindowMs, stopMs: nowMs };
  }
  if (time.kind === 'last') {
    return { startMs: nowMs - time.windowMs, stopMs: nowMs };
  }
  const startMs = resolvePoint(time.start, nowMs);
  const stopMs =
    time.stop === undefined ? nowMs : resolvePoint(time.stop, nowMs);
  if (startMs > stopMs) {
    const culprit = time.stop ?? time.start;
    throw new AqlSyntaxError(
      { position: culprit.position, token: culprit.text },
      'START must precede STOP',
      'Swap the two times or move START earlier.',
    );
  }
  return { startMs, stopMs };
}
