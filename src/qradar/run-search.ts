import type { Logger } from '../config/index.js';
import { sanitizeText } from '../text/index.js';
import {
  cancelSearch,
  createSearch,
  defaultResultPageSize,
  getSearch,
  getSearchResults,
} from './endpoints/ariel.js';
import { QRadarError, QRadarTimeoutError } from './errors.js';
import type { RequestOptions, Sleep } from './options.js';
import type {
  ArielRow,
  ArielSearch,
  ArielSearchStatus,
} from './schemas/ariel.js';
import type { QRadarTransport } from './transport.js';

/** Progress of a running search, reported after every status read. */
export interface SearchProgress {
  searchId: string;
  status: ArielSearchStatus;
  /** Percent complete, 0 to 100. */
  progress: number;
  /** Rows found so far. */
  recordCount: number | undefined;
  elapsedMs: number;
}

/** Options of waitForSearch and runSearch. */
export interface RunSearchOptions extends RequestOptions {
  /** Time budget from start to the last result page; default 60 000 ms. */
  deadlineMs?: number | undefined;
  /** First wait between status reads; it doubles up to 1 s. Default 250 ms. */
  pollIntervalMs?: number | undefined;
  /** Rows fetched at most; default 10 000. */
  maxRows?: number | undefined;
  /** Rows per results request; default 1000. */
  pageSize?: number | undefined;
  onProgress?: ((progress: SearchProgress) => void) | undefined;
}

/** Rows of a completed search. */
export interface SearchResult {
  searchId: string;
  /** `events` or `flows`. */
  database: string;
  rows: ArielRow[];
  /** Rows the search found; more than `rows.length` when maxRows cut them. */
  recordCount: number;
  truncated: boolean;
  search: ArielSearch;
}

/** Dependencies that waitForSearch and runSearch take from the client. */
export interface SearchRunner {
  transport: QRadarTransport;
  clock: () => number;
  sleep: Sleep;
  logger: Logger;
}

const defaultDeadlineMs = 60_000;
const defaultPollIntervalMs = 250;
const maxPollIntervalMs = 1_000;
const defaultMaxRows = 10_000;
const cancelTimeoutMs = 5_000;

function searchFailedError(search: ArielSearch): QRadarError {
  const details = (search.error_messages ?? [])
    .map((entry) => entry.message)
    .filter((message): message is string => typeof message === 'string')
    .map((message) => sanitizeText(message, { maxLength: 200 }))
    .join('; ');
  const reason =
    search.status === 'CANCELED'
      ? 'it was canceled on the console'
      : `it ended with status ERROR${details === '' ? '' : ` (${details})`}`;
  const hint =
    search.status === 'CANCELED'
      ? 'run the query again'
      : 'correct the query as the error says and run it again';
  return new QRadarError(
    `Failed to run Ariel search ${search.search_id}: ${reason}. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`,
    {
      code: 'QRADAR_SEARCH_FAILED',
      method: 'GET',
      path: `/api/ariel/searches/${search.search_id}`,
      hint,
    },
  );
}

function deadlineError(searchId: string, deadlineMs: number): QRadarError {
  const seconds = deadlineMs / 1000;
  const hint = `narrow the time range or add filters and LIMIT to the query, or allow more than ${seconds} s`;
  return new QRadarTimeoutError(
    `Failed to run Ariel search ${searchId}: it did not finish within ${seconds} s. Narrow the time range or add filters and LIMIT to the query, or allow more time.`,
    {
      code: 'QRADAR_TIMEOUT',
      method: 'GET',
      path: `/api/ariel/searches/${searchId}`,
      retryable: false,
      hint,
    },
  );
}

