import { aqlColumns } from '../aql/index.js';
import {
  availableRows,
  describeSearch,
  searchProgress,
} from '../ariel/search-view.js';
import { ApiError, invalidParameter, notFound } from '../http/api-error.js';
import { listResult, objectResult } from '../http/respond.js';
import {
  readHeader,
  type RequestContext,
  type Route,
  type RouteResult,
} from '../http/route.js';
import { pageItems, parseRange } from '../params/range.js';
import type { StoredSearch } from '../store/ariel-store.js';

const arielDatabases = ['events', 'flows'] as const;
/** Longest `Prefer: wait=N` honoured, in seconds. */
const maxPreferWaitS = 300;
const aqlErrorBrand = Symbol.for('qradar-mcp.AqlError');

function isAqlError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    (error as unknown as Record<symbol, unknown>)[aqlErrorBrand] === true
  );
}

function requireSearch(context: RequestContext): StoredSearch {
  const id = context.params['search_id'] ?? '';
  const search = context.services.ariel.get(id);
  if (search === undefined) {
    throw notFound(
      `Ariel search ${JSON.stringify(id)} not found: it was deleted or never created. Create a search with POST /api/ariel/searches.`,
    );
  }
  return search;
}

function createSearch(context: RequestContext): RouteResult {
  const services = context.services;
  const savedSearchId = context.query.get('saved_search_id');
  const query = context.query.get('query_expression');
  if ((query === null || query.trim() === '') && savedSearchId !== null) {
    throw notFound(
      `Saved search ${JSON.stringify(savedSearchId)} not found: the simulator has no saved searches. Pass query_expression instead.`,
    );
  }
  if (query === null || query.trim() === '') {
    throw invalidParameter(
      'Missing query_expression: pass the AQL SELECT in the query_expression query parameter.',
    );
  }
  const nowMs = services.now();
  const started = performance.now();
  let result;
  try {
    result = services.events.execute(query, nowMs, {
      ruleName: (id) => {
        const name = services.offenses.get('analytics_rules', id)?.['name'];
        return typeof name === 'string' ? name : undefined;
      },
      referenceSetContains: (setName, value) =>
        services.references.contains(setName, value, nowMs),
    });
  } catch (error) {
    if (!isAqlError(error)) throw error;
    throw new ApiError(422, 2000, error.message, {
      details: {
        error_messages: [
          {
            code: '2000',
            contexts: [],
            message: error.message,
            severity: 'ERROR',
          },
        ],
      },
    });
  }
  const search: StoredSearch = {
    search_id: services.createSearchId(),
    query_string: query,
    database_name: result.database,
    created_ms: nowMs,
    delay_ms: services.arielDelayMs,
    canceled_ms: null,
    save_results: false,
    execution_ms: Math.max(1, Math.round(performance.now() - started)),
    columns: result.columns,
    rows: result.rows,
  };
  services.ariel.insert(search);
  services.logger.info(
    { searchId: search.search_id, rows: result.rows.length },
    'ariel search created',
  );
  return objectResult(context, describeSearch(search, nowMs), 201);
}

function readPreferWaitS(context: RequestContext): number | undefined {
  const match = /\bwait\s*=\s*(\d+)/i.exec(readHeader(context, 'prefer') ?? '');
  return match === null
    ? undefined
    : Math.min(Number(match[1]), maxPreferWaitS);
}

/**
 * Returns a search's status. With `Prefer: wait=N` it first waits until the
 * search completes or N seconds pass (on the simulator clock, and at most N
 * real seconds). It responds 206 when the wait runs out first.
 */
async function getSearch(context: RequestContext): Promise<RouteResult> {
  const services = context.services;
  let search = requireSearch(context);
  const waitS = readPreferWaitS(context);
  if (waitS === undefined) {
    return objectResult(context, describeSearch(search, services.now()));
  }
  const deadlineMs = services.now() + waitS * 1000;
  const realDeadlineMs = Date.now() + waitS * 1000;
  for (;;) {
    const progress = searchProgress(search, services.now());
    if (progress.status === 'COMPLETED' || progress.status === 'CANCELED') {
      return objectResult(context, describeSearch(search, services.now()));
    }
    const remainingMs = Math.min(
      deadlineMs - services.now(),
      realDeadlineMs - Date.now(),
    );
    if (remainingMs <= 0) {
      return objectResult(context, describeSearch(search, services.now()), 206);
    }
    const untilDoneMs = search.created_ms + search.delay_ms - services.now();
    await services.sleep(Math.max(1, Math.min(remainingMs, untilDoneMs, 100)));
    search = requireSearch(context);
  }
}

