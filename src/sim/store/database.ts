import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

/** Version of the tables below; a store with another version is rebuilt. */
export const simSchemaVersion = 1;

const schema = `
CREATE TABLE IF NOT EXISTS sim_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sim_cases (
  file TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  offense_id INTEGER NOT NULL,
  events TEXT NOT NULL,
  flows TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS offenses (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS offense_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  offense_id INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  username TEXT NOT NULL,
  note_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS offense_notes_offense ON offense_notes (offense_id);
CREATE TABLE IF NOT EXISTS closing_reasons (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  text TEXT NOT NULL,
  is_reserved INTEGER NOT NULL DEFAULT 0,
  is_deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS offense_types (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS source_addresses (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS local_destination_addresses (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS analytics_rules (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS assets (
  id INTEGER PRIMARY KEY,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reference_sets (
  name TEXT PRIMARY KEY,
  element_type TEXT NOT NULL,
  timeout_type TEXT NOT NULL,
  time_to_live TEXT,
  time_to_live_ms INTEGER,
  creation_time INTEGER NOT NULL,
  collection_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS reference_elements (
  set_name TEXT NOT NULL REFERENCES reference_sets (name) ON DELETE CASCADE,
  value_key TEXT NOT NULL,
  value TEXT NOT NULL,
  source TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (set_name, value_key)
);
CREATE TABLE IF NOT EXISTS reference_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ariel_searches (
  search_id TEXT PRIMARY KEY,
  query_string TEXT NOT NULL,
  database_name TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  delay_ms INTEGER NOT NULL,
  canceled_ms INTEGER,
  save_results INTEGER NOT NULL DEFAULT 0,
  execution_ms INTEGER NOT NULL,
  columns TEXT NOT NULL,
  rows TEXT NOT NULL
);
`;

/** Tables that hold simulated QRadar state, emptied when cases are reloaded. */
export const stateTables = [
  'sim_cases',
  'offenses',
  'offense_notes',
  'closing_reasons',
  'offense_types',
  'source_addresses',
  'local_destination_addresses',
  'analytics_rules',
  'assets',
  'reference_elements',
  'reference_sets',
  'reference_tasks',
  'ariel_searches',
] as const;

/**
 * Opens (creating if needed) the simulator's SQLite store: WAL mode and a busy
 * timeout, so several processes can share one file. Pass ':memory:' for a
 * private store.
 */
export function openSimDatabase(dbPath: string): Database.Database {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 10000');
  if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    const row = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sim_meta'",
      )
      .get();
    if (row !== undefined) {
      const version = db
        .prepare("SELECT value FROM sim_meta WHERE key = 'schema_version'")
        .get() as { value: string } | undefined;
      if (version !== undefined && Number(version.value) !== simSchemaVersion) {
        // An older layout is dropped and the cases load again on this start.
        for (const table of [...stateTables, 'sim_meta'])
          db.exec(`DROP TABLE IF EXISTS ${table}`);
      }
    }
    db.exec(schema);
    db.prepare(
      "INSERT OR IGNORE INTO sim_meta (key, value) VALUES ('schema_version', ?)",
    ).run(String(simSchemaVersion));
  }).immediate();
  return db;
}

/** Reads one value of the simulator's meta table. */
export function readMeta(
  db: Database.Database,
  key: string,
): string | undefined {
  const row = db
    .prepare('SELECT value FROM sim_meta WHERE key = ?')
    .get(key) as { value: string } | undefined;
  return row?.value;
}

/** Writes one value of the simulator's meta table. */
export function writeMeta(
  db: Database.Database,
  key: string,
  value: string,
): void {
  db.prepare(
    'INSERT INTO sim_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