async function fetchRows(
  runner: SearchRunner,
  search: ArielSearch,
  options: RunSearchOptions,
): Promise<SearchResult> {
  const maxRows = options.maxRows ?? defaultMaxRows;
  const pageSize = options.pageSize ?? defaultResultPageSize;
  const requestOptions = {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  };
  const recordCount = search.record_count ?? undefined;
  const wanted = Math.min(maxRows, recordCount ?? maxRows);
  const rows: ArielRow[] = [];
  let database = 'events';
  do {
    const limit = Math.max(1, Math.min(pageSize, wanted - rows.length));
    const page = await getSearchResults(runner.transport, search.search_id, {
      ...requestOptions,
      range: { start: rows.length, limit },
    });
    database = page.database;
    rows.push(...page.rows);
    if (page.rows.length < limit) break;
  } while (rows.length < wanted);
  const total = recordCount ?? rows.length;
  return {
    searchId: search.search_id,
    database,
    rows,
    recordCount: total,
    truncated: total > rows.length,
    search,
  };
}

async function pollSearch(
  runner: SearchRunner,
  searchId: string,
  options: RunSearchOptions,
  startedAt: number,
  initial: ArielSearch | undefined,
): Promise<SearchResult> {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  const requestOptions = {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  };
  let delayMs = options.pollIntervalMs ?? defaultPollIntervalMs;
  let search =
    initial ?? (await getSearch(runner.transport, searchId, requestOptions));

  for (;;) {
    options.onProgress?.({
      searchId,
      status: search.status,
      progress: search.progress ?? 0,
      recordCount: search.record_count ?? undefined,
      elapsedMs: runner.clock() - startedAt,
    });
    if (search.status === 'COMPLETED') break;
    if (search.status === 'CANCELED' || search.status === 'ERROR')
      throw searchFailedError(search);
    const remainingMs = startedAt + deadlineMs - runner.clock();
    if (remainingMs <= 0) throw deadlineError(searchId, deadlineMs);
    await runner.sleep(Math.min(delayMs, remainingMs), options.signal);
    delayMs = Math.min(delayMs * 2, maxPollIntervalMs);
    search = await getSearch(runner.transport, searchId, requestOptions);
  }
  return fetchRows(runner, search, options);
}

/**
 * Polls an existing search with backoff capped at 1 s until it completes,
 * then fetches up to maxRows rows in pages. Throws QRadarTimeoutError past
 * the deadline, the signal's reason on abort, and a QRADAR_SEARCH_FAILED
 * error when the search ends CANCELED or ERROR; it never cancels the search.
 */
export function waitForSearch(
  runner: SearchRunner,
  searchId: string,
  options: RunSearchOptions = {},
): Promise<SearchResult> {
  return pollSearch(runner, searchId, options, runner.clock(), undefined);
}

async function cancelQuietly(
  runner: SearchRunner,
  searchId: string,
): Promise<void> {
  try {
    // The caller's signal may already be aborted, so the DELETE gets its own timeout.
    const search = await cancelSearch(runner.transport, searchId, {
      timeoutMs: cancelTimeoutMs,
    });
    runner.logger.info(
      { searchId, status: search?.status },
      'Canceled Ariel search',
    );
  } catch (error) {
    runner.logger.warn(
      {
        searchId,
        error: QRadarError.is(error) ? error.toJSON() : String(error),
      },
      'Failed to cancel Ariel search; it runs on until the console discards it',
    );
  }
}

/**
 * Runs an AQL query: creates the search (never retried), waits for it as
 * waitForSearch does and returns its rows. On abort, deadline or any other
 * failure after creation it sends DELETE for the search, then rethrows.
 */
export async function runSearch(
  runner: SearchRunner,
  query: string,
  options: RunSearchOptions = {},
): Promise<SearchResult> {
  const startedAt = runner.clock();
  const search = await createSearch(runner.transport, query, {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  try {
    return await pollSearch(
      runner,
      search.search_id,
      options,
      startedAt,
      search,
    );
  } catch (error) {
    const ended =
      QRadarError.is(error) && error.code === 'QRADAR_SEARCH_FAILED';
    if (!ended) await cancelQuietly(runner, search.search_id);
    throw error;
  }
}
