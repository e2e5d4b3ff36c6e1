import { createSilentLogger, type Logger } from '../../config/index.js';
import type { CaseFile, LoadedCase } from '../case-schema.js';
import { AddressIndex } from './address-index.js';
import { importAssets } from './asset-import.js';
import { stockClosingReasons, type ClosingReason } from './builtin-data.js';
import { collisionError } from './load-errors.js';
import {
  collectActivity,
  completeOffense,
  newActivity,
} from './offense-activity.js';
import { numberOr, textOrUndefined, type JsonRecord } from './record-values.js';
import {
  mergeReferenceSet,
  type ImportedReferenceSet,
} from './reference-import.js';
import { newestTime } from './time-shift.js';

export type {
  ImportedElement,
  ImportedReferenceSet,
} from './reference-import.js';

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

function recordsOf(entry: LoadedCase, key: 'events' | 'flows'): JsonRecord[] {
  return entry.case[key];
}

function caseOffenses(caseFile: CaseFile): JsonRecord[] {
  return [caseFile.offense, ...(caseFile.related_offenses as JsonRecord[])];
}

/**
 * Builds the simulator's dataset from validated cases: derives offense counts
 * and address lists from events, merges rules, same-named reference sets and
 * assets that several files repeat, and drops the fields that are never
 * served (expected, rationale, injection). Throws when two files define the
 * same offense id, or the same asset id for different assets.
 */
export function buildDataset(
  cases: readonly LoadedCase[],
  logger: Logger = createSilentLogger(),
): SimDataset {
  const offenseFiles = new Map<number, string>();
  for (const entry of cases) {
    for (const offense of caseOffenses(entry.case)) {
      const id = Number(offense['id']);
      const other = offenseFiles.get(id);
      if (other !== undefined)
        throw collisionError('offense id', id, other, entry.file);
      offenseFiles.set(id, entry.file);
    }
  }
  const assets = importAssets(cases, logger);

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

  const activity = collectActivity(
    cases,
    cases.flatMap((entry) => caseOffenses(entry.case)),
    sources,
    destinations,
  );

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
    assets,
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
