import type Database from 'better-sqlite3';

import type { AqlDatabase } from '../../aql/index.js';

/** Storage type of an Ariel column: `json` columns contain JSON text, and `boolean` columns contain 'true' or 'false'. */
export type AqlColumnType = 'integer' | 'real' | 'text' | 'json' | 'boolean';

/** One modelled Ariel column and the value stored when a record omits it. */
export interface AqlColumnSpec {
  name: string;
  type: AqlColumnType;
  fallback?: string | number;
}

const unknownMac = '00:00:00:00:00:00';
const unknownIp = '0.0.0.0';

/** Columns shared by the events and flows tables, in `SELECT *` order. */
export const commonColumns: readonly AqlColumnSpec[] = [
  { name: 'starttime', type: 'integer' },
  { name: 'endtime', type: 'integer' },
  { name: 'devicetime', type: 'integer' },
  { name: 'sourceip', type: 'text' },
  { name: 'sourceport', type: 'integer' },
  { name: 'destinationip', type: 'text' },
  { name: 'destinationport', type: 'integer' },
  { name: 'sourcev6', type: 'text' },
  { name: 'destinationv6', type: 'text' },
  { name: 'identityip', type: 'text' },
  { name: 'sourcemac', type: 'text', fallback: unknownMac },
  { name: 'destinationmac', type: 'text', fallback: unknownMac },
  { name: 'username', type: 'text' },
  { name: 'qid', type: 'integer' },
  { name: 'category', type: 'integer' },
  { name: 'highlevelcategory', type: 'integer' },
  { name: 'logsourceid', type: 'integer' },
  { name: 'devicetype', type: 'integer' },
  { name: 'protocolid', type: 'integer' },
  { name: 'eventcount', type: 'integer', fallback: 1 },
  { name: 'magnitude', type: 'integer' },
  { name: 'severity', type: 'integer' },
  { name: 'credibility', type: 'integer' },
  { name: 'relevance', type: 'integer' },
  { name: 'eventdirection', type: 'text' },
  { name: 'creeventlist', type: 'json', fallback: '[]' },
  { name: 'hasoffense', type: 'boolean' },
  { name: 'domainid', type: 'integer', fallback: 0 },
  { name: 'payload', type: 'text' },
  { name: 'sourcegeographiclocation', type: 'text' },
  { name: 'destinationgeographiclocation', type: 'text' },
  { name: 'prenatsourceip', type: 'text', fallback: unknownIp },
  { name: 'prenatsourceport', type: 'integer', fallback: 0 },
  { name: 'prenatdestinationip', type: 'text', fallback: unknownIp },
  { name: 'prenatdestinationport', type: 'integer', fallback: 0 },
  { name: 'postnatsourceip', type: 'text', fallback: unknownIp },
  { name: 'postnatsourceport', type: 'integer', fallback: 0 },
  { name: 'postnatdestinationip', type: 'text', fallback: unknownIp },
  { name: 'postnatdestinationport', type: 'integer', fallback: 0 },
];

/** Columns only the flows table has. */
export const flowOnlyColumns: readonly AqlColumnSpec[] = [
  { name: 'sourcebytes', type: 'integer' },
  { name: 'destinationbytes', type: 'integer' },
  { name: 'sourcepackets', type: 'integer' },
  { name: 'destinationpackets', type: 'integer' },
  { name: 'flowdirection', type: 'text' },
  { name: 'flowbias', type: 'text' },
  { name: 'flowtype', type: 'integer' },
  { name: 'applicationid', type: 'integer' },
  { name: 'firstpackettime', type: 'integer' },
  { name: 'lastpackettime', type: 'integer' },
];

const columnsByDatabase: Record<AqlDatabase, readonly AqlColumnSpec[]> = {
  events: commonColumns,
  flows: [...commonColumns, ...flowOnlyColumns],
};

/** Returns the modelled columns of one Ariel database, in `SELECT *` order. */
export function aqlColumns(database: AqlDatabase): readonly AqlColumnSpec[] {
  return columnsByDatabase[database];
}

/** Name tables behind QIDNAME, CATEGORYNAME, LOGSOURCENAME, LOGSOURCETYPENAME and PROTOCOLNAME. */
export const nameTables = {
  qid: 'qid_names',
  category: 'category_names',
  logSource: 'log_source_names',
  logSourceType: 'log_source_type_names',
  protocol: 'protocol_names',
} as const;

