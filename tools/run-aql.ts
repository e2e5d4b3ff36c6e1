import { z } from 'zod';

import { AqlError, validateAql } from '../src/aql/index.js';
import type { ArielSearch } from '../src/qradar/index.js';
import type { ToolContext } from './context.js';
import {
  countOf,
  oneLine,
  orNone,
  quoteUntrusted,
  TextRenderer,
} from './shared/render.js';
import { untrustedText } from './shared/untrusted.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const cellMaxLength = 300;
const maxPollIntervalMs = 1000;
const cancelTimeoutMs = 5000;

const inputSchema = z.strictObject({
  query: z.string().min(1).max(4000).optional(),
  search_id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional()
    .describe('Resume a search that returned status running'),
  timeout_s: z.number().int().min(1).max(45).optional(),
  max_rows: z.number().int().min(1).max(1000).default(100),
});

const outputSchema = z.object({
  status: z.enum(['completed', 'running']),
  search_id: z.string(),
  progress: z.number(),
  query: z.string().nullable(),
  database: z.string().nullable(),
  columns: z.array(z.string()),
  returned: z.number().int(),
  record_count: z.number().int().nullable(),
  truncated: z.boolean(),
  note: z.string(),
  untrusted: z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
});

type Output = z.input<typeof outputSchema>;

/** Formats one result cell: strings quoted (they are untrusted), other values as JSON. */
function formatCell(value: unknown): string {
  if (typeof value === 'string') return quoteUntrusted(value, cellMaxLength);
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value === null || value === undefined) return 'null';
  return quoteUntrusted(JSON.stringify(value), cellMaxLength);
}

function renderSearch(output: z.output<typeof outputSchema>): string {
  const text = new TextRenderer();
  if (output.status === 'running') {
    return text
      .line(
        `AQL search ${output.search_id} is still running (${output.progress}% done).`,
        `Query: ${orNone(output.query)}`,
        output.note,
      )
      .toString();
  }
  const total =
    output.record_count === null ? '' : ` of ${output.record_count}`;
  text.line(
    `AQL search ${output.search_id} completed on ${orNone(output.database)}: ${countOf(output.returned, 'row')} returned${total}${output.truncated ? ' (truncated)' : ''}.`,
    `Query: ${orNone(output.query)}`,
    output.note,
  );
  if (output.returned === 0) return text.toString();
  text.line(
    `Columns: ${output.columns.map((column) => oneLine(column, 64)).join(' | ')}`,
  );
  output.untrusted.rows.forEach((row, index) => {
    const cells = output.columns.map((column) => formatCell(row[column]));
    text.untrustedLine(`row ${index + 1}: ${cells.join(' | ')}`);
  });
  return text.toString();
}

function sanitizeCell(value: unknown): unknown {
  if (typeof value === 'string') return untrustedText(value, cellMaxLength);
  if (Array.isArray(value)) return value.slice(0, 20).map(sanitizeCell);
  return value;
}

function failedSearchError(search: ArielSearch): ToolError {
  const details = (search.error_messages ?? [])
    .map((entry) => entry.message)
    .filter((message): message is string => typeof message === 'string')
    .map((message) => untrustedText(message, 200))
    .join('; ');
  return new ToolError(
    'SEARCH_FAILED',
    `Failed to run Ariel search ${search.search_id}: it ended with status ${search.status}${details === '' ? '' : ` (${details})`}.`,
    'Correct the query as the message says and call run_aql again.',
  );
}

async function cancelQuietly(
  context: ToolContext,
  searchId: string,
): Promise<void> {
  try {
    // The request's own signal is already aborted, so DELETE gets a timeout of its own.
    await context.client.cancelSearch(searchId, { timeoutMs: cancelTimeoutMs });
    context.logger.info({ searchId }, 'cancelled Ariel search of run_aql');
  } catch (error) {
    context.logger.warn(
      {
        searchId,
        error: error instanceof Error ? error.message : String(error),
      },
      'failed to cancel Ariel search of run_aql',
    );
  }
}

