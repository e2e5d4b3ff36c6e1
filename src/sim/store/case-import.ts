import type { CaseFile, LoadedCase } from '../case-schema.js';
import { AddressIndex, isLocalAddress } from './address-index.js';
import { stockClosingReasons, type ClosingReason } from './builtin-data.js';
import { referenceValueKey } from './reference-values.js';
import { parseTimeToLive } from './time-to-live.js';
import { newestTime } from './time-shift.js';

type JsonRecord = Record<string, unknown>;

/** A reference-set element ready to store. */
export interface ImportedElement {
  value: string;
  source: string;
  first_seen: number;
  last_seen: number;
}

/** A reference set merged from every case that names it. */
export interface ImportedReferenceSet {
  name: string;
  element_type: string;
  timeout_type: string;
  time_to_live: string | null;
  time_to_live_ms: number | null;
  creation_time: number;
  elements: Map<string, ImportedElement>;
}

/** The events and flows of one case, kept with their original times. */
export interface ImportedCaseRecords {
  file: string;
  caseId: string;
  offenseId: number;
  events: JsonRecord[];
  flows: JsonRecord[];
}

/** One offense note ready to store; `id` is kept when the case gives one. */
export interface ImportedNote {
  id: number | undefined;
  offense_id: number;
  create_time: number;
  username: string;
  note_text: string;
}

/** Everything the simulator stores from a set of cases, in case time. */
export interface SimDataset {
  cases: ImportedCaseRecords[];
  offenses: JsonRecord[];
  notes: ImportedNote[];
  rules: JsonRecord[];
  assets: JsonRecord[];
  referenceSets: ImportedReferenceSet[];
  sourceAddresses: JsonRecord[];
  localDestinationAddresses: JsonRecord[];
  closingReasons: ClosingReason[];
  /** Newest event or flow start time of all cases, or undefined without data. */
  newestMs: number | undefined;
}

const eventTimeKeys = ['starttime', 'endtime', 'devicetime'];
const offenseTimeKeys = ['last_updated_time', 'start_time'];
const defaultRuleDateMs = Date.UTC(2020, 0, 1);