/** QRadar's high-level event categories (IBM QRadar 7.5 documentation, "High-level event categories"). */
export const highLevelCategoryNames: ReadonlyMap<number, string> = new Map([
  [1000, 'Recon'],
  [2000, 'DoS'],
  [3000, 'Authentication'],
  [4000, 'Access'],
  [5000, 'Exploit'],
  [6000, 'Malware'],
  [7000, 'Suspicious Activity'],
  [8000, 'System'],
  [9000, 'Policy'],
  [10000, 'Unknown'],
  [12000, 'CRE'],
  [13000, 'Potential Exploit'],
  [14000, 'Flow'],
  [15000, 'User Defined'],
  [16000, 'SIM Audit'],
  [17000, 'VIS Host Discovery'],
  [18000, 'Application'],
  [19000, 'Audit'],
  [20000, 'Risk'],
  [21000, 'Risk Manager Audit'],
  [22000, 'Control'],
  [23000, 'Asset Profiler'],
]);

/** IANA protocol numbers QRadar names by default; 255 is QRadar's "Reserved". */
export const protocolNames: ReadonlyMap<number, string> = new Map([
  [1, 'ICMP'],
  [6, 'TCP'],
  [17, 'UDP'],
  [41, 'IPv6'],
  [47, 'GRE'],
  [50, 'ESP'],
  [58, 'IPv6-ICMP'],
  [255, 'Reserved'],
]);

const sqlTypes: Record<AqlColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
  json: 'TEXT',
  boolean: 'TEXT',
};

function sqlDefault(column: AqlColumnSpec): string {
  if (column.fallback === undefined) return '';
  const value =
    typeof column.fallback === 'number'
      ? String(column.fallback)
      : `'${column.fallback.replaceAll("'", "''")}'`;
  return ` DEFAULT ${value}`;
}

// Each lookup column is indexed together with starttime, so one index serves
// `WHERE sourceip = ? AND starttime BETWEEN ...` and GROUP BY sourceip over a
// time window without reading the table.
const indexedColumns = ['sourceip', 'destinationip', 'username', 'qid'];

/** Returns the CREATE INDEX statements of one Ariel table, keyed by index name. */
export function aqlIndexes(database: AqlDatabase): Map<string, string> {
  const indexes = new Map<string, string>();
  indexes.set(
    `${database}_starttime`,
    `CREATE INDEX IF NOT EXISTS ${database}_starttime ON ${database} (starttime)`,
  );
  for (const column of indexedColumns) {
    const name = `${database}_${column}`;
    indexes.set(
      name,
      `CREATE INDEX IF NOT EXISTS ${name} ON ${database} (${column}, starttime)`,
    );
  }
  return indexes;
}

function createRecordTable(db: Database.Database, database: AqlDatabase): void {
  const columns = aqlColumns(database)
    .map(
      (column) =>
        `${column.name} ${sqlTypes[column.type]}${sqlDefault(column)}`,
    )
    .join(',\n  ');
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${database} (\n  ${columns},\n  extra TEXT\n)`,
  );
  for (const sql of aqlIndexes(database).values()) db.exec(sql);
}

/**
 * Creates the Ariel tables if missing: `events` and `flows` (extra fields as
 * JSON in `extra`), `offense_links(database, row_id, offense_id)`,
 * `aql_properties` (custom property names seen) and the name tables, seeded
 * with QRadar's high-level categories and common protocols.
 */
export function createAqlTables(db: Database.Database): void {
  createRecordTable(db, 'events');
  createRecordTable(db, 'flows');
  db.exec(`
    CREATE TABLE IF NOT EXISTS offense_links (
      database TEXT NOT NULL,
      row_id INTEGER NOT NULL,
      offense_id INTEGER NOT NULL,
      PRIMARY KEY (database, offense_id, row_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS aql_properties (
      database TEXT NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (database, name)
    ) WITHOUT ROWID;
  `);
  for (const table of Object.values(nameTables)) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`,
    );
  }
  const seed = (table: string, names: ReadonlyMap<number, string>): void => {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO ${table} (id, name) VALUES (?, ?)`,
    );
    for (const [id, name] of names) insert.run(id, name);
  };
  seed(nameTables.category, highLevelCategoryNames);
  seed(nameTables.protocol, protocolNames);
}
