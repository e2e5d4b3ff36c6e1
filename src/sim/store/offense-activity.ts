import type { LoadedCase } from '../case-schema.js';
import { isLocalAddress, type AddressIndex } from './address-index.js';
import { numberOr, textOrUndefined, type JsonRecord } from './record-values.js';

/** Counts and names gathered from the events and flows of one offense. */
export interface OffenseActivity {
  eventCount: number;
  flowCount: number;
  hasEvents: boolean;
  hasFlows: boolean;
  firstMs: number | undefined;
  lastMs: number | undefined;
  usernames: Set<string>;
  categories: Set<string>;
  logSources: Map<number, JsonRecord>;
}

/** Returns an empty activity for an offense without events or flows. */
export function newActivity(): OffenseActivity {
  return {
    eventCount: 0,
    flowCount: 0,
    hasEvents: false,
    hasFlows: false,
    firstMs: undefined,
    lastMs: undefined,
    usernames: new Set(),
    categories: new Set(),
    logSources: new Map(),
  };
}

/** Adds one event or flow record to an offense's activity. */
export function observeActivity(
  stats: OffenseActivity,
  database: 'events' | 'flows',
  record: JsonRecord,
  count: number,
): void {
  if (database === 'events') {
    stats.hasEvents = true;
    stats.eventCount += count;
  } else {
    stats.hasFlows = true;
    stats.flowCount += 1;
  }
  const time = record['starttime'];
  if (typeof time === 'number') {
    if (stats.firstMs === undefined || time < stats.firstMs)
      stats.firstMs = time;
    if (stats.lastMs === undefined || time > stats.lastMs) stats.lastMs = time;
  }
  const username = textOrUndefined(record['username']);
  if (username !== undefined) stats.usernames.add(username);
  const category = textOrUndefined(record['categoryname']);
  if (category !== undefined) stats.categories.add(category);
  const logSourceId = record['logsourceid'];
  if (typeof logSourceId === 'number' && !stats.logSources.has(logSourceId)) {
    stats.logSources.set(logSourceId, {
      id: logSourceId,
      name:
        textOrUndefined(record['logsourcename']) ?? `Log source ${logSourceId}`,
      type_id: numberOr(record['devicetype'], 0),
      type_name: textOrUndefined(record['logsourcetypename']) ?? null,
    });
  }
}

/**
 * Attributes every event and flow of the cases to its offenses (the case
 * offense when a record has no `offense_ids`) and, for cases without explicit
 * address lists, records source and local destination addresses.
 */
export function collectActivity(
  cases: readonly LoadedCase[],
  offenses: readonly JsonRecord[],
  sources: AddressIndex,
  destinations: AddressIndex,
): Map<number, OffenseActivity> {
  const activity = new Map<number, OffenseActivity>();
  for (const offense of offenses)
    activity.set(Number(offense['id']), newActivity());
  const magnitudes = new Map<number, number>();
  for (const offense of offenses)
    magnitudes.set(Number(offense['id']), numberOr(offense['magnitude'], 0));

  for (const entry of cases) {
    const deriveSources = entry.case.source_addresses === undefined;
    const deriveDestinations =
      entry.case.local_destination_addresses === undefined;
    for (const database of ['events', 'flows'] as const) {
      for (const record of entry.case[database] as JsonRecord[]) {
        const offenseIds = Array.isArray(record['offense_ids'])
          ? (record['offense_ids'] as number[])
          : [entry.case.offense.id];
        for (const offenseId of offenseIds) {
          const stats = activity.get(offenseId);
          if (stats === undefined) continue;
          const count =
            database === 'events' ? numberOr(record['eventcount'], 1) : 1;
          observeActivity(stats, database, record, count);
          const time =
            typeof record['starttime'] === 'number'
              ? record['starttime']
              : undefined;
          const magnitude = magnitudes.get(offenseId) ?? 0;
          const sourceIp = textOrUndefined(record['sourceip']);
          const destinationIp = textOrUndefined(record['destinationip']);
          let sourceId: number | undefined;
          if (sourceIp !== undefined && deriveSources) {
            sourceId = Number(
              sources.observe(sourceIp, offenseId, count, time, magnitude)[
                'id'
              ],
            );
          }
          if (
            destinationIp !== undefined &&
            deriveDestinations &&
            isLocalAddress(destinationIp)
          ) {
            const destination = destinations.observe(
              destinationIp,
              offenseId,
              count,
              time,
              magnitude,
            );
            const destinationId = Number(destination['id']);
            if (sourceIp !== undefined && sourceId !== undefined) {
              sources.link(sourceIp, destinationId);
              destinations.link(destinationIp, sourceId);
            }
          }
        }
      }
    }
  }

  return activity;
}

/**
 * Completes an offense object with QRadar's defaults and the values derived
 * from its activity: counts, times, address ids and rule references.
 */
export function completeOffense(
  offense: JsonRecord,
  stats: OffenseActivity,
  sources: AddressIndex,
  destinations: AddressIndex,
  caseNewest: number,
): JsonRecord {
  const id = Number(offense['id']);
  const sourceIds = sources.idsForOffense(id);
  const destinationIds = destinations.idsForOffense(id);
  const startTime = numberOr(
    offense['start_time'],
    stats.firstMs ?? caseNewest,
  );
  const lastUpdated = numberOr(
    offense['last_updated_time'],
    stats.lastMs ?? startTime,
  );
  const destinationNetworks = [
    ...new Set(
      destinations
        .records()
        .filter((record) => destinationIds.includes(Number(record['id'])))
        .map((record) => String(record['network'])),
    ),
  ];
  const firstSource = sources
    .records()
    .find((record) => record['id'] === sourceIds[0]);
  const { rules, id: _id, ...rest } = offense;
  const categories = Array.isArray(offense['categories'])
    ? (offense['categories'] as unknown[])
    : [...stats.categories];
  return {
    id,
    description: '',
    assigned_to: null,
    categories,
    category_count: categories.length,
    close_time: null,
    closing_reason_id: null,
    closing_user: null,
    credibility: 0,
    destination_networks: destinationNetworks,
    device_count: stats.logSources.size,
    domain_id: 0,
    first_persisted_time: startTime,
    follow_up: false,
    inactive: false,
    last_persisted_time: lastUpdated,
    local_destination_count: destinationIds.length,
    log_sources: [...stats.logSources.values()],
    magnitude: 0,
    offense_source: '',
    offense_type: 0,
    policy_category_count: 0,
    protected: false,
    relevance: 0,
    remote_destination_count: 0,
    security_category_count: categories.length,
    severity: 0,
    source_count: sourceIds.length,
    source_network:
      firstSource === undefined ? 'other' : String(firstSource['network']),
    status: 'OPEN',
    username_count: stats.usernames.size,
    ...rest,
    start_time: startTime,
    last_updated_time: lastUpdated,
    event_count: stats.hasEvents
      ? stats.eventCount
      : numberOr(offense['event_count'], 0),
    flow_count: stats.hasFlows
      ? stats.flowCount
      : numberOr(offense['flow_count'], 0),
    source_address_ids: sourceIds,
    local_destination_address_ids: destinationIds,
    // Offense objects carry rule ids and types only; names come from /analytics/rules.
    rules: ((rules ?? []) as JsonRecord[]).map((rule) => ({
      id: Number(rule['id']),
      type: textOrUndefined(rule['type']) ?? 'CRE_RULE',
    })),
  };
}
