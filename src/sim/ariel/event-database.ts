import Database from 'better-sqlite3';

import type { Logger } from '../../config/index.js';
import {
  createAqlTables,
  executeAql,
  insertEventRecords,
  type AqlLookups,
  type AqlResult,
  type EventRecord,
} from '../aql/index.js';
import { metaKeys } from '../store/seed.js';
import { readMeta } from '../store/database.js';
import { shiftCaseRecords } from '../store/payload-times.js';

interface CaseRow {
  offense_id: number;
  events: string;
  flows: string;
}

/** Most rows one Ariel search returns; QRadar itself has no such cap. */
const maxResultRows = 100_000;

/**
 * The events and flows of the loaded cases in a private in-memory SQLite
 * database for the AQL engine. Case records are read-only, so each process
 * keeps its own copy, shifted by the store's current time delta (times in
 * payloads included), and rebuilds it when another process reloads or
 * rebases the shared store.
 */
export class EventDatabase {
  readonly #store: Database.Database;
  readonly #logger: Logger;
  #engine: Database.Database | undefined;
  #generation: string | undefined;

  constructor(store: Database.Database, logger: Logger) {
    this.#store = store;
    this.#logger = logger;
  }

  #current(): Database.Database {
    const generation = readMeta(this.#store, metaKeys.dataGeneration) ?? '';
    if (this.#engine !== undefined && generation === this.#generation)
      return this.#engine;
    this.#engine?.close();
    const deltaMs = Number(readMeta(this.#store, metaKeys.timeDeltaMs) ?? '0');
    const engine = new Database(':memory:');
    createAqlTables(engine);
    const rows = this.#store
      .prepare('SELECT offense_id, events, flows FROM sim_cases ORDER BY file')
      .all() as CaseRow[];
    let count = 0;
    for (const row of rows) {
      const events = shiftCaseRecords(
        JSON.parse(row.events) as EventRecord[],
        deltaMs,
      );
      const flows = shiftCaseRecords(
        JSON.parse(row.flows) as EventRecord[],
        deltaMs,
      );
      insertEventRecords(engine, 'events', events, row.offense_id);
      insertEventRecords(engine, 'flows', flows, row.offense_id);
      count += events.length + flows.length;
    }
    this.#engine = engine;
    this.#generation = generation;
    this.#logger.debug(
      { records: count, cases: rows.length, deltaMs },
      'built the Ariel event database',
    );
    return engine;
  }

  /** Runs one AQL query; throws the engine's AqlError on invalid AQL. */
  execute(query: string, nowMs: number, lookups: AqlLookups): AqlResult {
    return executeAql(this.#current(), query, {
      nowMs,
      lookups,
      maxRows: maxResultRows,
    });
  }

  /** Closes the in-memory database. */
  close(): void {
    this.#engine?.close();
    this.#engine = undefined;
  }
}
