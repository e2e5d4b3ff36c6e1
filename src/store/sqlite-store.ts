import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import Database from 'better-sqlite3';

import type { Logger } from '../config/index.js';
import { StoreError } from './errors.js';
import { migrate } from './migrations.js';
import { createSqliteActionStore } from './sqlite-actions.js';
import { createSqliteApprovalStore } from './sqlite-approvals.js';
import {
  createSqliteAuditLog,
  createSqliteClaimLedger,
} from './sqlite-audit.js';
import { asAsync, SqliteContext, type StoreFaults } from './sqlite-context.js';
import { createSqliteKillSwitch } from './sqlite-kill-switch.js';
import {
  createSqliteRunnerState,
  createSqliteRunStore,
} from './sqlite-runs.js';
import type {
  ActionStore,
  ApprovalRequestStore,
  AuditLog,
  ClaimLedger,
  KillSwitchStore,
  RunnerStateStore,
  RunStore,
  Store,
} from './store.js';

/** File name of the database inside a data directory. */
export const storeFileName = 'store.sqlite';

/** File name of the audit head inside a data directory. */
export const auditHeadFileName = 'audit.head';

/** Options for openStore. */
export interface OpenStoreOptions {
  logger: Logger;
  /** Clock in epoch milliseconds; default Date.now. */
  now?: () => number;
  /** Id generator, e.g. seeded for evals; default `<prefix>_<12 random hex>`. */
  newId?: (prefix: string) => string;
  /** How long a connection waits for another process's write lock; default 5000. */
  busyTimeoutMs?: number;
  /** Injected faults for tests; the object is read on every write. */
  faults?: StoreFaults;
}

/**
 * Opens (creating and migrating when needed) the SQLite store. `location` is
 * a data directory, holding `store.sqlite` and `audit.head`, or a path ending
 * in `.sqlite`, `.sqlite3` or `.db`, whose audit head is `<path>.audit-head`.
 * Each call opens its own connection; processes share state through the file
 * (WAL mode). Throws StoreError `STORE_OPEN_FAILED`, `STORE_TOO_NEW` or
 * `MIGRATION_FAILED`.
 */
export function openStore(location: string, options: OpenStoreOptions): Store {
  const isFile = /\.(sqlite3?|db)$/i.test(location);
  const databasePath = isFile ? location : join(location, storeFileName);
  const auditHeadPath = isFile
    ? `${location}.audit-head`
    : join(location, auditHeadFileName);
  let db: Database.Database;
  try {
    mkdirSync(dirname(databasePath), { recursive: true, mode: 0o700 });
    db = new Database(databasePath);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      `Failed to open store ${databasePath}: ${(error as Error).message}. Check --data-dir and its permissions.`,
      { cause: error },
    );
  }
  try {
    migrate(db, databasePath, options.logger);
  } catch (error) {
    db.close();
    throw error;
  }
  const context = new SqliteContext({
    db,
    databasePath,
    auditHeadPath,
    logger: options.logger,
    faults: options.faults ?? {},
    now: options.now ?? Date.now,
    newId: options.newId ?? randomId,
  });
  return {
    databasePath,
    auditHeadPath,
    audit: asAsync<AuditLog>(createSqliteAuditLog(context)),
    claims: asAsync<ClaimLedger>(createSqliteClaimLedger(context)),
    approvals: asAsync<ApprovalRequestStore>(
      createSqliteApprovalStore(context),
    ),
    actions: asAsync<ActionStore>(createSqliteActionStore(context)),
    runs: asAsync<RunStore>(createSqliteRunStore(context)),
    runnerState: asAsync<RunnerStateStore>(createSqliteRunnerState(context)),
    killSwitch: asAsync<KillSwitchStore>(createSqliteKillSwitch(context)),
    nowIso: () => context.nowIso(),
    close() {
      try {
        if (db.open) db.close();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(
          error instanceof Error ? error : new Error(String(error)),
        );
      }
    },
  };
}

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
