import type Database from 'better-sqlite3';

import type { AqlDatabase } from '../../aql/index.js';
import {
  aqlColumns,
  nameTables,
  type AqlColumnSpec,
  type AqlColumnType,
} from './schema.js';

/** One event or flow as case files write it: AQL column names, plus names and offense ids. */
export interface EventRecord {
  [column: string]: unknown;
}

// Record keys that feed the name tables or the offense links instead of a column.
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

function toNumber(value: unknown, isTime: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
    if (isTime) {
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? null : ms;
    }
  }
  return null;
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  return JSON.stringify(value) ?? null;
}

function toJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
      return value;
    } catch {
      return JSON.stringify([value]);
    }
  }
  return JSON.stringify(
    Array.isArray(value) || typeof value === 'object' ? value : [value],
  );
}

function toBoolean(value: unknown): string | null {
  if (value === true || value === 1 || value === 'true' || value === 'TRUE')
    return 'true';
  if (value === false || value === 0 || value === 'false' || value === 'FALSE')
    return 'false';
  return null;
}

function convert(
  value: unknown,
  type: AqlColumnType,
  isTime: boolean,
): string | number | null {
  switch (type) {
    case 'integer':
    case 'real':
      return toNumber(value, isTime);
    case 'text':
      return toText(value);
    case 'json':
      return toJson(value);
    case 'boolean':
      return toBoolean(value);
  }
}

function offenseIdsOf(
  record: EventRecord,
  defaultOffenseId: number | undefined,
): number[] {
  const ids = record[offenseIdsKey];
  if (Array.isArray(ids)) {
    return ids.map((id) => Number(id)).filter((id) => Number.isInteger(id));
  }
  return defaultOffenseId === undefined ? [] : [defaultOffenseId];
}

/** Slot of each record key in the column list; -1 for extra fields; memoised per exact spelling. */
class KeyResolver {
  readonly #slots = new Map<string, number>();
  readonly #indexByName: Map<string, number>;

  constructor(columns: readonly AqlColumnSpec[]) {
    this.#indexByName = new Map(
      columns.map((column, index) => [column.name, index]),
    );
  }

  slot(key: string): number {
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = this.#indexByName.get(key.toLowerCase()) ?? -1;
      this.#slots.set(key, slot);
    }
    return slot;
  }
}

/**
 * Inserts event or flow records in one transaction. Keys match columns
 * case-insensitively; unknown keys go to the JSON `extra` column as custom
 * properties; `qidname`, `categoryname`, `logsourcename`, `logsourcetypename`
 * and `protocolname` fill the name tables; `offense_ids` links the row to
 * offenses (absent means `[defaultOffenseId]`, `[]` means no offense).
 */
export function insertEventRecords(
  db: Database.Database,
  database: AqlDatabase,
  records: EventRecord[],
  defaultOffenseId?: number,
): void {
  const columns = aqlColumns(database);
  const resolver = new KeyResolver(columns);
  const slotOf = (name: string): number => resolver.slot(name);
  const startSlot = slotOf('starttime');
  const endSlot = slotOf('endtime');
  const deviceSlot = slotOf('devicetime');
  const categorySlot = slotOf('category');
  const highLevelSlot = slotOf('highlevelcategory');
  const hasOffenseSlot = slotOf('hasoffense');
  const isTime = columns.map((column) => timeColumns.has(column.name));

  const placeholders = columns.map(() => '?').join(', ');
  const insertRow = db.prepare(
    `INSERT INTO ${database} (${columns.map((column) => column.name).join(', ')}, extra) VALUES (${placeholders}, ?)`,
  );
  const insertLink = db.prepare(
    'INSERT OR IGNORE INTO offense_links (database, row_id, offense_id) VALUES (?, ?, ?)',
  );
  const names = new Map<string, Map<number, string>>();
  const properties = new Set<string>();

  const insertAll = db.transaction((batch: EventRecord[]) => {
    for (const record of batch) {
      const values: (string | number | null)[] = new Array<
        string | number | null
      >(columns.length + 1).fill(null);
      let extra: Record<string, unknown> | undefined;
      for (const key of Object.keys(record)) {
        const value = record[key];
        const slot = resolver.slot(key);
        const column = columns[slot];
        if (column !== undefined) {
          values[slot] = convert(value, column.type, isTime[slot] === true);
          continue;
        }
        const lower = key.toLowerCase();
        const nameKey = nameKeys[lower];
        if (nameKey !== undefined) {
          const id = toNumber(
            record[nameKey.idColumn] ?? findKey(record, nameKey.idColumn),
            false,
          );
          if (id !== null && typeof value === 'string') {
            const table = names.get(nameKey.table) ?? new Map<number, string>();
            table.set(id, value);
            names.set(nameKey.table, table);
          }
          continue;
        }
        if (lower === offenseIdsKey || value === undefined) continue;
        extra ??= {};
        extra[lower] = value;
        properties.add(lower);
      }

      const offenseIds = offenseIdsOf(record, defaultOffenseId);
      fillDerived(
        values,
        {
          startSlot,
          endSlot,
          deviceSlot,
          categorySlot,
          highLevelSlot,
          hasOffenseSlot,
        },
        offenseIds.length > 0,
      );
      for (const [index, column] of columns.entries()) {
        if (values[index] === null && column.fallback !== undefined)
          values[index] = column.fallback;
      }
      values[columns.length] =
        extra === undefined ? null : JSON.stringify(extra);

      const rowId = insertRow.run(values).lastInsertRowid;
      for (const offenseId of offenseIds)
        insertLink.run(database, rowId, offenseId);
    }

    for (const [table, entries] of names) {
      const upsert = db.prepare(
        `INSERT OR REPLACE INTO ${table} (id, name) VALUES (?, ?)`,
      );
      for (const [id, name] of entries) upsert.run(id, name);
    }
    const addProperty = db.prepare(
      'INSERT OR IGNORE INTO aql_properties (database, name) VALUES (?, ?)',
    );
    for (const name of properties) addProperty.run(database, name);
  });
  insertAll(records);
}

function findKey(record: EventRecord, lowerName: string): unknown {
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === lowerName) return record[key];
  }
  return undefined;
}

function fillDerived(
  values: (string | number | null)[],
  slots: {
    startSlot: number;
    endSlot: number;
    deviceSlot: number;
    categorySlot: number;
    highLevelSlot: number;
    hasOffenseSlot: number;
  },
  hasOffense: boolean,
): void {
  const start = values[slots.startSlot];
  if (values[slots.endSlot] === null) values[slots.endSlot] = start ?? null;
  if (values[slots.deviceSlot] === null)
    values[slots.deviceSlot] = start ?? null;
  const category = values[slots.categorySlot];
  // Low-level category ids carry their high-level category in the thousands (4015 is under 4000).
  if (
    values[slots.highLevelSlot] === null &&
    typeof category === 'number' &&
    category >= 1000
  ) {
    values[slots.highLevelSlot] = Math.floor(category / 1000) * 1000;
  }
  if (values[slots.hasOffenseSlot] === null)
    values[slots.hasOffenseSlot] = hasOffense ? 'true' : 'false';
}
