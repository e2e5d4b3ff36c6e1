import type { RunnerStateStore } from '../store/index.js';

/**
 * The fields whose change makes an offense update: more events, a later
 * last_updated_time or a higher magnitude. last_persisted_time is left out
 * on purpose, because the runner's own notes move it.
 */
export interface OffenseFingerprint {
  eventCount: number;
  lastUpdated: string;
  magnitude: number;
}

/** A stored cursor: the offense state last triaged, and by which run. */
export interface TriageCursor extends OffenseFingerprint {
  runId?: string | undefined;
}

/** Runner-state key of an offense's triage cursor, shared by watch, run and demo. */
export const cursorKey = (offenseId: number): string =>
  `watch:cursor:${offenseId}`;

/** Reads the fingerprint fields of an offense as list_offenses or get_offense return it. */
export function fingerprintOf(
  offense: Record<string, unknown>,
): OffenseFingerprint {
  const eventCount = offense['event_count'];
  const lastUpdated = offense['last_updated_time'];
  const magnitude = offense['magnitude'];
  return {
    eventCount: typeof eventCount === 'number' ? eventCount : 0,
    lastUpdated: typeof lastUpdated === 'string' ? lastUpdated : '',
    magnitude: typeof magnitude === 'number' ? magnitude : 0,
  };
}

/** Reads the stored triage cursor of an offense. */
export async function readCursor(
  state: RunnerStateStore,
  offenseId: number,
): Promise<TriageCursor | undefined> {
  return (await state.get(cursorKey(offenseId))) as TriageCursor | undefined;
}

/** Stores the triage cursor of an offense. */
export async function writeCursor(
  state: RunnerStateStore,
  offenseId: number,
  cursor: TriageCursor,
): Promise<void> {
  await state.set(cursorKey(offenseId), cursor);
}
