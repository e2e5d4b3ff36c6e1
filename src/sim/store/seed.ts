import type Database from 'better-sqlite3';

import type { Logger } from '../../config/index.js';
import type { LoadedCase } from '../case-schema.js';
import { builtinOffenseTypes } from './builtin-data.js';
import { buildDataset, type SimDataset } from './case-import.js';
import { readMeta, stateTables, writeMeta } from './database.js';
import { shiftTimes } from './time-shift.js';

/** How far before the clock the newest case event is placed. */
export const recentOffsetMs = 5 * 60_000;

/** Drift of the newest event past `recentOffsetMs` that triggers a rebase on start. */
export const defaultRebaseThresholdMs = 60 * 60_000;

/** Meta keys that describe the loaded cases and their time shift. */
export const metaKeys = {
  casesLoaded: 'cases_loaded',
  originalNewestMs: 'original_newest_ms',
  timeDeltaMs: 'time_delta_ms',
  /** Changes whenever events or their times change, so engines rebuild. */
  dataGeneration: 'data_generation',
} as const;

/** Outcome of preparing the store when a simulator starts. */
export interface SeedOutcome {
  loaded: boolean;
  caseCount: number;
  /** Milliseconds added to every case time on this start; 0 when nothing moved. */
  shiftedByMs: number;
  timeDeltaMs: number;
}

/** Options of prepareStore. */
export interface PrepareStoreOptions {
  /** Reads the cases; called only when the store is empty or `reload` is set. */
  readCases: () => LoadedCase[];
  reload: boolean;
  nowMs: number;
  rebaseThresholdMs?: number;
  /** Receives debug lines about merged assets; default silent. */
  logger?: Logger;
}

function insertJsonRows(
  db: Database.Database,
  table: string,
  rows: readonly Record<string, unknown>[],
  deltaMs: number,
): void {
  const insert = db.prepare(`INSERT INTO ${table} (id, data) VALUES (?, ?)`);
  for (const row of rows) {
    insert.run(Number(row['id']), JSON.stringify(shiftTimes(row, deltaMs)));
  }
}

function bumpGeneration(db: Database.Database): void {
  const generation = Number(readMeta(db, metaKeys.dataGeneration) ?? '0');
  writeMeta(db, metaKeys.dataGeneration, String(generation + 1));
}

function writeDataset(
  db: Database.Database,
  dataset: SimDataset,
  deltaMs: number,
): void {
  for (const table of stateTables) db.exec(`DELETE FROM ${table}`);
  db.exec(
    "DELETE FROM sqlite_sequence WHERE name IN ('offense_notes', 'closing_reasons', 'reference_tasks')",
  );
  const insertCase = db.prepare(
    'INSERT INTO sim_cases (file, case_id, offense_id, events, flows) VALUES (?, ?, ?, ?, ?)',
  );
  for (const entry of dataset.cases) {
    insertCase.run(
      entry.file,
      entry.caseId,
      entry.offenseId,
      JSON.stringify(entry.events),
      JSON.stringify(entry.flows),
    );
  }
  insertJsonRows(db, 'offenses', dataset.offenses, deltaMs);
  insertJsonRows(db, 'analytics_rules', dataset.rules, deltaMs);
  insertJsonRows(db, 'assets', dataset.assets, deltaMs);
  insertJsonRows(db, 'source_addresses', dataset.sourceAddresses, deltaMs);
  insertJsonRows(
    db,
    'local_destination_addresses',
    dataset.localDestinationAddresses,
    deltaMs,
  );
  insertJsonRows(
    db,
    'offense_types',
    builtinOffenseTypes as unknown as Record<string, unknown>[],
    0,
  );
  const insertReason = db.prepare(
    'INSERT INTO closing_reasons (id, text, is_reserved, is_deleted) VALUES (?, ?, ?, ?)',
  );
  for (const reason of dataset.closingReasons) {
    insertReason.run(
      reason.id,
      reason.text,
      Number(reason.is_reserved),
      Number(reason.is_deleted),
    );
  }
  const takenNoteIds = new Set<number>();
  const insertNote = db.prepare(
    'INSERT INTO offense_notes (id, offense_id, create_time, username, note_text) VALUES (?, ?, ?, ?, ?)',
  );
  // Case note ids are kept when free; a repeated id gets the next free one.
  for (const note of dataset.notes) {
    const id =
      note.id !== undefined && !takenNoteIds.has(note.id) ? note.id : null;
    const result = insertNote.run(
      id,
      note.offense_id,
      note.create_time + deltaMs,
      note.username,
      note.note_text,
    );
    takenNoteIds.add(Number(result.lastInsertRowid));
  }
  const insertSet = db.prepare(
    'INSERT INTO reference_sets (name, element_type, timeout_type, time_to_live, time_to_live_ms, creation_time, collection_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertElement = db.prepare(
    'INSERT INTO reference_elements (set_name, value_key, value, source, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)',
  );
  dataset.referenceSets.forEach((set, index) => {
    insertSet.run(
      set.name,
      set.element_type,
      set.timeout_type,
      set.time_to_live,
      set.time_to_live_ms,
      set.creation_time + deltaMs,
      index + 1,
    );
    for (const [key, element] of set.elements) {
      insertElement.run(
        set.name,
        key,
        element.value,
        element.source,
        element.first_seen + deltaMs,
        element.last_seen + deltaMs,
      );
    }
  });
  writeMeta(db, metaKeys.casesLoaded, String(dataset.cases.length));
  writeMeta(
    db,
    metaKeys.originalNewestMs,
    dataset.newestMs === undefined ? '' : String(dataset.newestMs),
  );
  writeMeta(db, metaKeys.timeDeltaMs, String(deltaMs));
  bumpGeneration(db);
}