function getResults(context: RequestContext): RouteResult {
  const search = requireSearch(context);
  const progress = searchProgress(search, context.services.now());
  const rows = availableRows(search, progress);
  if (rows === undefined) {
    throw new ApiError(
      404,
      1003,
      `Results of Ariel search ${search.search_id} are not available yet: status is ${progress.status}. Poll GET /api/ariel/searches/${search.search_id} until COMPLETED.`,
    );
  }
  const page = pageItems(rows, parseRange(readHeader(context, 'range')));
  return {
    status: 200,
    body: { [search.database_name]: page.items },
    headers: { 'content-range': page.contentRange },
  };
}

function updateSearch(context: RequestContext): RouteResult {
  const search = requireSearch(context);
  const services = context.services;
  const status = context.query.get('status');
  const saveResults = context.query.get('save_results');
  if (status !== null) {
    if (status.toUpperCase() !== 'CANCELED') {
      throw invalidParameter(
        `Invalid status ${JSON.stringify(status)}: only CANCELED can be set.`,
      );
    }
    services.ariel.cancel(search.search_id, services.now());
  }
  if (saveResults !== null) {
    services.ariel.setSaveResults(
      search.search_id,
      saveResults.toLowerCase() === 'true',
    );
  }
  return objectResult(
    context,
    describeSearch(requireSearch(context), services.now()),
  );
}

function deleteSearch(context: RequestContext): RouteResult {
  const search = requireSearch(context);
  const services = context.services;
  services.ariel.delete(search.search_id);
  services.logger.info({ searchId: search.search_id }, 'ariel search deleted');
  return objectResult(
    context,
    describeSearch(search, services.now(), 'CANCELED'),
    202,
  );
}

function requireDatabase(
  context: RequestContext,
): (typeof arielDatabases)[number] {
  const name = context.params['database_name'] ?? '';
  const database = arielDatabases.find((entry) => entry === name.toLowerCase());
  if (database === undefined) {
    throw notFound(
      `Ariel database ${JSON.stringify(name)} not found: the simulator serves events and flows.`,
    );
  }
  return database;
}

/** Routes of the Ariel API: databases, and searches from creation to results. */
export const arielRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/ariel/databases',
    handle: (context) => {
      const page = pageItems(
        [...arielDatabases],
        parseRange(readHeader(context, 'range')),
      );
      return {
        status: 200,
        body: page.items,
        headers: { 'content-range': page.contentRange },
      };
    },
  },
  {
    method: 'GET',
    template: '/api/ariel/databases/{database_name}',
    handle: (context) => {
      const database = requireDatabase(context);
      const columns = aqlColumns(database).map((column) => ({
        name: column.name,
        argument_type: column.type === 'integer' ? 'NUMERIC' : 'STRING',
        indexable: false,
        nullable: true,
        object_value_type:
          column.type === 'integer' ? 'java.lang.Long' : 'java.lang.String',
        provider_name: 'simulator',
      }));
      const listed = listResult(context, columns, { sortable: false });
      return { status: 200, body: { columns: listed.body } };
    },
  },
  { method: 'POST', template: '/api/ariel/searches', handle: createSearch },
  {
    method: 'GET',
    template: '/api/ariel/searches',
    handle: (context) => {
      const page = pageItems(
        context.services.ariel.ids(),
        parseRange(readHeader(context, 'range')),
      );
      return {
        status: 200,
        body: page.items,
        headers: { 'content-range': page.contentRange },
      };
    },
  },
  {
    method: 'GET',
    template: '/api/ariel/searches/{search_id}',
    handle: getSearch,
  },
  {
    method: 'POST',
    template: '/api/ariel/searches/{search_id}',
    handle: updateSearch,
  },
  {
    method: 'DELETE',
    template: '/api/ariel/searches/{search_id}',
    handle: deleteSearch,
  },
  {
    method: 'GET',
    template: '/api/ariel/searches/{search_id}/results',
    handle: getResults,
  },
];
