import { afterAll, describe, expect, it } from 'vitest';

import { AqlError } from '../../../src/aql/index.js';
import { executeAql } from '../../../src/sim/aql/index.js';
import { createDataset, lookups, nowMs } from './dataset.js';

interface ErrorCase {
  name: string;
  query: string;
  message: string;
  position?: number;
  token?: string;
}

const errorCases: ErrorCase[] = [
  {
    name: 'unknown function named',
    query: 'SELECT HOSTNAME(logsourceid) FROM events LAST 1 HOURS',
    message: 'function HOSTNAME is not supported by this QRadar simulator',
    position: 7,
    token: 'HOSTNAME',
  },
  {
    name: 'unknown function in WHERE',
    query:
      "SELECT * FROM events WHERE NETWORKNAME(sourceip) = 'x' LAST 1 HOURS",
    message: 'function NETWORKNAME is not supported',
    position: 27,
    token: 'NETWORKNAME',
  },
  {
    name: 'unknown column rejected',
    query: 'SELECT srcip FROM events LAST 1 HOURS',
    message: 'unknown column "srcip" in events',
    position: 7,
    token: 'srcip',
  },
  {
    name: 'flow column on events',
    query: 'SELECT sourcebytes FROM events LAST 1 HOURS',
    message: 'unknown column "sourcebytes" in events',
    position: 7,
    token: 'sourcebytes',
  },
  {
    name: 'wrong argument count',
    query: 'SELECT QIDNAME(qid, 1) FROM events LAST 1 HOURS',
    message: 'QIDNAME takes 1 argument but got 2',
    position: 7,
    token: 'QIDNAME',
  },
  {
    name: 'star outside COUNT',
    query: 'SELECT SUM(*) FROM events LAST 1 HOURS',
    message: 'SUM(*) is not valid',
    position: 7,
    token: 'SUM',
  },
  {
    name: 'PARSEDATETIME needs valid text',
    query:
      "SELECT * FROM events WHERE starttime > PARSEDATETIME('soon') LAST 1 HOURS",
    message: 'invalid time in PARSEDATETIME',
    position: 53,
    token: "'soon'",
  },
  {
    name: 'invalid regular expression',
    query: "SELECT * FROM events WHERE username MATCHES '(' LAST 1 HOURS",
    message: 'regular expression "(" is invalid',
  },
  {
    name: 'invalid CIDR block',
    query:
      "SELECT * FROM events WHERE INCIDR('10.0.0.0/40', sourceip) LAST 1 HOURS",
    message: 'INCIDR network "10.0.0.0/40" is not a CIDR block',
  },
  {
    name: 'aggregate in WHERE',
    query: 'SELECT * FROM events WHERE COUNT(*) > 1 LAST 1 HOURS',
    message: 'failed to run the query',
  },
  {
    name: 'syntax error from parser',
    query: 'SELECT * FROM events LAST 1 HOURS GROUP BY qid',
    message: 'GROUP BY must come before the time clause',
    position: 34,
    token: 'GROUP',
  },
];

describe('executeAql errors', () => {
  const db = createDataset();
  afterAll(() => {
    db.close();
  });

  it.each(errorCases)('$name', ({ query, message, position, token }) => {
    let caught: unknown;
    try {
      executeAql(db, query, { nowMs, lookups });
    } catch (error) {
      caught = error;
    }
    expect(AqlError.is(caught)).toBe(true);
    const error = caught as AqlError;
    expect(error.message).toContain(message);
    expect(error.qradarCode).toBe(2000);
    if (position !== undefined) expect(error.position).toBe(position);
    if (token !== undefined) expect(error.token).toBe(token);
  });
});
