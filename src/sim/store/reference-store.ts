import type Database from 'better-sqlite3';

import { referenceValueKey } from './reference-values.js';

/** A reference-set element as QRadar serves it. */
export interface ReferenceElement {
  value: string;
  source: string;
  first_seen: number;
  last_seen: number;
  domain_id: number | null;
}

/** Reference-set metadata as QRadar serves it, without the elements. */
export interface ReferenceSetInfo {
  name: string;
  element_type: string;
  timeout_type: string;
  time_to_live?: string;
  number_of_elements: number;
  creation_time: number;
  namespace: 'SHARED';
  collection_id: number;
}

interface SetRow {
  name: string;
  element_type: string;
  timeout_type: string;
  time_to_live: string | null;
  time_to_live_ms: number | null;
  creation_time: number;
  collection_id: number;
}

/** Fields of a new reference set. */
export interface NewReferenceSet {
  name: string;
  elementType: string;
  timeoutType: string;
  timeToLive?: { interval: string; milliseconds: number };
}

/** Reads and writes reference sets; expired elements are removed as they are read. */
export class ReferenceStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #row(name: string): SetRow | undefined {
    return this.#db
      .prepare('SELECT * FROM reference_sets WHERE name = ?')
      .get(name) as SetRow | undefined;
  }

  #expire(nowMs: number): void {
    // A set's time to live counts from an element's first or last sighting.
    this.#db
      .prepare(
        `DELETE FROM reference_elements WHERE rowid IN (
           SELECT e.rowid FROM reference_elements e
           JOIN reference_sets s ON s.name = e.set_name
           WHERE s.time_to_live_ms IS NOT NULL AND (
             (s.timeout_type = 'FIRST_SEEN' AND e.first_seen + s.time_to_live_ms <= ?) OR
             (s.timeout_type = 'LAST_SEEN' AND e.last_seen + s.time_to_live_ms <= ?)))`,
      )
      .run(nowMs, nowMs);
  }

  #info(row: SetRow): ReferenceSetInfo {
    const count = this.#db
      .prepare(
        'SELECT COUNT(*) AS count FROM reference_elements WHERE set_name = ?',
      )
      .get(row.name) as { count: number };
    return {
      name: row.name,
      element_type: row.element_type,
      timeout_type: row.timeout_type,
      ...(row.time_to_live === null ? {} : { time_to_live: row.time_to_live }),
      number_of_elements: count.count,
      creation_time: row.creation_time,
      namespace: 'SHARED',
      collection_id: row.collection_id,
    };
  }

  /** Returns the metadata of every set, ordered by name. */
  listSets(nowMs: number): ReferenceSetInfo[] {
    this.#expire(nowMs);
    const rows = this.#db
      .prepare('SELECT * FROM reference_sets ORDER BY name')
      .all() as SetRow[];
    return rows.map((row) => this.#info(row));
  }

  /** Returns the metadata of one set, or undefined. */
  getSet(name: string, nowMs: number): ReferenceSetInfo | undefined {
    this.#expire(nowMs);
    const row = this.#row(name);
    return row === undefined ? undefined : this.#info(row);
  }

  /** Returns the live elements of a set in insertion order, or undefined for an unknown set. */
  elements(name: string, nowMs: number): ReferenceElement[] | undefined {
    this.#expire(nowMs);
    if (this.#row(name) === undefined) return undefined;
    return this.#db
      .prepare(
        'SELECT value, source, first_seen, last_seen, NULL AS domain_id FROM reference_elements WHERE set_name = ? ORDER BY rowid',
      )
      .all(name) as ReferenceElement[];
  }

  /**
   * Tells whether a set contains a live value, compared as the set's element
   * type requires. It only reads, so AQL can call it for every row.
   */
  contains(name: string, value: string, nowMs: number): boolean {
    const row = this.#row(name);
    if (row === undefined) return false;
    const element = this.#db
      .prepare(
        'SELECT first_seen, last_seen FROM reference_elements WHERE set_name = ? AND value_key = ?',
      )
      .get(name, referenceValueKey(row.element_type, value)) as
      { first_seen: number; last_seen: number } | undefined;
    if (element === undefined) return false;
    if (row.time_to_live_ms === null) return true;
    const seen =
      row.timeout_type === 'LAST_SEEN' ? element.last_seen : element.first_seen;
    return row.timeout_type === 'UNKNOWN' || seen + row.time_to_live_ms > nowMs;
  }

  /** Creates a set; returns undefined when the name is taken. */
  createSet(set: NewReferenceSet, nowMs: number): ReferenceSetInfo | undefined {
    return this.#db
      .transaction(() => {
        if (this.#row(set.name) !== undefined) return undefined;
        const next = this.#db
          .prepare(
            'SELECT COALESCE(MAX(collection_id), 0) + 1 AS id FROM reference_sets',
          )
          .get() as { id: number };
        this.#db
          .prepare(
            'INSERT INTO reference_sets (name, element_type, timeout_type, time_to_live, time_to_live_ms, creation_time, collection_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            set.name,
            set.elementType,
            set.timeoutType,
            set.timeToLive?.interval ?? null,
            set.timeToLive?.milliseconds ?? null,
            nowMs,
            next.id,
          );
        return this.getSet(set.name, nowMs);
      })
      .immediate();
  }

  /**
   * Adds a value, or refreshes its `last_seen` and source when present;
   * returns the set metadata, or undefined for an unknown set.
   */
  addElement(
    name: string,
    value: string,
    source: string,
    nowMs: number,
  ): ReferenceSetInfo | undefined {
    return this.#db
      .transaction(() => {
        const row = this.#row(name);
        if (row === undefined) return undefined;
        this.#expire(nowMs);
        this.#db
          .prepare(
            `INSERT INTO reference_elements (set_name, value_key, value, source, first_seen, last_seen)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (set_name, value_key) DO UPDATE SET last_seen = excluded.last_seen, source = excluded.source`,
          )
          .run(
            name,
            referenceValueKey(row.element_type, value),
            value,
            source,
            nowMs,
            nowMs,
          );
        return this.#info(row);
      })
      .immediate();
  }

  /** Removes a value; returns false when the set does not hold it. */
  deleteElement(name: string, value: string): boolean {
    const row = this.#row(name);
    if (row === undefined) return false;
    const result = this.#db
      .prepare(
        'DELETE FROM reference_elements WHERE set_name = ? AND value_key = ?',
      )
      .run(name, referenceValueKey(row.element_type, value));
    return result.changes > 0;
  }

  /** Deletes a set with its elements, or only the elements with `purgeOnly`. */
  deleteSet(name: string, purgeOnly: boolean): boolean {
    return this.#db
      .transaction(() => {
        if (this.#row(name) === undefined) return false;
        this.#db
          .prepare('DELETE FROM reference_elements WHERE set_name = ?')
          .run(name);
        if (!purgeOnly)
          this.#db
            .prepare('DELETE FROM reference_sets WHERE name = ?')
            .run(name);
        return true;
      })
      .immediate();
  }

  /** Records an asynchronous task and returns it with its id. */
  createTask(task: Record<string, unknown>): Record<string, unknown> {
    const result = this.#db
      .prepare('INSERT INTO reference_tasks (data) VALUES (?)')
      .run('{}');
    const stored = { ...task, id: Number(result.lastInsertRowid) };
    this.#db
      .prepare('UPDATE reference_tasks SET data = ? WHERE id = ?')
      .run(JSON.stringify(stored), stored.id);
    return stored;
  }

  /** Returns a task by id, or undefined. */
  task(id: number): Record<string, unknown> | undefined {
    const row = this.#db
      .prepare('SELECT data FROM reference_tasks WHERE id = ?')
      .get(id) as { data: string } | undefined;
    return row === undefined
      ? undefined
      : (JSON.parse(row.data) as Record<string, unknown>);
  }
}
