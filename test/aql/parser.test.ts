import { describe, expect, it } from 'vitest';

import {
  AqlError,
  AqlSyntaxError,
  parseAql,
  selectItemResultKey,
  type AqlExpression,
} from '../../src/aql/index.js';

function whereOf(query: string): AqlExpression {
  const where = parseAql(query).where;
  if (where === undefined) throw new Error(`no WHERE in ${query}`);
  return where;
}

describe('parseAql', () => {
  it('parses every clause in order', () => {
    const statement = parseAql(
      "SELECT sourceip, COUNT(*) AS c FROM events WHERE INOFFENSE(12) AND username ILIKE '%adm%' GROUP BY sourceip HAVING COUNT(*) > 3 ORDER BY c DESC, sourceip LIMIT 10 LAST 24 HOURS",
    );
    expect(statement.database).toBe('events');
    expect(statement.select).toHaveLength(2);
    expect(statement.where?.kind).toBe('binary');
    expect(statement.groupBy.map((expression) => expression.text)).toEqual([
      'sourceip',
    ]);
    expect(statement.having?.text).toBe('COUNT(*) > 3');
    expect(
      statement.orderBy.map((item) => [item.expression.text, item.direction]),
    ).toEqual([
      ['c', 'DESC'],
      ['sourceip', 'ASC'],
    ]);
    expect(statement.limit?.value).toBe(10);
    expect(statement.time).toMatchObject({
      kind: 'last',
      amount: 24,
      unit: 'HOURS',
      windowMs: 86_400_000,
    });
  });

  it('accepts lower-case keywords and flows', () => {
    const statement = parseAql(
      'select sourceip from flows where protocolid = 6 last 15 minutes',
    );
    expect(statement.database).toBe('flows');
    expect(statement.time).toMatchObject({ unit: 'MINUTES', amount: 15 });
  });

  it.each([
    ['LAST 1 MINUTE', 60_000],
    ['LAST 2 HOUR', 7_200_000],
    ['LAST 7 DAY', 604_800_000],
    ['last 3 days', 259_200_000],
  ])('reads singular unit in %s', (clause, windowMs) => {
    expect(parseAql(`SELECT * FROM events ${clause}`).time).toMatchObject({
      windowMs,
    });
  });

  it('reads START and STOP strings', () => {
    const time = parseAql(
      "SELECT * FROM events START '2025-01-15 10:00' STOP '2025-01-15 11:30:15'",
    ).time;
    expect(time).toMatchObject({
      kind: 'range',
      start: { kind: 'absolute', ms: Date.UTC(2025, 0, 15, 10, 0) },
      stop: { kind: 'absolute', ms: Date.UTC(2025, 0, 15, 11, 30, 15) },
    });
  });

  it.each([
    ["'2025/01/15 10:00:00'", Date.UTC(2025, 0, 15, 10)],
    ["'2025/01/15-10:00:00'", Date.UTC(2025, 0, 15, 10)],
    ["'2025:01:15-10:00:00'", Date.UTC(2025, 0, 15, 10)],
    ["'2025-01-15 10:00:00Z'", Date.UTC(2025, 0, 15, 10)],
    ['1736935200000', 1_736_935_200_000],
  ])('reads START form %s', (value, ms) => {
    expect(parseAql(`SELECT * FROM events START ${value}`).time).toMatchObject({
      start: { kind: 'absolute', ms },
    });
  });

  it('reads PARSEDATETIME as relative time', () => {
    const time = parseAql(
      "SELECT * FROM events START PARSEDATETIME('2 hours ago') STOP PARSEDATETIME('now')",
    ).time;
    expect(time).toMatchObject({
      start: { kind: 'relative', offsetMs: -7_200_000 },
      stop: { kind: 'relative', offsetMs: 0 },
    });
  });

  it('keeps PARAMETERS after the time clause', () => {
    const statement = parseAql(
      'SELECT * FROM events LAST 5 MINUTES PARAMETERS PROGRESSDETAILSRESOLUTION=60',
    );
    expect(statement.parameters).toEqual([
      { name: 'PROGRESSDETAILSRESOLUTION', value: '60' },
    ]);
  });

  it('accepts one trailing semicolon', () => {
    expect(parseAql('SELECT * FROM events LAST 5 MINUTES;').database).toBe(
      'events',
    );
  });

  it('binds AND tighter than OR', () => {
    const where = whereOf(
      'SELECT * FROM events WHERE a = 1 OR b = 2 AND c = 3',
    );
    expect(where).toMatchObject({
      operator: 'OR',
      right: { operator: 'AND' },
    });
  });

  it('binds multiplication tighter than addition', () => {
    const where = whereOf('SELECT * FROM events WHERE a + b * 2 > 3');
    expect(where).toMatchObject({
      operator: '>',
      left: { operator: '+', right: { operator: '*' } },
    });
  });

  it.each([
    ["username NOT IN ('a', 'b')", { kind: 'in', negated: true }],
    ['qid IN (1, 2, 3)', { kind: 'in', negated: false }],
    ['eventcount BETWEEN 1 AND 5', { kind: 'between', negated: false }],
    ['eventcount NOT BETWEEN 1 AND 5', { kind: 'between', negated: true }],
    ['username IS NULL', { kind: 'isNull', negated: false }],
    ['username IS NOT NULL', { kind: 'isNull', negated: true }],
    ["username LIKE 'a%'", { kind: 'pattern', operator: 'LIKE' }],
    ["username NOT ILIKE 'a%'", { kind: 'pattern', negated: true }],
    ["username MATCHES '^a'", { kind: 'pattern', operator: 'MATCHES' }],
    ["username IMATCHES '^a'", { kind: 'pattern', operator: 'IMATCHES' }],
    ["TEXT SEARCH 'mimikatz'", { kind: 'textSearch', value: 'mimikatz' }],
    ["NOT INCIDR('10.0.0.0/8', sourceip)", { kind: 'unary', operator: 'NOT' }],
    ['a <> 1', { kind: 'binary', operator: '!=' }],
    ['a != 1', { kind: 'binary', operator: '!=' }],
    ['a <= -1', { kind: 'binary', right: { kind: 'number', value: -1 } }],
    ['hasoffense = true', { right: { kind: 'boolean', value: true } }],
    ["username = 'O''Brien'", { right: { kind: 'string', value: "O'Brien" } }],
  ])('parses predicate %s', (predicate, shape) => {
    expect(whereOf(`SELECT * FROM events WHERE ${predicate}`)).toMatchObject(
      shape,
    );
  });

  it('parses any function name', () => {
    const where = whereOf(
      "SELECT * FROM events WHERE SOMEFUTUREFUNCTION(sourceip, 'x') = 1",
    );
    expect(where).toMatchObject({
      left: { kind: 'function', name: 'SOMEFUTUREFUNCTION' },
    });
  });

  it.each([
    ['sourceIP', 'sourceIP'],
    ["sourceip AS 'MY Source IPs'", 'MY Source IPs'],
    ['sourceip AS "Source"', 'Source'],
    ['sourceip AS src', 'src'],
    ['"creEventList"', 'creEventList'],
    ['QIDNAME(qid)', 'qidname_qid'],
    ['LogSourceName(logsourceid)', 'logsourcename_logsourceid'],
    ['CATEGORYNAME(highlevelcategory)', 'categoryname_highlevelcategory'],
    ['UTF8(payload)', 'utf8_payload'],
    ['RULENAME("creEventList")', 'rulename_creEventList'],
    ['RULENAME(creeventlist)', 'rulename_creeventlist'],
    ["DATEFORMAT(starttime, 'yyyy-MM-dd')", 'dateformat_starttime'],
    ['COUNT(*)', 'COUNT'],
    ['COUNT(sourceip)', 'count_sourceip'],
    [
      'UNIQUECOUNT(APPLICATIONNAME(applicationid))',
      'uniquecount_applicationname_applicationid',
    ],
    ['eventcount * 2', 'eventcount * 2'],
  ])('names result key of %s', (item, key) => {
    const [first] = parseAql(`SELECT ${item} FROM events`).select;
    expect(first).toBeDefined();
    expect(selectItemResultKey(first!)).toBe(key);
  });

  it('records node positions and text', () => {
    const where = whereOf("SELECT * FROM events WHERE QIDNAME(qid) = 'x'");
    expect(where).toMatchObject({
      position: 27,
      text: "QIDNAME(qid) = 'x'",
      left: { position: 27, end: 39, text: 'QIDNAME(qid)' },
    });
  });
});

