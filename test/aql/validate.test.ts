import { describe, expect, it } from 'vitest';

import {
  AqlSyntaxError,
  validateAql,
  type AqlLimits,
} from '../../src/aql/index.js';

const nowMs = Date.UTC(2025, 0, 15, 12, 0, 0);
const limits: AqlLimits = {
  maxWindowMs: 7 * 86_400_000,
  maxRows: 1000,
  defaultLimit: 100,
  nowMs,
};

function rejection(query: string): AqlSyntaxError {
  try {
    validateAql(query, limits);
  } catch (error) {
    if (AqlSyntaxError.isSyntaxError(error)) return error;
    throw error;
  }
  throw new Error(`validateAql accepted ${query}`);
}

describe('validateAql', () => {
  it('adds default LIMIT before time clause', () => {
    const result = validateAql(
      "SELECT sourceip FROM events WHERE username = 'x' LAST 2 HOURS",
      limits,
    );
    expect(result.normalizedQuery).toBe(
      "SELECT sourceip FROM events WHERE username = 'x' LIMIT 100 LAST 2 HOURS",
    );
    expect(result.limit).toBe(100);
    expect(result.windowMs).toBe(7_200_000);
  });

  it('keeps an explicit LIMIT', () => {
    const result = validateAql(
      'SELECT * FROM flows LIMIT 50 LAST 10 MINUTES',
      limits,
    );
    expect(result.normalizedQuery).toBe(
      'SELECT * FROM flows LIMIT 50 LAST 10 MINUTES',
    );
    expect(result.limit).toBe(50);
    expect(result.statement.database).toBe('flows');
  });

  it('drops one trailing semicolon', () => {
    const result = validateAql('SELECT * FROM events LAST 1 HOURS ;  ', limits);
    expect(result.normalizedQuery).toBe(
      'SELECT * FROM events LIMIT 100 LAST 1 HOURS',
    );
  });

  it('measures START STOP window', () => {
    const result = validateAql(
      "SELECT * FROM events START '2025-01-15 08:00' STOP '2025-01-15 11:00'",
      limits,
    );
    expect(result.windowMs).toBe(3 * 3_600_000);
  });

  it('measures open START against clock', () => {
    const result = validateAql(
      "SELECT * FROM events START PARSEDATETIME('3 days ago')",
      limits,
    );
    expect(result.windowMs).toBe(3 * 86_400_000);
  });

  it('accepts window equal to maximum', () => {
    expect(
      validateAql('SELECT * FROM events LAST 7 DAYS', limits).windowMs,
    ).toBe(limits.maxWindowMs);
  });
});

interface RejectedCase {
  threat: string;
  query: string;
  position: number;
  token: string;
  reason: string;
}

const rejectedQueries: RejectedCase[] = [
  {
    threat: 'AQL with second statement',
    query:
      'SELECT * FROM events LAST 1 HOURS; SELECT * FROM flows LAST 1 HOURS',
    position: 33,
    token: ';',
    reason: 'only one statement is allowed',
  },
  {
    threat: 'second statement without space',
    query: 'SELECT * FROM events LAST 1 HOURS;DROP',
    position: 33,
    token: ';',
    reason: 'only one statement is allowed',
  },
  {
    threat: 'query without time window',
    query: "SELECT * FROM events WHERE username = 'x'",
    position: 41,
    token: '',
    reason:
      'expected a time clause (LAST n MINUTES|HOURS|DAYS or START ... STOP ...). Add one at the end of the query.',
  },
  {
    threat: 'window too large',
    query: 'SELECT * FROM events LAST 30 DAYS',
    position: 21,
    token: 'LAST',
    reason: 'time window of 30 days exceeds the maximum of 7 days',
  },
  {
    threat: 'START window too large',
    query: "SELECT * FROM events START '2024-12-01 00:00'",
    position: 21,
    token: 'START',
    reason: 'exceeds the maximum of 7 days',
  },
  {
    threat: 'LIMIT too large',
    query: 'SELECT * FROM events LIMIT 5000 LAST 1 HOURS',
    position: 27,
    token: '5000',
    reason: 'LIMIT 5000 exceeds the maximum of 1000 rows',
  },
  {
    threat: 'DELETE statement',
    query: 'DELETE FROM events LAST 1 HOURS',
    position: 0,
    token: 'DELETE',
    reason: 'only SELECT statements are allowed',
  },
  {
    threat: 'INSERT statement',
    query: "INSERT INTO events VALUES ('x')",
    position: 0,
    token: 'INSERT',
    reason: 'only SELECT statements are allowed',
  },
  {
    threat: 'DROP hidden after SELECT',
    query: 'SELECT * FROM events WHERE DROP = 1 LAST 1 HOURS',
    position: 27,
    token: 'DROP',
    reason: 'only SELECT statements are allowed',
  },
  {
    threat: 'UPDATE statement',
    query: "UPDATE events SET username = 'x'",
    position: 0,
    token: 'UPDATE',
    reason: 'only SELECT statements are allowed',
  },
  {
    threat: 'INTO saves a named cursor',
    query: "SELECT * FROM events INTO 'mine' LAST 1 HOURS",
    position: 21,
    token: 'INTO',
    reason: 'INTO is not allowed',
  },
  {
    threat: 'SAVE keeps results',
    query: 'SELECT * FROM events LAST 1 HOURS SAVE',
    position: 34,
    token: 'SAVE',
    reason: 'SAVE is not allowed',
  },
  {
    threat: 'table other than events or flows',
    query: 'SELECT * FROM assets LAST 1 HOURS',
    position: 14,
    token: 'assets',
    reason: 'expected events or flows after FROM',
  },
];

describe('validateAql rejections', () => {
  it.each(rejectedQueries)('rejects $threat', (entry) => {
    const error = rejection(entry.query);
    expect(error.position).toBe(entry.position);
    expect(error.token).toBe(entry.token);
    expect(error.message).toContain(entry.reason);
  });

  it('keeps strings out of keyword checks', () => {
    const result = validateAql(
      "SELECT * FROM events WHERE payload ILIKE '%DROP TABLE; INTO%' LAST 1 HOURS",
      limits,
    );
    expect(result.limit).toBe(100);
  });

  it('names position in window message', () => {
    expect(rejection('SELECT * FROM events LAST 30 DAYS').message).toBe(
      'Invalid AQL at position 21 near "LAST": time window of 30 days exceeds the maximum of 7 days. Narrow the time clause, for example LAST 24 HOURS.',
    );
  });
});
