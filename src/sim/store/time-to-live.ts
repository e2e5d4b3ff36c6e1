/** A reference-set time to live, kept in the units QRadar reports. */
export interface TimeToLive {
  /** Interval form as QRadar returns it, such as `0 years 0mons 7 days 0 hours 0mins 0.0 secs`. */
  interval: string;
  milliseconds: number;
}

const secondMs = 1000;
const minuteMs = 60 * secondMs;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

const units: { pattern: RegExp; field: keyof Parts }[] = [
  { pattern: /^(y|yrs?|years?)$/, field: 'years' },
  { pattern: /^(mons?|months?)$/, field: 'months' },
  { pattern: /^(w|weeks?)$/, field: 'weeks' },
  { pattern: /^(d|days?)$/, field: 'days' },
  { pattern: /^(h|hrs?|hours?)$/, field: 'hours' },
  { pattern: /^(m|mins?|minutes?)$/, field: 'minutes' },
  { pattern: /^(s|secs?|seconds?)$/, field: 'seconds' },
];

interface Parts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Parses a time to live in QRadar's prose form (`1 month`, `5 minutes`,
 * `2 weeks 3 days`) or its interval form. Months count 30 days and years 365.
 * Returns undefined when the text is not a positive duration.
 */
export function parseTimeToLive(text: string): TimeToLive | undefined {
  const parts: Parts = {
    years: 0,
    months: 0,
    weeks: 0,
    days: 0,
    hours: 0,
    minutes: 0,
    seconds: 0,
  };
  const pairPattern = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;
  const rest = text.replace(pairPattern, '').trim();
  const pairs = [...text.matchAll(pairPattern)];
  if (pairs.length === 0 || rest !== '') return undefined;
  for (const [, amount, unit] of pairs) {
    const entry = units.find((candidate) =>
      candidate.pattern.test((unit ?? '').toLowerCase()),
    );
    if (entry === undefined) return undefined;
    parts[entry.field] += Number(amount);
  }
  const days = parts.days + parts.weeks * 7;
  const milliseconds = Math.round(
    (parts.years * 365 + parts.months * 30 + days) * dayMs +
      parts.hours * hourMs +
      parts.minutes * minuteMs +
      parts.seconds * secondMs,
  );
  if (milliseconds <= 0) return undefined;
  const interval = `${parts.years} years ${parts.months}mons ${days} days ${parts.hours} hours ${parts.minutes}mins ${parts.seconds.toFixed(1)} secs`;
  return { interval, milliseconds };
}