interface InvalidCase {
  query: string;
  position: number;
  token: string;
  reason: string;
}

const invalidQueries: InvalidCase[] = [
  { query: '', position: 0, token: '', reason: 'expected SELECT at the start' },
  {
    query: 'DELETE FROM events',
    position: 0,
    token: 'DELETE',
    reason: 'expected SELECT at the start',
  },
  {
    query: 'SELECT FROM events LAST 1 HOURS',
    position: 7,
    token: 'FROM',
    reason: 'expected a column, a function call or * after SELECT',
  },
  {
    query: 'SELECT * events LAST 1 HOURS',
    position: 9,
    token: 'events',
    reason: 'expected "," or FROM after the SELECT list',
  },
  {
    query: 'SELECT sourceip, FROM events',
    position: 17,
    token: 'FROM',
    reason: 'expected a column or a function call after ","',
  },
  {
    query: 'SELECT * FROM offenses LAST 1 HOURS',
    position: 14,
    token: 'offenses',
    reason: 'expected events or flows after FROM',
  },
  {
    query: 'SELECT * FROM events WHERE LAST 1 HOURS',
    position: 27,
    token: 'LAST',
    reason: 'expected a condition after WHERE',
  },
  {
    query: "SELECT * FROM events WHERE username = 'x LAST 1 HOURS",
    position: 38,
    token: "'x LAST 1 HOURS",
    reason: 'unterminated string',
  },
  {
    query: 'SELECT * FROM events WHERE "Account Domain = 1',
    position: 27,
    token: '"Account Domain = 1',
    reason: 'unterminated quoted column name',
  },
  {
    query: "SELECT * FROM events WHERE sourceip IN ('a', 'b' LAST 1 HOURS",
    position: 49,
    token: 'LAST',
    reason: 'expected "," or ")" in the IN list',
  },
  {
    query: 'SELECT * FROM events LIMIT abc LAST 1 HOURS',
    position: 27,
    token: 'abc',
    reason: 'expected a whole number after LIMIT',
  },
  {
    query: 'SELECT * FROM events LAST 5 WEEKS',
    position: 28,
    token: 'WEEKS',
    reason: 'expected MINUTES, HOURS or DAYS after LAST 5',
  },
  {
    query: 'SELECT * FROM events LAST HOURS',
    position: 26,
    token: 'HOURS',
    reason: 'expected a whole number greater than 0 after LAST',
  },
  {
    query: 'SELECT * FROM events LAST 0 HOURS',
    position: 26,
    token: '0',
    reason: 'expected a whole number greater than 0 after LAST',
  },
  {
    query: 'SELECT sourceip FROM events LAST 1 HOURS GROUP BY sourceip',
    position: 41,
    token: 'GROUP',
    reason: 'GROUP BY must come before the time clause',
  },
  {
    query: 'SELECT * FROM events LIMIT 5 GROUP BY sourceip LAST 1 HOURS',
    position: 29,
    token: 'GROUP',
    reason: 'GROUP BY must come before LIMIT',
  },
  {
    query: 'SELECT * FROM events WHERE a = 1 WHERE b = 2',
    position: 33,
    token: 'WHERE',
    reason: 'only one WHERE clause is allowed',
  },
  {
    query: 'SELECT * FROM events GROUP sourceip',
    position: 27,
    token: 'sourceip',
    reason: 'expected BY after GROUP',
  },
  {
    query: 'SELECT * FROM events ORDER BY',
    position: 29,
    token: '',
    reason: 'expected a column after ORDER BY',
  },
  {
    query: "SELECT * FROM events START 'yesterday'",
    position: 27,
    token: "'yesterday'",
    reason: 'invalid time after START',
  },
  {
    query: "SELECT * FROM events START '2025-02-30 10:00'",
    position: 27,
    token: "'2025-02-30 10:00'",
    reason: 'invalid time after START',
  },
  {
    query:
      "SELECT * FROM events START '2025-01-02 10:00' STOP '2025-01-01 10:00'",
    position: 51,
    token: "'2025-01-01 10:00'",
    reason: 'START must precede STOP',
  },
  {
    query: "SELECT * FROM events STOP '2025-01-01 10:00'",
    position: 21,
    token: 'STOP',
    reason: 'STOP needs a START before it',
  },
  {
    query: "SELECT * FROM events START PARSEDATETIME('soon')",
    position: 41,
    token: "'soon'",
    reason: 'invalid time after START',
  },
  {
    query: 'SELECT * FROM events WHERE eventcount BETWEEN 1 LAST 1 HOURS',
    position: 48,
    token: 'LAST',
    reason: 'expected AND in BETWEEN',
  },
  {
    query: "SELECT * FROM events WHERE username IS 'x'",
    position: 39,
    token: "'x'",
    reason: 'expected NULL after IS',
  },
  {
    query: 'SELECT QIDNAME(qid FROM events',
    position: 19,
    token: 'FROM',
    reason: 'expected "," or ")" in the call to QIDNAME',
  },
  {
    query: 'SELECT sourceip AS FROM events',
    position: 19,
    token: 'FROM',
    reason: 'expected an alias after AS',
  },
  {
    query: 'SELECT * FROM events WHERE qid = = 1',
    position: 33,
    token: '=',
    reason: 'expected a value after "="',
  },
  {
    query: "SELECT * FROM events WHERE TEXT 'x'",
    position: 32,
    token: "'x'",
    reason: 'expected AND, OR, GROUP BY',
  },
  {
    query: 'SELECT * FROM events WHERE username # 1',
    position: 36,
    token: '#',
    reason: 'unexpected character "#"',
  },
  {
    query: 'SELECT * FROM events LIMIT 10x',
    position: 27,
    token: '10x',
    reason: 'invalid number',
  },
  {
    query: 'SELECT * FROM events LAST 1 HOURS; DROP TABLE events',
    position: 35,
    token: 'DROP',
    reason: 'only one statement is allowed',
  },
  {
    query: 'SELECT * FROM events INTO results LAST 1 HOURS',
    position: 21,
    token: 'INTO',
    reason: 'INTO is not supported',
  },
  {
    query: 'SELECT * FROM events LAST 1 HOURS LAST 2 HOURS',
    position: 34,
    token: 'LAST',
    reason: 'only one time clause is allowed',
  },
  {
    query: 'SELECT * FROM events WHERE (a = 1 LAST 1 HOURS',
    position: 34,
    token: 'LAST',
    reason: 'expected ")" to close "("',
  },
];

