import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';

import { StoreError } from './errors.js';
import type { AuditHead, AuditVerification } from './records.js';

/** prev_hash of the first row. */
export const genesisHash = '0'.repeat(64);

/** The stored columns of an audit row, as the hash covers them. */
export interface AuditRow {
  seq: number;
  time: string;
  actor: string;
  kind: string;
  action: string | null;
  target: string | null;
  offense_id: number | null;
  decision: string | null;
  rule: string | null;
  /** Canonical JSON text, hashed exactly as stored. */
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * Computes a row's hash: SHA-256 hex of prev_hash, a newline, and the JSON
 * array of the row's other columns in table order.
 */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonicalRow = JSON.stringify([
    row.seq,
    row.time,
    row.actor,
    row.kind,
    row.action,
    row.target,
    row.offense_id,
    row.decision,
    row.rule,
    row.details,
  ]);
  return createHash('sha256')
    .update(`${row.prev_hash}\n${canonicalRow}`)
    .digest('hex');
}

/** Reads the head file; null when it does not exist. */
export function readAuditHead(path: string): AuditHead | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError(
      'AUDIT_HEAD_UNREADABLE',
      `Failed to read audit head ${path}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  try {
    const parsed = JSON.parse(text) as Partial<AuditHead>;
    if (
      typeof parsed.seq === 'number' &&
      Number.isInteger(parsed.seq) &&
      typeof parsed.hash === 'string'
    ) {
      return { seq: parsed.seq, hash: parsed.hash };
    }
  } catch {
    // Reported below with the same message as a wrong shape.
  }
  throw new StoreError(
    'AUDIT_HEAD_UNREADABLE',
    `Failed to read audit head ${path}: expected JSON {"seq": N, "hash": "…"}. The file was damaged or edited; run qradar-mcp audit verify.`,
  );
}

/**
 * Replaces the head file atomically: a synced temporary file renamed over
 * the old one, so a reader sees the old head or the new one, never a mix.
 */
export function writeAuditHead(path: string, head: AuditHead | null): void {
  const temporaryPath = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const descriptor = openSync(temporaryPath, 'w', 0o600);
  try {
    writeSync(descriptor, `${JSON.stringify(head)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(temporaryPath, path);
}

/**
 * Checks rows (in seq order) against the chain rules and the head: seqs run
 * 1, 2, 3… without gaps, each prev_hash is the hash before it, each hash is
 * recomputed from the row, and the last row is the head.
 */
export function verifyAuditRows(
  rows: Iterable<AuditRow>,
  head: AuditHead | null,
): AuditVerification {
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      return failure(count, expectedSeq, `row ${expectedSeq} is missing`);
    }
    if (row.prev_hash !== previousHash) {
      return failure(
        count,
        row.seq,
        `row ${row.seq} does not follow row ${row.seq - 1} (prev_hash differs): a row was inserted or replaced`,
      );
    }
    if (hashAuditRow(row) !== row.hash) {
      return failure(
        count,
        row.seq,
        `row ${row.seq} does not match its hash: the row was edited`,
      );
    }
    previousHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const lastSeq = expectedSeq - 1;
  if (head === null) {
    if (count === 0) return { ok: true, rows: 0, head: null };
    return failure(
      count,
      lastSeq,
      `the audit head file is missing but the table holds ${count} rows`,
    );
  }
  if (head.seq > lastSeq) {
    return failure(
      count,
      lastSeq + 1,
      `row ${lastSeq + 1} is missing: the head names row ${head.seq}, so the newest rows were deleted (or a write was interrupted before its commit)`,
    );
  }
  if (head.seq < lastSeq) {
    return failure(
      count,
      head.seq + 1,
      `rows after ${head.seq} are not covered by the head: rows were appended outside qradar-mcp`,
    );
  }
  if (head.hash !== previousHash) {
    return failure(
      count,
      lastSeq,
      `row ${lastSeq} differs from the head hash: the newest row was replaced`,
    );
  }
  return { ok: true, rows: count, head };
}

function failure(
  rows: number,
  firstBadSeq: number,
  reason: string,
): AuditVerification {
  return { ok: false, rows, firstBadSeq, reason };
}
