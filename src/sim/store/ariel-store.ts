import type Database from 'better-sqlite3';

/** An Ariel search as stored: the query, its timing and its result rows. */
export interface StoredSearch {
  search_id: string;
  query_string: string;
  database_name: 'events' | 'flows';
  created_ms: number;
  delay_ms: number;
  canceled_ms: number | null;
  save_results: boolean;
  execution_ms: number;
  columns: string[];
  rows: Record<string, unknown>[];
}

interface SearchRow {
  search_id: string;
  query_string: string;
  database_name: string;
  created_ms: number;
  delay_ms: number;
  canceled_ms: number | null;
  save_results: number;
  execution_ms: number;
  columns: string;
  rows: string;
}

function toSearch(row: SearchRow): StoredSearch {
  return {
    search_id: row.search_id,
    query_string: row.query_string,
    database_name: row.database_name === 'flows' ? 'flows' : 'events',
    created_ms: row.created_ms,
    delay_ms: row.delay_ms,
    canceled_ms: row.canceled_ms,
    save_results: row.save_results === 1,
    execution_ms: row.execution_ms,
    columns: JSON.parse(row.columns) as string[],
    rows: JSON.parse(row.rows) as Record<string, unknown>[],
  };
}

/** Reads and writes Ariel searches. */
export class ArielStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Stores a new search. */
  insert(search: StoredSearch): void {
    this.#db
      .prepare(
        `INSERT INTO ariel_searches (search_id, query_string, database_name, created_ms, delay_ms, canceled_ms, save_results, execution_ms, columns, rows)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        search.search_id,
        search.query_string,
        search.database_name,
        search.created_ms,
        search.delay_ms,
        search.canceled_ms,
        Number(search.save_results),
        search.execution_ms,
        JSON.stringify(search.columns),
        JSON.stringify(search.rows),
      );
  }

  /** Returns a search by id, or undefined. */
  get(searchId: string): StoredSearch | undefined {
    const row = this.#db
      .prepare('SELECT * FROM ariel_searches WHERE search_id = ?')
      .get(searchId) as SearchRow | undefined;
    return row === undefined ? undefined : toSearch(row);
  }

  /** Returns the ids of every search, oldest first. */
  ids(): string[] {
    return (
      this.#db
        .prepare(
          'SELECT search_id FROM ariel_searches ORDER BY created_ms, rowid',
        )
        .all() as { search_id: string }[]
    ).map((row) => row.search_id);
  }

  /** Marks a search canceled at a time unless it already is. */
  cancel(searchId: string, nowMs: number): void {
    this.#db
      .prepare(
        'UPDATE ariel_searches SET canceled_ms = COALESCE(canceled_ms, ?) WHERE search_id = ?',
      )
      .run(nowMs, searchId);
  }

  /** Sets whether a search's results are kept past the retention time. */
  setSaveResults(searchId: string, saveResults: boolean): void {
    this.#db
      .prepare('UPDATE ariel_searches SET save_results = ? WHERE search_id = ?')
      .run(Number(saveResults), searchId);
  }

  /** Deletes a search and its results. */
  delete(searchId: string): void {
    this.#db
      .prepare('DELETE FROM ariel_searches WHERE search_id = ?')
      .run(searchId);
  }
}