function shiftJsonTable(
  db: Database.Database,
  table: string,
  incrementMs: number,
): void {
  const rows = db.prepare(`SELECT id, data FROM ${table}`).all() as {
    id: number;
    data: string;
  }[];
  const update = db.prepare(`UPDATE ${table} SET data = ? WHERE id = ?`);
  for (const row of rows) {
    const shifted = shiftTimes(JSON.parse(row.data) as unknown, incrementMs);
    update.run(JSON.stringify(shifted), row.id);
  }
}

/** Moves every stored time (offenses, notes, addresses, rules, assets, reference data) by an increment. */
function shiftStoredTimes(db: Database.Database, incrementMs: number): void {
  for (const table of [
    'offenses',
    'source_addresses',
    'local_destination_addresses',
    'analytics_rules',
    'assets',
  ]) {
    shiftJsonTable(db, table, incrementMs);
  }
  db.prepare('UPDATE offense_notes SET create_time = create_time + ?').run(
    incrementMs,
  );
  db.prepare('UPDATE reference_sets SET creation_time = creation_time + ?').run(
    incrementMs,
  );
  db.prepare(
    'UPDATE reference_elements SET first_seen = first_seen + ?, last_seen = last_seen + ?',
  ).run(incrementMs, incrementMs);
}

function targetDelta(
  originalNewestMs: number | undefined,
  nowMs: number,
): number {
  return originalNewestMs === undefined
    ? 0
    : nowMs - recentOffsetMs - originalNewestMs;
}

/**
 * Loads the cases into an empty store (or any store with `reload`) with all
 * times shifted so that the newest case event lies five minutes before the
 * clock. An already loaded store is shifted again only when its newest event
 * has drifted past that point by more than the threshold (default one hour)
 * or lies in the future. So short-lived processes that share the file do not
 * move offense times on every start. Runs in one IMMEDIATE transaction, so
 * concurrent starts take turns.
 */
export function prepareStore(
  db: Database.Database,
  options: PrepareStoreOptions,
): SeedOutcome {
  const thresholdMs = options.rebaseThresholdMs ?? defaultRebaseThresholdMs;
  return db
    .transaction((): SeedOutcome => {
      const loadedCount = readMeta(db, metaKeys.casesLoaded);
      if (options.reload || loadedCount === undefined) {
        const dataset = buildDataset(options.readCases(), options.logger);
        const deltaMs = targetDelta(dataset.newestMs, options.nowMs);
        writeDataset(db, dataset, deltaMs);
        return {
          loaded: true,
          caseCount: dataset.cases.length,
          shiftedByMs: deltaMs,
          timeDeltaMs: deltaMs,
        };
      }
      const originalText = readMeta(db, metaKeys.originalNewestMs) ?? '';
      const original = originalText === '' ? undefined : Number(originalText);
      const currentDelta = Number(readMeta(db, metaKeys.timeDeltaMs) ?? '0');
      const outcome: SeedOutcome = {
        loaded: false,
        caseCount: Number(loadedCount),
        shiftedByMs: 0,
        timeDeltaMs: currentDelta,
      };
      if (original === undefined) return outcome;
      const driftMs = options.nowMs - (original + currentDelta);
      if (driftMs >= 0 && driftMs <= recentOffsetMs + thresholdMs)
        return outcome;
      const deltaMs = targetDelta(original, options.nowMs);
      const incrementMs = deltaMs - currentDelta;
      shiftStoredTimes(db, incrementMs);
      writeMeta(db, metaKeys.timeDeltaMs, String(deltaMs));
      bumpGeneration(db);
      return { ...outcome, shiftedByMs: incrementMs, timeDeltaMs: deltaMs };
    })
    .immediate();
}
