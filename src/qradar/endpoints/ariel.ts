import type { RequestOptions } from '../options.js';
import { buildRange, encodePathSegment, type RangeOptions } from '../query.js';
import {
  arielDatabaseSchema,
  arielDatabasesSchema,
  arielResultsSchema,
  arielSearchIdsSchema,
  arielSearchSchema,
  type ArielColumn,
  type ArielRow,
  type ArielSearch,
} from '../schemas/ariel.js';
import type { QRadarTransport } from '../transport.js';

/** Options of getSearch. */
export interface GetSearchOptions extends RequestOptions {
  /** Sends `Prefer: wait=N` so that the console waits up to N seconds for completion before it responds. */
  waitSeconds?: number | undefined;
}

/** Options of getSearchResults. */
export interface GetSearchResultsOptions extends RequestOptions {
  /** Defaults to the first 1000 rows. */
  range?: RangeOptions | undefined;
}

/** One page of Ariel results. */
export interface ArielResultPage {
  /** The key QRadar put the rows under: `events` or `flows`. */
  database: string;
  rows: ArielRow[];
  start: number;
  /** Rows in the whole result, when the console sent a total. */
  total: number | undefined;
}

/** Rows per results page when no range is given. */
export const defaultResultPageSize = 1000;

function searchPath(searchId: string): string {
  if (searchId.trim() === '')
    throw new RangeError('Invalid Ariel search id: expected a non-empty id.');
  return `/ariel/searches/${encodePathSegment(searchId)}`;
}

function searchContext(action: string, searchId: string) {
  return {
    action: `${action} Ariel search ${searchId}`,
    subject: `Ariel search ${searchId}`,
    notFoundHint:
      'the id is unknown or the search expired, so run the query again',
  };
}

/**
 * Starts an Ariel search for an AQL query. It is never retried: a repeated
 * POST after a lost response would start a second search on the console.
 */
export async function createSearch(
  transport: QRadarTransport,
  query: string,
  options: RequestOptions = {},
): Promise<ArielSearch> {
  const { data } = await transport.request({
    method: 'POST',
    path: '/ariel/searches',
    query: { query_expression: query },
    schema: arielSearchSchema,
    label: 'search',
    context: {
      action: 'start an Ariel search',
      conflictHint:
        'the search name after INTO is taken: choose another name or drop INTO',
      unprocessableHint:
        'correct the AQL at the position the message names and run the query again',
    },
    retrySafe: false,
    options,
  });
  return data;
}

/** Reads the status and progress of an Ariel search. */
export async function getSearch(
  transport: QRadarTransport,
  searchId: string,
  options: GetSearchOptions = {},
): Promise<ArielSearch> {
  const { data } = await transport.request({
    method: 'GET',
    path: searchPath(searchId),
    headers:
      options.waitSeconds === undefined
        ? {}
        : { Prefer: `wait=${Math.max(1, Math.round(options.waitSeconds))}` },
    schema: arielSearchSchema,
    label: 'search',
    context: searchContext('read', searchId),
    options,
  });
  return data;
}

/**
 * Reads one page of a completed search's rows; QRadar returns 404 (code
 * 1003) while the search is still running.
 */
export async function getSearchResults(
  transport: QRadarTransport,
  searchId: string,
  options: GetSearchResultsOptions = {},
): Promise<ArielResultPage> {
  const start = options.range?.start ?? 0;
  const limit = options.range?.limit ?? defaultResultPageSize;
  const result = await transport.request({
    method: 'GET',
    path: `${searchPath(searchId)}/results`,
    headers: { Range: buildRange(start, limit) },
    schema: arielResultsSchema,
    label: 'results',
    context: {
      action: `read the results of Ariel search ${searchId}`,
      subject: `results of Ariel search ${searchId}`,
      notFoundHint:
        'wait until the search status is COMPLETED, or run the query again if it expired',
    },
    options,
  });
  const [database, rows] = Object.entries(result.data)[0] ?? ['events', []];
  return { database, rows, start, total: result.contentRange?.total };
}

/**
 * Cancels an Ariel search and discards its results with DELETE; returns the
 * search as the console last saw it (status `CANCELED`), when it sends one.
 */
export async function cancelSearch(
  transport: QRadarTransport,
  searchId: string,
  options: RequestOptions = {},
): Promise<ArielSearch | undefined> {
  const { data } = await transport.request({
    method: 'DELETE',
    path: searchPath(searchId),
    schema: arielSearchSchema.optional(),
    label: 'search',
    context: searchContext('cancel', searchId),
    options,
  });
  return data;
}

/** Lists the ids of the Ariel searches the token can see. */
export async function listSearches(
  transport: QRadarTransport,
  options: RequestOptions = {},
): Promise<string[]> {
  const { data } = await transport.request({
    method: 'GET',
    path: '/ariel/searches',
    headers: { Range: buildRange(0, 1000) },
    schema: arielSearchIdsSchema,
    label: 'searches',
    context: { action: 'list Ariel searches' },
    options,
  });
  return data;
}

/** Lists the Ariel databases, such as `events` and `flows`. */
export async function listDatabases(
  transport: QRadarTransport,
  options: RequestOptions = {},
): Promise<string[]> {
  const { data } = await transport.request({
    method: 'GET',
    path: '/ariel/databases',
    schema: arielDatabasesSchema,
    label: 'databases',
    context: { action: 'list Ariel databases' },
    options,
  });
  return data;
}

/** Lists the columns of one Ariel database. */
export async function getDatabaseColumns(
  transport: QRadarTransport,
  database: string,
  options: RequestOptions = {},
): Promise<ArielColumn[]> {
  const { data } = await transport.request({
    method: 'GET',
    path: `/ariel/databases/${encodePathSegment(database)}`,
    schema: arielDatabaseSchema,
    label: 'database',
    context: {
      action: `list the columns of Ariel database ${database}`,
      subject: `Ariel database ${database}`,
      notFoundHint: 'use events or flows',
    },
    options,
  });
  return data.columns;
}
