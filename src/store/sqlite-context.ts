import { unlinkSync } from 'node:fs';

import type Database from 'better-sqlite3';

import type { Logger } from '../config/index.js';
import {
  genesisHash,
  hashAuditRow,
  readAuditHead,
  writeAuditHead,
  type AuditRow,
} from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';
import { StoreError } from './errors.js';
import type { AuditEntryInput, AuditHead, AuditRecord } from './records.js';

/** Faults a test can inject; read on every write, so a test may flip them. */
export interface StoreFaults {
  /** Every audit append throws StoreError `AUDIT_WRITE_FAILED`. */
  failAuditWrites?: boolean;
}

/** Shared state of one SQLite store handle, used by its repositories. */
export class SqliteContext {
  readonly db: Database.Database;
  readonly databasePath: string;
  readonly auditHeadPath: string;
  readonly logger: Logger;
  readonly faults: StoreFaults;
  readonly #now: () => number;
  readonly #newId: (prefix: string) => string;
  #pendingHead: AuditHead | undefined;
  #headBefore: AuditHead | null = null;

  constructor(options: {
    db: Database.Database;
    databasePath: string;
    auditHeadPath: string;
    logger: Logger;
    faults: StoreFaults;
    now: () => number;
    newId: (prefix: string) => string;
  }) {
    this.db = options.db;
    this.databasePath = options.databasePath;
    this.auditHeadPath = options.auditHeadPath;
    this.logger = options.logger;
    this.faults = options.faults;
    this.#now = options.now;
    this.#newId = options.newId;
  }

  nowIso(): string {
    return new Date(this.#now()).toISOString();
  }

  newId(prefix: string): string {
    return this.#newId(prefix);
  }

  /**
   * Runs `work` in a write transaction (BEGIN IMMEDIATE). When it appended
   * audit rows, the head file is replaced before COMMIT while the write lock
   * is held, so head writes happen in commit order across processes. If the
   * commit then fails, the previous head is put back.
   */
  write<T>(work: () => T): T {
    let headWritten = false;
    const transaction = this.db.transaction(() => {
      this.#pendingHead = undefined;
      const result = work();
      const head = this.#pendingHead;
      if (head !== undefined) {
        try {
          writeAuditHead(this.auditHeadPath, head);
        } catch (error) {
          throw auditWriteError(this.auditHeadPath, error);
        }
        headWritten = true;
      }
      return result;
    });
    try {
      return transaction.immediate();
    } catch (error) {
      if (headWritten) this.#restoreHead(this.#headBefore);
      if (StoreError.is(error)) throw error;
      throw new StoreError(
        'QUERY_FAILED',
        `Failed to write to store ${this.databasePath}: ${(error as Error).message}.`,
        { cause: error },
      );
    } finally {
      this.#pendingHead = undefined;
    }
  }

  /**
   * Inserts one audit row; call only inside `write`. Throws StoreError
   * `AUDIT_WRITE_FAILED`, which rolls the whole transaction back.
   */
  appendAudit(entry: AuditEntryInput): AuditRecord {
    if (this.faults.failAuditWrites === true) {
      throw auditWriteError(
        this.databasePath,
        new Error('audit writes are disabled by an injected fault'),
      );
    }
    try {
      const last = this.db
        .prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number; hash: string } | undefined;
      if (this.#pendingHead === undefined) this.#checkHead(last);
      const row: Omit<AuditRow, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        time: this.nowIso(),
        actor: entry.actor,
        kind: entry.kind,
        action: entry.action ?? null,
        target: entry.target ?? null,
        offense_id: entry.offenseId ?? null,
        decision: entry.decision ?? null,
        rule: entry.rule ?? null,
        details: canonicalJson(entry.details ?? {}),
        prev_hash: last?.hash ?? genesisHash,
      };
      const hash = hashAuditRow(row);
      this.db
        .prepare(
          `INSERT INTO audit (seq, time, actor, kind, action, target, offense_id,
             decision, rule, details, prev_hash, hash)
           VALUES (@seq, @time, @actor, @kind, @action, @target, @offense_id,
             @decision, @rule, @details, @prev_hash, @hash)`,
        )
        .run({ ...row, hash });
      this.#pendingHead = { seq: row.seq, hash };
      return toAuditRecord({ ...row, hash });
    } catch (error) {
      throw auditWriteError(this.databasePath, error);
    }
  }

  /**
   * Refuses to extend a chain whose end differs from the head file: after
   * the newest rows were deleted, a new row would otherwise link to the
   * shortened chain and hide the deletion.
   */
  #checkHead(last: { seq: number; hash: string } | undefined): void {
    const head = readAuditHead(this.auditHeadPath);
    this.#headBefore = head;
    const matches =
      head === null
        ? last === undefined
        : last !== undefined &&
          head.seq === last.seq &&
          head.hash === last.hash;
    if (!matches) {
      throw new StoreError(
        'AUDIT_WRITE_FAILED',
        `Failed to write audit row to ${this.databasePath}: the audit head (${describeHead(head)}) does not match the newest row (${describeHead(last ?? null)}). Run qradar-mcp audit verify; no action runs until the audit is repaired.`,
      );
    }
  }

  #restoreHead(head: AuditHead | null): void {
    try {
      if (head === null) unlinkSync(this.auditHeadPath);
      else writeAuditHead(this.auditHeadPath, head);
    } catch (error) {
      this.logger.error(
        { err: error, auditHeadPath: this.auditHeadPath },
        'failed to restore the audit head after a failed commit; audit verify will report it',
      );
    }
  }
}

/**
 * The synchronous form of a repository interface: what the SQLite
 * repositories implement before `asAsync` wraps them.
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : T[K];
};

/**
 * Wraps every method of a synchronous repository so that it returns a
 * promise, and a throw becomes a rejection rather than escaping the call.
 */
export function asAsync<T extends object>(implementation: Synchronous<T>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(implementation)) {
    wrapped[name] =
      typeof member === 'function'
        ? (...args: unknown[]): Promise<unknown> => {
            try {
              return Promise.resolve(
                (member as (...values: unknown[]) => unknown)(...args),
              );
            } catch (error) {
              return Promise.reject(
                error instanceof Error ? error : new Error(String(error)),
              );
            }
          }
        : member;
  }
  return wrapped as T;
}

/** Converts a stored audit row to the record callers see. */
export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    time: row.time,
    actor: row.actor,
    kind: row.kind,
    action: row.action,
    target: row.target,
    offenseId: row.offense_id,
    decision: row.decision,
    rule: row.rule,
    details: parseJsonObject(row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Parses a JSON column that contains an object; any other content gives {}. */
export function parseJsonObject(text: string | null): Record<string, unknown> {
  const value = parseJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Parses a JSON column; null or unparsable text gives null. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function describeHead(head: AuditHead | null): string {
  return head === null ? 'none' : `row ${head.seq}`;
}

function auditWriteError(location: string, cause: unknown): StoreError {
  if (StoreError.is(cause) && cause.code === 'AUDIT_WRITE_FAILED') return cause;
  return new StoreError(
    'AUDIT_WRITE_FAILED',
    `Failed to write audit row to ${location}: ${(cause as Error).message}. No action was taken; fix the store before retrying.`,
    { cause },
  );
}