interface OffenseActivity {
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

function newActivity(): OffenseActivity {
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

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function collisionError(
  kind: string,
  id: number | string,
  first: string,
  second: string,
): Error {
  return new Error(
    `Failed to load cases: ${kind} ${id} is defined in both ${first} and ${second}. Give one of them another id, or run each case in its own simulator.`,
  );
}

function recordsOf(entry: LoadedCase, key: 'events' | 'flows'): JsonRecord[] {
  return entry.case[key];
}

function caseOffenses(caseFile: CaseFile): JsonRecord[] {
  return [caseFile.offense, ...(caseFile.related_offenses as JsonRecord[])];
}

/**
 * Builds the simulator's dataset from validated cases: derives offense counts
 * and address lists from events, merges rules and same-named reference sets,
 * and drops the fields that are never served (expected, rationale,
 * injection). Throws when two files define the same offense or asset id.
 */
export function buildDataset(cases: readonly LoadedCase[]): SimDataset {
  const offenseFiles = new Map<number, string>();
  const assetFiles = new Map<number, string>();
  for (const entry of cases) {
    for (const offense of caseOffenses(entry.case)) {
      const id = Number(offense['id']);
      const other = offenseFiles.get(id);
      if (other !== undefined)
        throw collisionError('offense id', id, other, entry.file);
      offenseFiles.set(id, entry.file);
    }
    for (const asset of entry.case.assets) {
      const other = assetFiles.get(asset.id);
      if (other !== undefined)
        throw collisionError('asset id', asset.id, other, entry.file);
      assetFiles.set(asset.id, entry.file);
    }
  }

  const allRecords = cases.flatMap((entry) => [
    ...recordsOf(entry, 'events'),
    ...recordsOf(entry, 'flows'),
  ]);
  const newestMs =
    newestTime(allRecords, eventTimeKeys) ??
    newestTime(
      cases.flatMap((entry) => caseOffenses(entry.case)),
      offenseTimeKeys,
    );

  const activity = new Map<number, OffenseActivity>();
  for (const id of offenseFiles.keys()) activity.set(id, newActivity());
  const sources = new AddressIndex('source');
  const destinations = new AddressIndex('local_destination');
  for (const entry of cases) {
    for (const record of entry.case.source_addresses ?? []) {
      const conflict = sources.addExplicit(record);
      if (conflict !== undefined)
        throw collisionError(
          'source address id',
          record.id,
          conflict,
          entry.file,
        );
    }
    for (const record of entry.case.local_destination_addresses ?? []) {
      const conflict = destinations.addExplicit(record);
      if (conflict !== undefined)
        throw collisionError(
          'local destination address id',
          record.id,
          conflict,
          entry.file,
        );
    }
  }

  const magnitudes = new Map<number, number>();
  for (const offense of cases.flatMap((entry) => caseOffenses(entry.case)))
    magnitudes.set(Number(offense['id']), numberOr(offense['magnitude'], 0));

  for (const entry of cases) {
    const deriveSources = entry.case.source_addresses === undefined;
    const deriveDestinations =
      entry.case.local_destination_addresses === undefined;
    for (const database of ['events', 'flows'] as const) {
      for (const record of recordsOf(entry, database)) {
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

  const rules = new Map<number, JsonRecord>();
  const offenses: JsonRecord[] = [];
  const notes: ImportedNote[] = [];
  const referenceSets = new Map<
    string,
    ImportedReferenceSet & { file: string }
  >();
  const closingReasons = new Map<number, ClosingReason>(
    stockClosingReasons.map((reason) => [reason.id, { ...reason }]),
  );

  for (const entry of cases) {
    const caseNewest =
      newestTime(recordsOf(entry, 'events'), eventTimeKeys) ??
      newestTime(recordsOf(entry, 'flows'), eventTimeKeys) ??
      newestTime(caseOffenses(entry.case), offenseTimeKeys) ??
      newestMs ??
      0;
    for (const rule of entry.case.rules ?? []) {
      rules.set(rule.id, {
        ...ruleDefaults(rule.id, rule.name, rule.type),
        ...rule,
      });
    }
    for (const offense of caseOffenses(entry.case)) {
      const id = Number(offense['id']);
      for (const rule of (offense['rules'] ?? []) as JsonRecord[]) {
        const ruleId = Number(rule['id']);
        const name = textOrUndefined(rule['name']);
        const known = rules.get(ruleId);
        if (
          known === undefined ||
          (name !== undefined && known['name'] === `Rule ${ruleId}`)
        ) {
          rules.set(ruleId, {
            ...ruleDefaults(ruleId, name ?? `Rule ${ruleId}`, 'EVENT'),
            ...(known ?? {}),
            ...(name === undefined ? {} : { name }),
          });
        }
      }
      offenses.push(
        completeOffense(
          offense,
          activity.get(id) ?? newActivity(),
          sources,
          destinations,
          caseNewest,
        ),
      );
    }
    for (const note of entry.case.offense_notes) {
      notes.push({
        id: note.id,
        offense_id: numberOr(note['offense_id'], entry.case.offense.id),
        create_time: note.create_time ?? caseNewest,
        username: note.username ?? 'admin',
        note_text: note.note_text,
      });
    }
    for (const [name, set] of Object.entries(entry.case.reference_sets)) {
      mergeReferenceSet(referenceSets, name, set, entry.file, caseNewest);
    }
    for (const reason of entry.case.closing_reasons ?? []) {
      if (!closingReasons.has(reason.id)) {
        closingReasons.set(reason.id, {
          id: reason.id,
          text: reason.text,
          is_reserved: reason.is_reserved,
          is_deleted: reason.is_deleted,
        });
      }
    }
  }

  return {
    cases: cases.map((entry) => ({
      file: entry.file,
      caseId: entry.case.id,
      offenseId: entry.case.offense.id,
      events: recordsOf(entry, 'events'),
      flows: recordsOf(entry, 'flows'),
    })),
    offenses: offenses.sort(
      (left, right) => Number(left['id']) - Number(right['id']),
    ),
    notes,
    rules: [...rules.values()].sort(
      (left, right) => Number(left['id']) - Number(right['id']),
    ),
    assets: cases
      .flatMap((entry) => entry.case.assets as JsonRecord[])
      .map(completeAsset)
      .sort((left, right) => Number(left['id']) - Number(right['id'])),
    referenceSets: [...referenceSets.values()].map(
      ({ file: _file, ...set }) => set,
    ),
    sourceAddresses: sources.records(),
    localDestinationAddresses: destinations.records(),
    closingReasons: [...closingReasons.values()].sort(
      (left, right) => left.id - right.id,
    ),
    newestMs,
  };
}

function observeActivity(
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

function ruleDefaults(id: number, name: string, type: string): JsonRecord {
  return {
    id,
    name,
    type,
    enabled: true,
    owner: 'admin',
    origin: 'USER',
    identifier: `SIM-${id}`,
    linked_rule_identifier: null,
    base_capacity: 0,
    base_host_id: 0,
    average_capacity: 0,
    capacity_timestamp: 0,
    creation_date: defaultRuleDateMs,
    modification_date: defaultRuleDateMs,
  };
}

function completeOffense(
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

function completeAsset(asset: JsonRecord): JsonRecord {
  return {
    domain_id: 0,
    vulnerability_count: 0,
    risk_score_sum: 0,
    hostnames: [],
    interfaces: [],
    products: [],
    properties: [],
    users: [],
    ...asset,
  };
}

function mergeReferenceSet(
  sets: Map<string, ImportedReferenceSet & { file: string }>,
  name: string,
  set: CaseFile['reference_sets'][string],
  file: string,
  caseNewest: number,
): void {
  let target = sets.get(name);
  if (target !== undefined && target.element_type !== set.element_type) {
    throw new Error(
      `Failed to load cases: reference set ${JSON.stringify(name)} has element type ${target.element_type} in ${target.file} but ${set.element_type} in ${file}. Use one element type for a set name.`,
    );
  }
  const timeToLive =
    set.time_to_live === undefined
      ? undefined
      : parseTimeToLive(set.time_to_live);
  if (set.time_to_live !== undefined && timeToLive === undefined) {
    throw new Error(
      `Invalid case file ${file}: reference_sets[${JSON.stringify(name)}].time_to_live ${JSON.stringify(set.time_to_live)} is not a duration. Use a form such as "7 days".`,
    );
  }
  if (target === undefined) {
    target = {
      name,
      element_type: set.element_type,
      timeout_type:
        set.timeout_type ??
        (timeToLive === undefined ? 'UNKNOWN' : 'FIRST_SEEN'),
      time_to_live: timeToLive?.interval ?? null,
      time_to_live_ms: timeToLive?.milliseconds ?? null,
      creation_time: caseNewest,
      elements: new Map(),
      file,
    };
    sets.set(name, target);
  } else if (target.time_to_live === null && timeToLive !== undefined) {
    target.time_to_live = timeToLive.interval;
    target.time_to_live_ms = timeToLive.milliseconds;
    target.timeout_type = set.timeout_type ?? 'FIRST_SEEN';
  }
  for (const element of set.elements) {
    const detail = typeof element === 'object' ? element : { value: element };
    const value = String(detail.value);
    const key = referenceValueKey(set.element_type, value);
    if (target.elements.has(key)) continue;
    target.elements.set(key, {
      value,
      source:
        'source' in detail && detail.source !== undefined
          ? detail.source
          : 'reference data api',
      first_seen:
        ('first_seen' in detail ? detail.first_seen : undefined) ?? caseNewest,
      last_seen:
        ('last_seen' in detail ? detail.last_seen : undefined) ?? caseNewest,
    });
  }
}