describe('parseAql errors', () => {
  it.each(invalidQueries)(
    'rejects $query',
    ({ query, position, token, reason }) => {
      let caught: unknown;
      try {
        parseAql(query);
      } catch (error) {
        caught = error;
      }
      expect(AqlSyntaxError.isSyntaxError(caught)).toBe(true);
      const error = caught as AqlSyntaxError;
      expect(error.position).toBe(position);
      expect(error.token).toBe(token);
      expect(error.message).toContain(reason);
    },
  );

  it('formats message with position and token', () => {
    expect(() =>
      parseAql('SELECT sourceip FROM events LAST 1 HOURS GROUP BY sourceip'),
    ).toThrow(
      'Invalid AQL at position 41 near "GROUP": GROUP BY must come before the time clause. AQL clause order is WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, then the time clause.',
    );
  });

  it('marks the end of the query', () => {
    expect(() => parseAql('SELECT * FROM events ORDER BY')).toThrow(
      'Invalid AQL at position 29 (end of query): expected a column after ORDER BY.',
    );
  });

  it('brands syntax errors as AqlError', () => {
    let caught: unknown;
    try {
      parseAql('SELECT');
    } catch (error) {
      caught = error;
    }
    expect(AqlError.is(caught)).toBe(true);
    expect((caught as AqlError).qradarCode).toBe(2000);
  });
});
