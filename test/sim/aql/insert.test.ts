import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import {
  createAqlTables,
  executeAql,
  insertEventRecords,
  type EventRecord,
} from '../../../src/sim/aql/index.js';
import { lookups, nowMs } from './dataset.js';

function freshDatabase(): Database.Database {
  const db = new Database(':memory:');
  createAqlTables(db);
  return db;
}

function offenseLinks(db: Database.Database): unknown[] {
  return db
    .prepare(
      'SELECT row_id, offense_id FROM offense_links ORDER BY row_id, offense_id',
    )
    .all();
}

describe('insertEventRecords', () => {
  it('links rows to offenses', () => {
    const db = freshDatabase();
    insertEventRecords(
      db,
      'events',
      [
        { starttime: nowMs },
        { starttime: nowMs, offense_ids: [] },
        { starttime: nowMs, offense_ids: [3, 4] },
      ],
      9,
    );
    expect(offenseLinks(db)).toEqual([
      { row_id: 1, offense_id: 9 },
      { row_id: 3, offense_id: 3 },
      { row_id: 3, offense_id: 4 },
    ]);
  });

  it('leaves rows unlinked without default', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [{ starttime: nowMs }]);
    expect(offenseLinks(db)).toEqual([]);
  });

  it('fills name tables from records', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [
      {
        starttime: nowMs,
        qid: 1,
        qidname: 'Q',
        category: 4015,
        categoryname: 'Access Denied',
        logsourceid: 2,
        logsourcename: 'FW',
        devicetype: 3,
        logsourcetypename: 'Palo Alto',
        protocolid: 200,
        protocolname: 'Custom',
      },
    ]);
    const names = (table: string): unknown =>
      db.prepare(`SELECT id, name FROM ${table} WHERE id < 5000`).all();
    expect(names('qid_names')).toEqual([{ id: 1, name: 'Q' }]);
    expect(names('log_source_names')).toEqual([{ id: 2, name: 'FW' }]);
    expect(names('log_source_type_names')).toEqual([
      { id: 3, name: 'Palo Alto' },
    ]);
    expect(
      db
        .prepare('SELECT name FROM category_names WHERE id = 4015')
        .pluck()
        .get(),
    ).toBe('Access Denied');
    expect(
      db
        .prepare('SELECT name FROM protocol_names WHERE id = 200')
        .pluck()
        .get(),
    ).toBe('Custom');
  });

  it('seeds default category and protocol names', () => {
    const db = freshDatabase();
    const name = (table: string, id: number): unknown =>
      db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id);
    expect(name('category_names', 1000)).toBe('Recon');
    expect(name('category_names', 16000)).toBe('SIM Audit');
    expect(name('protocol_names', 6)).toBe('TCP');
    expect(name('protocol_names', 17)).toBe('UDP');
    expect(name('protocol_names', 1)).toBe('ICMP');
  });

  it('creates tables idempotently', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [{ starttime: nowMs }]);
    createAqlTables(db);
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
  });

  it('keeps record values over derived ones', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [
      {
        starttime: nowMs,
        devicetime: nowMs - 5,
        category: 4015,
        highlevelcategory: 9000,
        hasoffense: false,
        sourcemac: null,
      },
    ]);
    const row = db
      .prepare(
        'SELECT devicetime, endtime, highlevelcategory, hasoffense, sourcemac FROM events',
      )
      .get();
    expect(row).toEqual({
      devicetime: nowMs - 5,
      endtime: nowMs,
      highlevelcategory: 9000,
      hasoffense: 'false',
      sourcemac: '00:00:00:00:00:00',
    });
  });

  it('converts strings and date text', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [
      {
        starttime: '2025-01-15T11:59:00Z',
        qid: '5001',
        sourceport: 'not a number',
        creEventList: '[100]',
        username: 42,
      },
    ]);
    const row = db
      .prepare(
        'SELECT starttime, qid, sourceport, creeventlist, username FROM events',
      )
      .get();
    expect(row).toEqual({
      starttime: Date.UTC(2025, 0, 15, 11, 59),
      qid: 5001,
      sourceport: null,
      creeventlist: '[100]',
      username: '42',
    });
  });

  it('stores unknown fields as properties', () => {
    const db = freshDatabase();
    insertEventRecords(db, 'events', [
      { starttime: nowMs - 1000, 'Account Domain': 'CORP', Logon_Type: 3 },
      { starttime: nowMs - 2000 },
    ]);
    const result = executeAql(
      db,
      'SELECT "Account Domain", logon_type FROM events ORDER BY starttime DESC LAST 1 MINUTES',
      { nowMs, lookups },
    );
    expect(result.rows).toEqual([
      { 'Account Domain': 'CORP', logon_type: 3 },
      { 'Account Domain': null, logon_type: null },
    ]);
  });

  it('rebuilds indexes after bulk load', () => {
    const db = freshDatabase();
    const records: EventRecord[] = Array.from(
      { length: 50_000 },
      (_, index) => ({
        starttime: nowMs - index,
        sourceip: `10.0.${(index >> 8) & 255}.${index & 255}`,
        qid: 5000 + (index % 7),
        offense_ids: index === 0 ? [1] : [],
      }),
    );
    insertEventRecords(db, 'events', records);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'events_destinationip',
      'events_qid',
      'events_sourceip',
      'events_starttime',
      'events_username',
    ]);
    const result = executeAql(
      db,
      "SELECT qid, COUNT(*) AS c FROM events WHERE sourceip = '10.0.0.7' OR INOFFENSE(1) GROUP BY qid ORDER BY qid LAST 1 HOURS",
      { nowMs, lookups },
    );
    // Row 0 (offense 1) and row 7 (10.0.0.7) both have qid 5000.
    expect(result.rows).toEqual([{ qid: 5000, c: 2 }]);
  });
});
