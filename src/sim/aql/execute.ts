import type Database from 'better-sqlite3';

import { AqlError, parseAql } from '../../aql/index.js';
import { aqlFunctionContext } from './functions.js';
import { translateAql, type AqlValueDecoder } from './translate.js';
import type { AqlResult, ExecuteAqlOptions } from './types.js';

function decode(value: unknown, decoder: AqlValueDecoder): unknown {
  if (value === null || value === undefined) return null;
  switch (decoder) {
    case 'plain':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
    case 'booleanText':
      return value === 'true' || value === 1;
    case 'booleanNumber':
      return value === 1 || value === 1n;
  }
}

function loadProperties(db: Database.Database, database: string): Set<string> {
  const rows = db
    .prepare('SELECT name FROM aql_properties WHERE database = ?')
    .pluck()
    .all(database) as string[];
  return new Set(rows);
}

/**
 * Runs one AQL query over the tables of createAqlTables and returns rows keyed
 * by QRadar's naming rules. Throws AqlSyntaxError for invalid AQL, and
 * AqlError for an unsupported function or a query that SQLite rejects.
 */
export function executeAql(
  db: Database.Database,
  query: string,
  options: ExecuteAqlOptions,
): AqlResult {
  const statement = parseAql(query);
  const context = aqlFunctionContext(db);
  const translateOptions = {
    nowMs: options.nowMs,
    properties: loadProperties(db, statement.database),
    ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
  };
  const { sql, params, outputs } = translateAql(statement, translateOptions);

  let rawRows: unknown[][];
  context.lookups = options.lookups;
  try {
    rawRows = db
      .prepare(sql)
      .raw(true)
      .all(...params) as unknown[][];
  } catch (error) {
    if (AqlError.is(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AqlError(
      `Invalid AQL: failed to run the query: ${reason}. Check that aggregates appear only in SELECT, HAVING and ORDER BY.`,
      { cause: error },
    );
  } finally {
    context.lookups = undefined;
  }

  const rows = rawRows.map((raw) => {
    const row: Record<string, unknown> = {};
    outputs.forEach((output, index) => {
      row[output.key] = decode(raw[index], output.decoder);
    });
    return row;
  });
  const columns = [...new Set(outputs.map((output) => output.key))];
  return { database: statement.database, columns, rows };
}
