import { shiftTimes } from './time-shift.js';

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

// `2026-11-20T09:39:06Z`, `2026-11-20T09:39:06.250+01:00` and
// `2026-11-20 09:39:06,123`. The zone designator is left as written because
// moving the wall-clock fields by the delta moves the instant by the same
// delta for any fixed offset.
const dateTimePattern =
  /(?<!\d)(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:([.,])(\d{1,9}))?(?!\d)/g;

// RFC 3164 syslog time such as `Nov 20 03:36:06` or `Nov  5 03:36:06`. It has
// no year, so the year comes from the event that carries the payload.
const syslogPattern =
  /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?!\d)/g;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Returns the epoch milliseconds of wall-clock fields read as UTC, or undefined when they name no real time. */
function wallClockMs(clock: WallClock): number | undefined {
  const ms = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  const date = new Date(ms);
  const isExact =
    date.getUTCFullYear() === clock.year &&
    date.getUTCMonth() === clock.month - 1 &&
    date.getUTCDate() === clock.day &&
    date.getUTCHours() === clock.hour &&
    date.getUTCMinutes() === clock.minute &&
    date.getUTCSeconds() === clock.second;
  return isExact ? ms : undefined;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function timeOfDay(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
}

function shiftDateTime(
  match: string,
  groups: string[],
  deltaMs: number,
): string {
  const [year, month, day, separator, hour, minute, second, mark, fraction] =
    groups;
  const baseMs = wallClockMs({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  });
  if (baseMs === undefined) return match;
  // Milliseconds come from the first three fraction digits; finer digits
  // stay as written because the delta is whole milliseconds.
  const digits = fraction ?? '';
  const fractionMs = Number(digits.slice(0, 3).padEnd(3, '0'));
  const shifted = new Date(baseMs + fractionMs + deltaMs);
  let text = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}${separator ?? 'T'}${timeOfDay(shifted)}`;
  if (digits !== '') {
    const milliseconds = pad(shifted.getUTCMilliseconds(), 3);
    text += `${mark ?? '.'}${
      digits.length >= 3
        ? milliseconds + digits.slice(3)
        : milliseconds.slice(0, digits.length)
    }`;
  }
  return text;
}

function syslogYear(
  clock: Omit<WallClock, 'year'>,
  referenceMs: number,
): number | undefined {
  const referenceYear = new Date(referenceMs).getUTCFullYear();
  let best: { year: number; distanceMs: number } | undefined;
  for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
    const ms = wallClockMs({ ...clock, year });
    if (ms === undefined) continue;
    const distanceMs = Math.abs(ms - referenceMs);
    if (best === undefined || distanceMs < best.distanceMs)
      best = { year, distanceMs };
  }
  return best?.year;
}

function shiftSyslog(
  match: string,
  groups: string[],
  deltaMs: number,
  referenceMs: number,
): string {
  const [monthName, dayText, hour, minute, second] = groups;
  const clock = {
    month: monthNames.indexOf(monthName ?? '') + 1,
    day: Number(dayText),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  const year = syslogYear(clock, referenceMs);
  const baseMs =
    year === undefined ? undefined : wallClockMs({ ...clock, year });
  if (baseMs === undefined) return match;
  const shifted = new Date(baseMs + deltaMs);
  const newDay = shifted.getUTCDate();
  // Keep the day written as the source wrote it: `05`, `5`, or space-padded.
  const dayWidth = dayText?.length === 1 ? 1 : 2;
  const dayFill = dayText?.startsWith('0') === true ? '0' : ' ';
  const day = String(newDay).padStart(dayWidth, dayFill);
  return `${monthNames[shifted.getUTCMonth()] ?? ''} ${day} ${timeOfDay(shifted)}`;
}

/**
 * Moves the timestamps written inside a payload by `deltaMs`: ISO 8601 and
 * `yyyy-MM-dd HH:mm:ss` times (with an optional fraction) and syslog times
 * such as `Nov 20 03:36:06`, whose year is the one that puts them closest to
 * `referenceMs`. Text that only looks like a time (month 13, hour 25) stays
 * as written, and so do syslog times when no reference time is known.
 */
export function shiftPayloadTimes(
  payload: string,
  deltaMs: number,
  referenceMs: number | undefined,
): string {
  if (deltaMs === 0) return payload;
  const shifted = payload.replace(dateTimePattern, (match, ...groups) =>
    shiftDateTime(match, groups.slice(0, 9) as string[], deltaMs),
  );
  if (referenceMs === undefined) return shifted;
  return shifted.replace(syslogPattern, (match, ...groups) =>
    shiftSyslog(match, groups.slice(0, 5) as string[], deltaMs, referenceMs),
  );
}

function referenceTime(record: Record<string, unknown>): number | undefined {
  for (const key of ['starttime', 'devicetime', 'endtime']) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}

/**
 * Returns copies of case event or flow records with their time fields and
 * the timestamps inside their `payload` moved by `deltaMs`.
 */
export function shiftCaseRecords<Row extends Record<string, unknown>>(
  records: readonly Row[],
  deltaMs: number,
): Row[] {
  return records.map((record) => {
    const shifted = shiftTimes(record, deltaMs);
    const payload = record['payload'];
    if (typeof payload !== 'string') return shifted;
    return {
      ...shifted,
      payload: shiftPayloadTimes(payload, deltaMs, referenceTime(record)),
    };
  });
}
