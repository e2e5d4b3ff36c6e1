import type Database from 'better-sqlite3';

import type { AqlDatabase } from '../../aql/index.js';
import { toNumber, toStoredValue, type StoredValue } from './record-values.js';
import {
  aqlColumns,
  aqlIndexes,
  nameTables,
  type AqlColumnSpec,
} from './schema.js';

/** One event or flow as case files write it: AQL column names, plus names and offense ids. */
export interface EventRecord {
  [column: string]: unknown;
}

// Record keys that feed the name tables instead of a column.
const nameKeys: Record<string, { table: string; idColumn: string }> = {
  qidname: { table: nameTables.qid, idColumn: 'qid' },
  categoryname: { table: nameTables.category, idColumn: 'category' },
  logsourcename: { table: nameTables.logSource, idColumn: 'logsourceid' },
  logsourcetypename: {
    table: nameTables.logSourceType,
    idColumn: 'devicetype',
  },
  protocolname: { table: nameTables.protocol, idColumn: 'protocolid' },
};
const offenseIdsKey = 'offense_ids';
const timeColumns = new Set([
  'starttime',
  'endtime',
  'devicetime',
  'firstpackettime',
  'lastpackettime',
]);

// A load at least this large, and at least as large as the table, drops the
// indexes and rebuilds them afterwards, because building an index by sorting
// took about a third of the time of updating it row by row (200,000 events,
// five indexes, better-sqlite3 12 on a 2-core VM).
const bulkLoadMinRows = 50_000;

/** Handling of one record key: a column, a name table entry, a custom property or nothing. */
type KeyAction =
  | { kind: 'column'; column: AqlColumnSpec; param: number; isTime: boolean }
  | { kind: 'name'; table: string; idKey: string | undefined }
  | { kind: 'skip' }
  | { kind: 'extra'; name: string };

/** A prepared INSERT for records with one exact list of keys. */
interface RecordShape {
  actions: KeyAction[];
  statement: Database.Statement;
  paramCount: number;
  hasOffenseParam: number | undefined;
  extraParam: number | undefined;
  derived: DerivedValue[];
}

/** A column filled from another parameter when the record lacks it. */
interface DerivedValue {
  param: number;
  from: number;
  kind: 'copy' | 'highLevelCategory';
}

function deriveValue(
  value: StoredValue,
  kind: DerivedValue['kind'],
): StoredValue {
  if (kind === 'copy') return value;
  // Low-level category ids carry their high-level category in the thousands (4015 is under 4000).
  return typeof value === 'number' && value >= 1000
    ? Math.floor(value / 1000) * 1000
    : null;
}

function buildShape(
  db: Database.Database,
  database: AqlDatabase,
  keys: string[],
): RecordShape {
  const columnsByName = new Map(
    aqlColumns(database).map((column) => [column.name, column]),
  );
  const keyByColumn = new Map<string, string>();
  for (const key of keys) {
    const lower = key.toLowerCase();
    if (columnsByName.has(lower)) keyByColumn.set(lower, key);
  }

  const targets: string[] = [];
  const paramOf = new Map<string, number>();
  const actions: KeyAction[] = keys.map((key) => {
    const lower = key.toLowerCase();
    const column = columnsByName.get(lower);
    if (column !== undefined) {
      if (keyByColumn.get(lower) !== key) return { kind: 'skip' };
      targets.push(column.name);
      paramOf.set(column.name, targets.length - 1);
      return {
        kind: 'column',
        column,
        param: targets.length - 1,
        isTime: timeColumns.has(column.name),
      };
    }
    const nameKey = nameKeys[lower];
    if (nameKey !== undefined) {
      return {
        kind: 'name',
        table: nameKey.table,
        idKey: keyByColumn.get(nameKey.idColumn),
      };
    }
    if (lower === offenseIdsKey) return { kind: 'skip' };
    return { kind: 'extra', name: lower };
  });

  const derived: DerivedValue[] = [];
  const derive = (
    column: string,
    from: number | undefined,
    kind: DerivedValue['kind'],
  ): void => {
    if (from === undefined || paramOf.has(column)) return;
    targets.push(column);
    derived.push({ param: targets.length - 1, from, kind });
  };
  derive('endtime', paramOf.get('starttime'), 'copy');
  derive('devicetime', paramOf.get('starttime'), 'copy');
  derive('highlevelcategory', paramOf.get('category'), 'highLevelCategory');
  let hasOffenseParam: number | undefined;
  if (!paramOf.has('hasoffense')) {
    targets.push('hasoffense');
    hasOffenseParam = targets.length - 1;
  }
  let extraParam: number | undefined;
  if (actions.some((action) => action.kind === 'extra')) {
    targets.push('extra');
    extraParam = targets.length - 1;
  }
  const statement = db.prepare(
    `INSERT INTO ${database} (${targets.join(', ')}) VALUES (${targets.map(() => '?').join(', ')})`,
  );
  return {
    actions,
    statement,
    paramCount: targets.length,
    hasOffenseParam,
    extraParam,
    derived,
  };
}

const noOffenses: number[] = [];

