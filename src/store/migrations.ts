import type Database from 'better-sqlite3';

import type { Logger } from '../config/index.js';
import { StoreError } from './errors.js';

/** One schema step; `version` is stored in SQLite's user_version. */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        action TEXT,
        target TEXT,
        offense_id INTEGER,
        decision TEXT,
        rule TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_kind_time ON audit (kind, time);
      CREATE INDEX audit_offense ON audit (offense_id);
      -- The hash chain detects tampering; these triggers stop accidents.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;

      CREATE TABLE approval_requests (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        target_label TEXT NOT NULL,
        offense_id INTEGER,
        parameters TEXT NOT NULL,
        parameters_digest TEXT NOT NULL,
        evidence TEXT NOT NULL,
        rationale TEXT NOT NULL,
        confidence REAL NOT NULL,
        criticality TEXT NOT NULL,
        criticality_derivation TEXT NOT NULL,
        roles TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_by_role TEXT,
        status TEXT NOT NULL
          CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
        decided_by TEXT,
        decision_kind TEXT CHECK (decision_kind IN ('cli', 'elicitation')),
        decision_reason TEXT,
        decided_at TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        token TEXT,
        token_issued INTEGER NOT NULL DEFAULT 0,
        token_expires_at TEXT
      );
      CREATE INDEX approval_requests_pending
        ON approval_requests (status, action, target, parameters_digest);

      CREATE TABLE used_tokens (
        token_id TEXT PRIMARY KEY,
        intent_seq INTEGER NOT NULL,
        used_at TEXT NOT NULL
      );

      CREATE TABLE actions (
        id TEXT PRIMARY KEY,
        request_id TEXT,
        claim_seq INTEGER,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        target_kind TEXT NOT NULL,
        offense_id INTEGER,
        executor TEXT NOT NULL,
        existed_before INTEGER NOT NULL,
        rollback_data TEXT NOT NULL,
        verification TEXT NOT NULL
          CHECK (verification IN ('listed', 'confirmed', 'unverified', 'failed')),
        status TEXT NOT NULL
          CHECK (status IN ('executed', 'rolled_back', 'expired')),
        expires_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        rolled_back_at TEXT,
        rolled_back_by TEXT
      );
      CREATE INDEX actions_offense ON actions (offense_id);
      CREATE INDEX actions_expiry ON actions (status, expires_at);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        offense_id INTEGER,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        mode TEXT NOT NULL,
        state TEXT NOT NULL,
        outcome TEXT,
        transcript TEXT,
        usage TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX runs_offense ON runs (offense_id);

      CREATE TABLE runner_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];

/** Schema version this code writes. */
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

/**
 * Brings the schema to the latest version. The check and the steps run under
 * the write lock, so processes opening a fresh file at once migrate it once.
 * Throws StoreError `STORE_TOO_NEW` for a file written by a newer release.
 */
export function migrate(
  db: Database.Database,
  databasePath: string,
  logger: Logger,
): void {
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latestSchemaVersion) {
      throw new StoreError(
        'STORE_TOO_NEW',
        `Failed to open store ${databasePath}: schema version ${current} is newer than this release supports (${latestSchemaVersion}). Upgrade qradar-mcp or use another --data-dir.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      logger.info(
        { databasePath, version: migration.version, migration: migration.name },
        'store migrated',
      );
    }
  });
  try {
    run.immediate();
  } catch (error) {
    if (StoreError.is(error)) throw error;
    throw new StoreError(
      'MIGRATION_FAILED',
      `Failed to migrate store ${databasePath}: ${(error as Error).message}. Check that the file is a qradar-mcp store and is writable.`,
      { cause: error },
    );
  }
}
