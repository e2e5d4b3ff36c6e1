import type { AqlStatement } from './ast.js';
import { AqlSyntaxError } from './errors.js';
import { tokenizeAql, type AqlToken } from './lexer.js';
import { parseAql, timeClauseHint } from './parser.js';
import { resolveAqlTimeWindow } from './time.js';

/** Limits that run_aql applies to a model-written query. */
export interface AqlLimits {
  /** Maximum time window, in milliseconds. */
  maxWindowMs: number;
  /** Largest LIMIT allowed. */
  maxRows: number;
  /** LIMIT added when the query has none. */
  defaultLimit: number;
  /** Clock for relative START/STOP times, epoch ms; defaults to Date.now(). */
  nowMs?: number;
}

/** A query that passed validateAql, ready to send to QRadar. */
export interface ValidatedAql {
  statement: AqlStatement;
  /** Length of the searched time window in milliseconds. */
  windowMs: number;
  /** Row limit in force: the query's LIMIT or the default. */
  limit: number;
  /** The query without a trailing ";" and with `LIMIT defaultLimit` before the time clause when it had no LIMIT. */
  normalizedQuery: string;
}

const writeWords = new Set([
  'INSERT',
  'DELETE',
  'UPDATE',
  'DROP',
  'CREATE',
  'ALTER',
  'TRUNCATE',
  'MERGE',
  'REPLACE',
  'GRANT',
]);

function reject(token: AqlToken, reason: string, nextStep: string): never {
  throw new AqlSyntaxError(
    { position: token.position, token: token.text },
    reason,
    nextStep,
  );
}

/** Rejects what must never reach QRadar before the grammar is even checked: writes, INTO/SAVE and a second statement. */
function checkStatementShape(tokens: AqlToken[]): void {
  for (const [index, token] of tokens.entries()) {
    const upper = token.kind === 'word' ? token.value.toUpperCase() : '';
    if (writeWords.has(upper)) {
      reject(
        token,
        'only SELECT statements are allowed',
        'run_aql reads events and flows; it cannot change data.',
      );
    }
    if (upper === 'INTO' || upper === 'SAVE') {
      reject(
        token,
        `${upper} is not allowed`,
        `Remove ${upper}; run_aql returns the rows directly.`,
      );
    }
    const next = tokens[index + 1];
    if (
      token.kind === 'symbol' &&
      token.value === ';' &&
      next !== undefined &&
      next.kind !== 'end'
    ) {
      reject(
        token,
        'only one statement is allowed',
        'Remove ";" and the text after it.',
      );
    }
  }
}

function describeDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const count = ms / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/**
 * Checks a model-written query for run_aql: one SELECT statement on events or
 * flows with a time clause, a window within maxWindowMs and LIMIT within
 * maxRows. Throws AqlSyntaxError naming the position and token of the problem.
 */
export function validateAql(query: string, limits: AqlLimits): ValidatedAql {
  const tokens = tokenizeAql(query);
  checkStatementShape(tokens);
  const statement = parseAql(query);

  const body = query.trimEnd().replace(/;$/, '').trimEnd();
  const time = statement.time;
  if (time === undefined) {
    throw new AqlSyntaxError(
      { position: body.length, token: '' },
      `expected a time clause (${timeClauseHint})`,
      'Add one at the end of the query.',
    );
  }

  const nowMs = limits.nowMs ?? Date.now();
  const window = resolveAqlTimeWindow(time, nowMs);
  const windowMs = window.stopMs - window.startMs;
  if (windowMs > limits.maxWindowMs) {
    const timeToken = tokens.find((token) => token.position === time.position);
    throw new AqlSyntaxError(
      { position: time.position, token: timeToken?.text ?? '' },
      `time window of ${describeDuration(windowMs)} exceeds the maximum of ${describeDuration(limits.maxWindowMs)}`,
      'Narrow the time clause, for example LAST 24 HOURS.',
    );
  }

  const limit = statement.limit;
  if (limit !== undefined && limit.value > limits.maxRows) {
    throw new AqlSyntaxError(
      { position: limit.position, token: String(limit.value) },
      `LIMIT ${limit.value} exceeds the maximum of ${limits.maxRows} rows`,
      'Lower LIMIT, or aggregate with GROUP BY and COUNT(*).',
    );
  }

  const normalizedQuery =
    limit === undefined
      ? `${body.slice(0, time.position).trimEnd()} LIMIT ${limits.defaultLimit} ${body.slice(time.position)}`
      : body;
  return {
    statement,
    windowMs,
    limit: limit?.value ?? limits.defaultLimit,
    normalizedQuery,
  };
}