function offenseIdsOf(
  record: EventRecord,
  defaultOffenseId: number | undefined,
): number[] {
  const ids = record[offenseIdsKey];
  if (Array.isArray(ids) && ids.length === 0) return noOffenses;
  if (Array.isArray(ids)) {
    return ids.map((id) => Number(id)).filter((id) => Number.isInteger(id));
  }
  return defaultOffenseId === undefined ? [] : [defaultOffenseId];
}

/** Names and custom property names gathered from a batch, written once at its end. */
interface CollectedNames {
  names: Map<string, Map<number, string>>;
  properties: Set<string>;
}

/** Builds the parameter list of one record for its shape's INSERT. */
function readValues(
  record: EventRecord,
  keys: string[],
  shape: RecordShape,
  collected: CollectedNames,
): StoredValue[] {
  const values = new Array<StoredValue>(shape.paramCount).fill(null);
  let extra: Record<string, unknown> | undefined;
  for (let index = 0; index < keys.length; index += 1) {
    const action = shape.actions[index];
    if (action === undefined) continue;
    const value = record[keys[index] ?? ''];
    if (action.kind === 'column') {
      const stored = toStoredValue(value, action.column.type, action.isTime);
      values[action.param] = stored ?? action.column.fallback ?? null;
    } else if (action.kind === 'name') {
      const idValue =
        action.idKey === undefined ? undefined : record[action.idKey];
      const id = toNumber(idValue, false);
      const known = collected.names.get(action.table)?.get(id ?? Number.NaN);
      if (id !== null && typeof value === 'string' && known !== value) {
        const table =
          collected.names.get(action.table) ?? new Map<number, string>();
        table.set(id, value);
        collected.names.set(action.table, table);
      }
    } else if (action.kind === 'extra' && value !== undefined) {
      extra ??= {};
      extra[action.name] = value;
      collected.properties.add(action.name);
    }
  }

  for (const derived of shape.derived) {
    values[derived.param] = deriveValue(
      values[derived.from] ?? null,
      derived.kind,
    );
  }
  if (shape.extraParam !== undefined && extra !== undefined) {
    values[shape.extraParam] = JSON.stringify(extra);
  }
  return values;
}

function isBulkLoad(
  db: Database.Database,
  database: AqlDatabase,
  count: number,
): boolean {
  if (count < bulkLoadMinRows) return false;
  const existing = db
    .prepare(`SELECT COALESCE(MAX(rowid), 0) FROM ${database}`)
    .pluck()
    .get() as number;
  return count >= existing;
}

/**
 * Inserts event or flow records in one transaction. Keys match columns
 * case-insensitively, and unknown keys go to the JSON `extra` column as
 * custom properties. `qidname`, `categoryname`, `logsourcename`,
 * `logsourcetypename` and `protocolname` fill the name tables. `offense_ids`
 * links the row to offenses: absent means `[defaultOffenseId]`, and `[]`
 * means no offense. Loads of 50,000 records or more rebuild the indexes and
 * statistics afterwards.
 */
export function insertEventRecords(
  db: Database.Database,
  database: AqlDatabase,
  records: EventRecord[],
  defaultOffenseId?: number,
): void {
  const shapes = new Map<string, RecordShape>();
  const insertLink = db.prepare(
    'INSERT OR IGNORE INTO offense_links (database, row_id, offense_id) VALUES (?, ?, ?)',
  );
  const collected: CollectedNames = { names: new Map(), properties: new Set() };
  const bulk = isBulkLoad(db, database, records.length);
  const indexes = aqlIndexes(database);

  const insertRecord = (record: EventRecord): void => {
    const keys = Object.keys(record);
    const shapeKey = keys.join('\u0000');
    let shape = shapes.get(shapeKey);
    if (shape === undefined) {
      shape = buildShape(db, database, keys);
      shapes.set(shapeKey, shape);
    }

    const values = readValues(record, keys, shape, collected);
    const offenseIds = offenseIdsOf(record, defaultOffenseId);
    if (shape.hasOffenseParam !== undefined) {
      values[shape.hasOffenseParam] = offenseIds.length > 0 ? 'true' : 'false';
    }

    const rowId = shape.statement.run(values).lastInsertRowid;
    for (const offenseId of offenseIds) {
      insertLink.run(database, rowId, offenseId);
    }
  };

  const insertAll = db.transaction(() => {
    if (bulk) {
      for (const name of indexes.keys())
        db.exec(`DROP INDEX IF EXISTS ${name}`);
    }
    for (const record of records) insertRecord(record);
    if (bulk) {
      for (const sql of indexes.values()) db.exec(sql);
    }
    for (const [table, entries] of collected.names) {
      const upsert = db.prepare(
        `INSERT OR REPLACE INTO ${table} (id, name) VALUES (?, ?)`,
      );
      for (const [id, name] of entries) upsert.run(id, name);
    }
    const addProperty = db.prepare(
      'INSERT OR IGNORE INTO aql_properties (database, name) VALUES (?, ?)',
    );
    for (const name of collected.properties) addProperty.run(database, name);
  });
  insertAll();
  if (bulk) db.exec(`ANALYZE ${database}`);
}
