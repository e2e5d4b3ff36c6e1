import { z } from 'zod';

import type { Offense, QRadarClient } from '../../src/qradar/index.js';
import { isoTimeSchema } from './schemas.js';
import { toIsoTime } from './time.js';
import { optionalUntrustedText } from './untrusted.js';

/** One offense in a list: the fields that decide whether to look closer. */
export const offenseListItemSchema = z.object({
  id: z.number().int(),
  status: z.string().nullable(),
  magnitude: z.number().nullable(),
  severity: z.number().nullable(),
  offense_type: z.string().nullable(),
  event_count: z.number().int().nullable(),
  start_time: isoTimeSchema,
  last_updated_time: isoTimeSchema,
  categories: z.array(z.string()),
  assigned_to: z.string().nullable(),
  untrusted: z.object({
    description: z.string().nullable(),
    offense_source: z.string().nullable(),
  }),
});

/** One offense in a list. */
export type OffenseListItem = z.input<typeof offenseListItemSchema>;

const maxListedCategories = 5;

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Looks up offense type names by id; failures leave the names out. */
export async function offenseTypeNames(
  client: QRadarClient,
  offenses: readonly Offense[],
  signal: AbortSignal,
): Promise<Map<number, string>> {
  const ids = [
    ...new Set(
      offenses
        .map((offense) => offense.offense_type)
        .filter((id): id is number => typeof id === 'number'),
    ),
  ];
  const names = new Map<number, string>();
  if (ids.length === 0) return names;
  try {
    for (const type of await client.listOffenseTypes(ids, { signal })) {
      if (typeof type.name === 'string') names.set(type.id, type.name);
    }
  } catch {
    // Type names only label the list; the ids stay usable without them.
  }
  return names;
}

/** Builds the list entry of an offense. */
export function toOffenseListItem(
  offense: Offense,
  typeNames: ReadonlyMap<number, string>,
): OffenseListItem {
  const typeId = offense.offense_type;
  return {
    id: offense.id,
    status: offense.status ?? null,
    magnitude: numberOrNull(offense.magnitude),
    severity: numberOrNull(offense.severity),
    offense_type:
      typeof typeId === 'number'
        ? (typeNames.get(typeId) ?? `type ${typeId}`)
        : null,
    event_count: numberOrNull(offense.event_count),
    start_time: toIsoTime(offense.start_time),
    last_updated_time: toIsoTime(offense.last_updated_time),
    categories: (offense.categories ?? []).slice(0, maxListedCategories),
    assigned_to: offense.assigned_to ?? null,
    untrusted: {
      description: optionalUntrustedText(offense.description?.trim(), 200),
      offense_source: optionalUntrustedText(offense.offense_source, 100),
    },
  };
}

/** Fields requested for offense lists, to keep responses small. */
export const offenseListFields = [
  'id',
  'status',
  'magnitude',
  'severity',
  'offense_type',
  'offense_source',
  'event_count',
  'start_time',
  'last_updated_time',
  'categories',
  'assigned_to',
  'description',
] as const;

const marginMs = 60_000;

/**
 * Builds an AQL time clause covering an offense's events: from a minute
 * before its start to a minute after its last update, capped at maxWindowMs
 * back from the end so that a long-lived offense cannot start a huge search.
 */
export function offenseTimeClause(
  offense: Offense,
  nowMs: number,
  maxWindowMs: number,
): { clause: string; startMs: number; stopMs: number; capped: boolean } {
  const lastMs =
    typeof offense.last_updated_time === 'number'
      ? offense.last_updated_time
      : nowMs;
  const stopMs = Math.min(nowMs, lastMs + marginMs);
  const firstMs =
    typeof offense.start_time === 'number'
      ? offense.start_time - marginMs
      : stopMs - 86_400_000;
  const earliestMs = stopMs - maxWindowMs;
  const startMs = Math.max(Math.min(firstMs, stopMs - marginMs), earliestMs);
  return {
    clause: `START ${startMs} STOP ${stopMs}`,
    startMs,
    stopMs,
    capped: firstMs < earliestMs,
  };
}
