/** A span of time from the policy file, in milliseconds and in QRadar's prose. */
export interface Duration {
  ms: number;
  /** Normalized prose such as `7 days`, the form QRadar takes for a set's time_to_live. */
  text: string;
}

const unitMs = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
} as const;

const unitAliases: Record<string, keyof typeof unitMs> = {
  s: 'second',
  sec: 'second',
  second: 'second',
  seconds: 'second',
  m: 'minute',
  min: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  week: 'week',
  weeks: 'week',
};

/** Parses `15 minutes`, `24 hours`, `7d` and similar; undefined when invalid. */
export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d{1,6})\s*([a-z]+)$/i.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const unit = unitAliases[match[2].toLowerCase()];
  const count = Number(match[1]);
  if (unit === undefined || count === 0) return undefined;
  return {
    ms: count * unitMs[unit],
    text: `${count} ${unit}${count === 1 ? '' : 's'}`,
  };
}