async function waitForCompletion(
  context: ToolContext,
  initial: ArielSearch,
  deadlineMs: number,
): Promise<ArielSearch> {
  let search = initial;
  let delayMs = context.settings.aqlPollIntervalMs;
  for (;;) {
    await context.reportProgress({
      progress: search.progress ?? 0,
      total: 100,
      message: `Ariel search ${search.search_id}: ${search.status}`,
    });
    if (search.status === 'COMPLETED') return search;
    if (search.status === 'CANCELED' || search.status === 'ERROR')
      throw failedSearchError(search);
    const remainingMs = deadlineMs - context.now();
    if (remainingMs <= 0) return search;
    await context.sleep(Math.min(delayMs, remainingMs), context.signal);
    delayMs = Math.min(delayMs * 2, maxPollIntervalMs);
    search = await context.client.getSearch(search.search_id, {
      signal: context.signal,
    });
  }
}

async function runOrResume(
  input: z.output<typeof inputSchema>,
  context: ToolContext,
): Promise<Output> {
  const startedMs = context.now();
  const waitMs = Math.min(
    (input.timeout_s ?? Number.POSITIVE_INFINITY) * 1000,
    context.settings.aqlReturnAfterMs,
  );
  let query: string | null = null;
  let search: ArielSearch;
  if (input.search_id !== undefined) {
    search = await context.client.getSearch(input.search_id, {
      signal: context.signal,
    });
  } else {
    let validated;
    try {
      validated = validateAql(input.query ?? '', {
        maxWindowMs: context.settings.aqlMaxWindowMs,
        maxRows: context.settings.aqlMaxRows,
        defaultLimit: Math.min(
          input.max_rows,
          context.settings.aqlDefaultLimit,
        ),
        nowMs: startedMs,
      });
    } catch (error) {
      if (!AqlError.is(error)) throw error;
      throw new ToolError(
        'INVALID_AQL',
        error.message,
        'Fix the query and call run_aql again; nothing was sent to QRadar.',
      );
    }
    query = validated.normalizedQuery;
    search = await context.client.createSearch(query, {
      signal: context.signal,
    });
  }

  try {
    search = await waitForCompletion(context, search, startedMs + waitMs);
  } catch (error) {
    if (context.signal.aborted) await cancelQuietly(context, search.search_id);
    throw error;
  }
  const base = {
    search_id: search.search_id,
    progress: search.progress ?? 0,
    query: query ?? search.query_string ?? null,
  };
  if (search.status !== 'COMPLETED') {
    return {
      ...base,
      status: 'running',
      database: null,
      columns: [],
      returned: 0,
      record_count: search.record_count ?? null,
      truncated: false,
      note: `The search is still running after ${Math.round(waitMs / 1000)} s. Call run_aql with search_id ${search.search_id} to wait for it again.`,
      untrusted: { rows: [] },
    };
  }

  const page = await context.client.getSearchResults(search.search_id, {
    range: { start: 0, limit: input.max_rows },
    signal: context.signal,
  });
  const recordCount = search.record_count ?? page.total ?? page.rows.length;
  const rows = page.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, sanitizeCell(value)]),
    ),
  );
  const truncated = recordCount > rows.length;
  return {
    ...base,
    status: 'completed',
    database: page.database,
    columns: Object.keys(page.rows[0] ?? {}),
    returned: rows.length,
    record_count: recordCount,
    truncated,
    note: truncated
      ? `Returned ${rows.length} of ${recordCount} rows (max_rows ${input.max_rows}). Aggregate with GROUP BY or narrow the query to see the rest.`
      : `Returned all ${rows.length} rows.`,
    untrusted: { rows },
  };
}

/** run_aql: validated read-only AQL with progress, cancellation and resumption. */
export const runAqlTool = defineTool({
  name: 'run_aql',
  title: 'Run AQL',
  description:
    'Run one read-only AQL SELECT with a time clause (window up to 31 days, LIMIT up to 1000, added when absent). Reports progress; after about 45 s returns status running and a search_id to resume with. Rows are under `untrusted`.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'read',
  async handler(input, context) {
    if ((input.query === undefined) === (input.search_id === undefined)) {
      throw new ToolError(
        'INVALID_INPUT',
        'Invalid arguments: pass exactly one of query and search_id.',
        'Call run_aql with a query, or with the search_id of a running search.',
      );
    }
    return runOrResume(input, context);
  },
  render: renderSearch,
});
