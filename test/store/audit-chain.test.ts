import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import { openStore, StoreError, type Store } from '../../src/store/index.js';
import { hashAuditRow } from '../../src/store/audit-chain.js';
import { makeClock, makeTempDir } from './support/temp-dir.js';

const logger = createSilentLogger();

async function storeWithRows(
  count: number,
): Promise<{ store: Store; dir: string }> {
  const dir = makeTempDir();
  const clock = makeClock();
  const store = openStore(dir, { logger, now: clock.now });
  for (let index = 1; index <= count; index += 1) {
    clock.advance(1000);
    await store.audit.append({
      actor: 'tester',
      kind: 'intent',
      action: 'block_ip',
      target: `203.0.113.${index}`,
      offenseId: index,
      details: { index },
    });
  }
  return { store, dir };
}

/** Opens the database file directly, as an attacker with file access would. */
function tamper(
  store: Store,
  statements: (db: Database.Database) => void,
): void {
  const db = new Database(store.databasePath);
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  statements(db);
  db.close();
}

interface RawRow {
  seq: number;
  time: string;
  actor: string;
  kind: string;
  action: string | null;
  target: string | null;
  offense_id: number | null;
  decision: string | null;
  rule: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function forgedRow(previous: RawRow, seq: number): RawRow {
  const row = {
    ...previous,
    seq,
    actor: 'attacker',
    target: '198.51.100.66',
    prev_hash: previous.hash,
  };
  return { ...row, hash: hashAuditRow(row) };
}

function insertRow(db: Database.Database, row: RawRow): void {
  db.prepare(
    `INSERT INTO audit VALUES (@seq, @time, @actor, @kind, @action, @target,
       @offense_id, @decision, @rule, @details, @prev_hash, @hash)`,
  ).run(row);
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const { store } = await storeWithRows(5);
    const result = await store.audit.verify();
    expect(result.ok).toBe(true);
    expect(result.rows).toBe(5);
    const head = await store.audit.head();
    expect(head?.seq).toBe(5);
  });

  it('verifies an empty store', async () => {
    const store = openStore(makeTempDir(), { logger });
    expect(await store.audit.verify()).toEqual({
      ok: true,
      rows: 0,
      head: null,
    });
  });

  it('rejects update and delete through triggers', async () => {
    const { store } = await storeWithRows(2);
    const db = new Database(store.databasePath);
    expect(() =>
      db.prepare("UPDATE audit SET actor = 'x' WHERE seq = 1").run(),
    ).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 2').run()).toThrow(
      /append-only/,
    );
    db.close();
  });

  it('detects an edited row', async () => {
    const { store } = await storeWithRows(5);
    tamper(store, (db) => {
      db.prepare("UPDATE audit SET target = '10.0.0.1' WHERE seq = 3").run();
    });
    const result = await store.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.ok ? 0 : result.firstBadSeq).toBe(3);
    expect(result.ok ? '' : result.reason).toMatch(/edited/);
  });

  it('detects an edited details column', async () => {
    const { store } = await storeWithRows(4);
    tamper(store, (db) => {
      db.prepare(
        `UPDATE audit SET details = '{"index":99}' WHERE seq = 2`,
      ).run();
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(2);
  });

  it('detects an edited row with a recomputed hash', async () => {
    const { store } = await storeWithRows(5);
    tamper(store, (db) => {
      const row = db
        .prepare('SELECT * FROM audit WHERE seq = 2')
        .get() as RawRow;
      const edited = { ...row, actor: 'attacker' };
      db.prepare('UPDATE audit SET actor = ?, hash = ? WHERE seq = 2').run(
        edited.actor,
        hashAuditRow(edited),
      );
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(3);
    expect(result.ok ? '' : result.reason).toMatch(/prev_hash/);
  });

  it('detects a row inserted at the end', async () => {
    const { store } = await storeWithRows(4);
    tamper(store, (db) => {
      const last = db
        .prepare('SELECT * FROM audit WHERE seq = 4')
        .get() as RawRow;
      insertRow(db, forgedRow(last, 5));
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(5);
    expect(result.ok ? '' : result.reason).toMatch(/not covered by the head/);
  });

  it('detects a row inserted in the middle', async () => {
    const { store } = await storeWithRows(4);
    tamper(store, (db) => {
      // Shift rows 3 and 4 up by one and put a forged row at seq 3.
      db.prepare('UPDATE audit SET seq = seq + 10 WHERE seq >= 3').run();
      db.prepare('UPDATE audit SET seq = seq - 9 WHERE seq >= 13').run();
      const second = db
        .prepare('SELECT * FROM audit WHERE seq = 2')
        .get() as RawRow;
      insertRow(db, forgedRow(second, 3));
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(4);
  });

  it('detects a deleted newest row', async () => {
    const { store } = await storeWithRows(5);
    tamper(store, (db) => {
      db.prepare('DELETE FROM audit WHERE seq = 5').run();
    });
    const result = await store.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.ok ? 0 : result.firstBadSeq).toBe(5);
    expect(result.ok ? '' : result.reason).toMatch(/newest rows were deleted/);
  });

  it('detects a deleted middle row', async () => {
    const { store } = await storeWithRows(5);
    tamper(store, (db) => {
      db.prepare('DELETE FROM audit WHERE seq = 2').run();
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(2);
    expect(result.ok ? '' : result.reason).toMatch(/missing/);
  });

  it('detects every row deleted', async () => {
    const { store } = await storeWithRows(3);
    tamper(store, (db) => {
      db.prepare('DELETE FROM audit').run();
    });
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(1);
  });

  it('detects a deleted head file', async () => {
    const { store } = await storeWithRows(3);
    unlinkSync(store.auditHeadPath);
    const result = await store.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/head file is missing/);
  });

  it('refuses to append after the newest row was deleted', async () => {
    const { store } = await storeWithRows(3);
    tamper(store, (db) => {
      db.prepare('DELETE FROM audit WHERE seq = 3').run();
    });
    const append = store.audit.append({ actor: 'tester', kind: 'intent' });
    await expect(append).rejects.toSatisfy(
      (error) => StoreError.is(error) && error.code === 'AUDIT_WRITE_FAILED',
    );
    const result = await store.audit.verify();
    expect(result.ok ? 0 : result.firstBadSeq).toBe(3);
  });

  it('refuses to append after the head file was damaged', async () => {
    const { store } = await storeWithRows(2);
    writeFileSync(store.auditHeadPath, 'not json');
    await expect(
      store.audit.append({ actor: 'tester', kind: 'intent' }),
    ).rejects.toSatisfy(
      (error) => StoreError.is(error) && error.code === 'AUDIT_WRITE_FAILED',
    );
  });

  it('keeps the head file in JSON form', async () => {
    const { store } = await storeWithRows(2);
    const head = JSON.parse(readFileSync(store.auditHeadPath, 'utf8')) as {
      seq: number;
      hash: string;
    };
    const [last] = await store.audit.list({ newestFirst: true, limit: 1 });
    expect(head).toEqual({ seq: 2, hash: last?.hash });
  });

  it('chains appends from several handles', async () => {
    const dir = makeTempDir();
    const handles = Array.from({ length: 4 }, () => openStore(dir, { logger }));
    await Promise.all(
      handles.flatMap((handle, index) =>
        Array.from({ length: 5 }, (_, round) =>
          handle.audit.append({
            actor: `handle-${index}`,
            kind: 'intent',
            details: { round },
          }),
        ),
      ),
    );
    const result = await handles[0]!.audit.verify();
    expect(result).toMatchObject({ ok: true, rows: 20 });
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('filters and counts rows', async () => {
    const { store } = await storeWithRows(4);
    await store.audit.append({
      actor: 'tester',
      kind: 'denied',
      action: 'block_ip',
    });
    expect(await store.audit.list({ kinds: ['denied'] })).toHaveLength(1);
    expect(await store.audit.list({ offenseId: 2 })).toHaveLength(1);
    expect(await store.audit.list({ afterSeq: 3 })).toHaveLength(2);
    const since = new Date(
      Date.parse('2025-03-01T10:00:02.500Z'),
    ).toISOString();
    expect(await store.audit.count({ kinds: ['intent'], since })).toBe(2);
    expect(
      await store.audit.count({
        kinds: ['intent'],
        since,
        action: 'isolate_host',
      }),
    ).toBe(0);
  });
});
