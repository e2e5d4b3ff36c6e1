import type Database from 'better-sqlite3';

import type { ClosingReason } from './builtin-data.js';

/** A JSON object as stored and served. */
export type JsonRecord = Record<string, unknown>;

/** An offense note as QRadar serves it. */
export interface OffenseNote {
  id: number;
  create_time: number;
  username: string;
  note_text: string;
}

interface ReasonRow {
  id: number;
  text: string;
  is_reserved: number;
  is_deleted: number;
}

function toReason(row: ReasonRow): ClosingReason {
  return {
    id: row.id,
    text: row.text,
    is_reserved: row.is_reserved === 1,
    is_deleted: row.is_deleted === 1,
  };
}

function parseRows(rows: unknown[]): JsonRecord[] {
  return (rows as { data: string }[]).map(
    (row) => JSON.parse(row.data) as JsonRecord,
  );
}

/** Tables served as JSON documents keyed by id. */
export type DocumentTable =
  | 'offenses'
  | 'offense_types'
  | 'source_addresses'
  | 'local_destination_addresses'
  | 'analytics_rules'
  | 'assets';

/** Reads and writes offenses, notes, closing reasons and the other documents. */
export class OffenseStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Returns every document of a table, ordered by id. */
  list(table: DocumentTable): JsonRecord[] {
    return parseRows(
      this.#db.prepare(`SELECT data FROM ${table} ORDER BY id`).all(),
    );
  }

  /** Returns one document by id, or undefined. */
  get(table: DocumentTable, id: number): JsonRecord | undefined {
    const row = this.#db
      .prepare(`SELECT data FROM ${table} WHERE id = ?`)
      .get(id) as { data: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.data) as JsonRecord);
  }

  /**
   * Applies a change to one offense inside a transaction and returns the
   * saved offense, or undefined when the id is unknown.
   */
  updateOffense(
    id: number,
    change: (offense: JsonRecord) => JsonRecord,
  ): JsonRecord | undefined {
    return this.#db
      .transaction(() => {
        const current = this.get('offenses', id);
        if (current === undefined) return undefined;
        const next = change(current);
        this.#db
          .prepare('UPDATE offenses SET data = ? WHERE id = ?')
          .run(JSON.stringify(next), id);
        return next;
      })
      .immediate();
  }

  /** Returns the notes of an offense, ordered by id. */
  notes(offenseId: number): OffenseNote[] {
    return this.#db
      .prepare(
        'SELECT id, create_time, username, note_text FROM offense_notes WHERE offense_id = ? ORDER BY id',
      )
      .all(offenseId) as OffenseNote[];
  }

  /**
   * Adds a note and moves the offense's `last_persisted_time` to the note's
   * time, in one transaction; returns undefined when the offense is unknown.
   */
  addNote(
    offenseId: number,
    text: string,
    username: string,
    nowMs: number,
  ): OffenseNote | undefined {
    return this.#db
      .transaction(() => {
        const offense = this.updateOffense(offenseId, (current) => ({
          ...current,
          last_persisted_time: nowMs,
        }));
        if (offense === undefined) return undefined;
        const result = this.#db
          .prepare(
            'INSERT INTO offense_notes (offense_id, create_time, username, note_text) VALUES (?, ?, ?, ?)',
          )
          .run(offenseId, nowMs, username, text);
        return {
          id: Number(result.lastInsertRowid),
          create_time: nowMs,
          username,
          note_text: text,
        };
      })
      .immediate();
  }

  /** Returns every closing reason, ordered by id. */
  closingReasons(): ClosingReason[] {
    return (
      this.#db
        .prepare(
          'SELECT id, text, is_reserved, is_deleted FROM closing_reasons ORDER BY id',
        )
        .all() as ReasonRow[]
    ).map(toReason);
  }

  /** Returns one closing reason, or undefined. */
  closingReason(id: number): ClosingReason | undefined {
    const row = this.#db
      .prepare(
        'SELECT id, text, is_reserved, is_deleted FROM closing_reasons WHERE id = ?',
      )
      .get(id) as ReasonRow | undefined;
    return row === undefined ? undefined : toReason(row);
  }

  /** Creates a closing reason; returns undefined when the text is taken. */
  createClosingReason(text: string): ClosingReason | undefined {
    return this.#db
      .transaction(() => {
        const existing = this.#db
          .prepare(
            'SELECT id FROM closing_reasons WHERE lower(text) = lower(?)',
          )
          .get(text);
        if (existing !== undefined) return undefined;
        const result = this.#db
          .prepare('INSERT INTO closing_reasons (text) VALUES (?)')
          .run(text);
        return this.closingReason(Number(result.lastInsertRowid));
      })
      .immediate();
  }
}
