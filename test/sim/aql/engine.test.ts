import { afterAll, describe, expect, it } from 'vitest';

import { executeAql } from '../../../src/sim/aql/index.js';
import { createDataset, lookups, nowMs } from './dataset.js';

interface QueryCase {
  name: string;
  query: string;
  rows: Record<string, unknown>[];
  maxRows?: number;
}

const minuteMs = 60_000;
const aliceTime = nowMs - minuteMs;

const queryCases: QueryCase[] = [
  // Result keys and stored values
  {
    name: 'plain columns keep spelling',
    query:
      "SELECT sourceIP, destinationIp FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ sourceIP: '203.0.113.7', destinationIp: '10.0.5.20' }],
  },
  {
    name: 'single-quoted alias kept verbatim',
    query:
      "SELECT username AS 'User Name' FROM events WHERE qid = 5002 ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ 'User Name': 'Administrator' }, { 'User Name': 'erin' }],
  },
  {
    name: 'double-quoted alias kept verbatim',
    query:
      'SELECT username AS "Who" FROM events WHERE sourceip = \'10.0.8.15\' AND username IS NOT NULL LAST 1 DAYS',
    rows: [{ Who: 'carol' }],
  },
  {
    name: 'bare alias kept verbatim',
    query:
      "SELECT eventcount AS n FROM events WHERE username = 'bob' LAST 1 HOURS",
    rows: [{ n: 2 }],
  },
  {
    name: 'quoted column returns array',
    query:
      'SELECT "creEventList" FROM events WHERE username = \'bob\' LAST 1 HOURS',
    rows: [{ creEventList: [100, 101] }],
  },
  {
    name: 'custom property by name',
    query:
      'SELECT "Process CommandLine" FROM events WHERE "Process CommandLine" IS NOT NULL LAST 1 HOURS',
    rows: [{ 'Process CommandLine': 'powershell -enc SQBFAFgA' }],
  },
  {
    name: 'absent fields get QRadar defaults',
    query:
      "SELECT sourcemac, postnatsourceip, postnatsourceport, domainid FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [
      {
        sourcemac: '00:00:00:00:00:00',
        postnatsourceip: '0.0.0.0',
        postnatsourceport: 0,
        domainid: 0,
      },
    ],
  },
  {
    name: 'derived times and category',
    query:
      "SELECT highlevelcategory, devicetime, endtime FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [
      { highlevelcategory: 3000, devicetime: aliceTime, endtime: aliceTime },
    ],
  },
  {
    name: 'hasoffense returns booleans',
    query:
      "SELECT username, hasoffense FROM events WHERE sourceip = '10.0.8.15' ORDER BY starttime DESC LAST 1 DAYS",
    rows: [
      { username: 'carol', hasoffense: true },
      { username: null, hasoffense: false },
    ],
  },
  {
    name: 'mixed-case column in record',
    query:
      "SELECT eventdirection FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ eventdirection: 'R2L' }],
  },
  // Lookup functions
  {
    name: 'QIDNAME resolves event name',
    query:
      "SELECT QIDNAME(qid) FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ qidname_qid: 'VPN Login Failed' }],
  },
  {
    name: 'QIDDESCRIPTION equals event name',
    query:
      "SELECT QIDDESCRIPTION(qid) FROM events WHERE username = 'bob' LAST 1 HOURS",
    rows: [{ qiddescription_qid: 'VPN Login Failed' }],
  },
  {
    name: 'QIDNAME unknown id is null',
    query:
      'SELECT QIDNAME(qid) AS name FROM events WHERE qid = 7001 LAST 1 DAYS',
    rows: [{ name: null }],
  },
  {
    name: 'CATEGORYNAME of low-level category',
    query:
      "SELECT CATEGORYNAME(category) FROM events WHERE username = 'carol' LAST 1 HOURS",
    rows: [{ categoryname_category: 'Trojan Detected' }],
  },
  {
    name: 'CATEGORYNAME of high-level default',
    query:
      "SELECT CATEGORYNAME(highlevelcategory) FROM events WHERE username = 'carol' LAST 1 HOURS",
    rows: [{ categoryname_highlevelcategory: 'Malware' }],
  },
  {
    name: 'LOGSOURCENAME resolves log source',
    query:
      "SELECT LOGSOURCENAME(logsourceid) FROM events WHERE username = 'erin' LAST 1 HOURS",
    rows: [{ logsourcename_logsourceid: 'VPN Gateway 2' }],
  },
  {
    name: 'LOGSOURCETYPENAME resolves device type',
    query:
      "SELECT LOGSOURCETYPENAME(devicetype) FROM events WHERE username = 'carol' LAST 1 HOURS",
    rows: [{ logsourcetypename_devicetype: 'CrowdStrike Falcon' }],
  },
  {
    name: 'PROTOCOLNAME uses built-in names',
    query:
      "SELECT username, PROTOCOLNAME(protocolid) FROM events WHERE sourceip = '10.0.8.15' ORDER BY starttime DESC LAST 1 DAYS",
    rows: [
      { username: 'carol', protocolname_protocolid: 'UDP' },
      { username: null, protocolname_protocolid: 'TCP' },
    ],
  },
  {
    name: 'lookup function in WHERE',
    query:
      "SELECT username FROM events WHERE LOGSOURCETYPENAME(devicetype) = 'Cisco ASA' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [
      { username: 'alice' },
      { username: 'bob' },
      { username: 'Administrator' },
    ],
  },
  {
    name: 'RULENAME returns rule names',
    query:
      "SELECT RULENAME(creEventList) FROM events WHERE username = 'bob' LAST 1 HOURS",
    rows: [
      { rulename_creEventList: ['Brute force VPN', 'Login after failures'] },
    ],
  },
  {
    name: 'RULENAME key keeps lower case',
    query:
      "SELECT RULENAME(creeventlist) FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ rulename_creeventlist: ['Brute force VPN'] }],
  },
  {
    name: 'RULENAME skips unknown rules',
    query:
      'SELECT RULENAME("creEventList") AS rules FROM events WHERE username = \'Administrator\' LAST 1 HOURS',
    rows: [{ rules: ['Login after failures'] }],
  },
  {
    name: 'RULENAME of one rule id',
    query:
      "SELECT RULENAME(100) AS rule FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ rule: 'Brute force VPN' }],
  },
  // Value functions
  {
    name: 'DATEFORMAT with 24-hour pattern',
    query:
      "SELECT DATEFORMAT(starttime, 'yyyy-MM-dd HH:mm:ss') AS t FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ t: '2025-01-15 11:59:00' }],
  },
  {
    name: 'DATEFORMAT with 12-hour pattern',
    query:
      "SELECT DATEFORMAT(devicetime, 'dd-MM-yyyy hh:mm a') FROM events WHERE username = 'dave' LAST 4 DAYS",
    rows: [{ dateformat_devicetime: '12-01-2025 12:00 PM' }],
  },
  {
    name: 'UTF8 returns payload text',
    query:
      "SELECT UTF8(payload) FROM events WHERE username = 'erin' LAST 1 HOURS",
    rows: [{ utf8_payload: 'Accepted login for erin' }],
  },
  {
    name: 'STR converts number to text',
    query: "SELECT STR(qid) FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ str_qid: '5001' }],
  },
  {
    name: 'LONG converts IPv4 address',
    query:
      "SELECT LONG(sourceip) AS n FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ n: 3_405_803_783 }],
  },
  {
    name: 'LONG truncates numeric text',
    query:
      "SELECT LONG('42.9') AS n FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ n: 42 }],
  },
  {
    name: 'NOW returns injected clock',
    query:
      "SELECT NOW() AS n FROM events WHERE username = 'alice' LAST 1 HOURS",
    rows: [{ n: nowMs }],
  },
  {
    name: 'PARSEDATETIME in WHERE',
    query:
      "SELECT username FROM events WHERE starttime > PARSEDATETIME('5 minutes ago') ORDER BY starttime LAST 1 DAYS",
    rows: [
      { username: 'Administrator' },
      { username: 'bob' },
      { username: 'alice' },
    ],
  },
  // Network, offense and reference set predicates
  {
    name: 'INCIDR filters IPv4 block',
    query:
      "SELECT username FROM events WHERE INCIDR('203.0.113.0/24', sourceip) ORDER BY starttime DESC LAST 1 HOURS",
    rows: [
      { username: 'alice' },
      { username: 'bob' },
      { username: 'Administrator' },
    ],
  },
  {
    name: 'INCIDR filters IPv6 block',
    query:
      "SELECT username FROM events WHERE INCIDR('2001:db8::/32', sourceip) LAST 1 HOURS",
    rows: [{ username: 'erin' }],
  },
  {
    name: 'NOT INCIDR excludes block',
    query:
      "SELECT username FROM events WHERE NOT INCIDR('203.0.113.0/24', sourceip) ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'erin' }, { username: 'carol' }],
  },
  {
    name: 'INCIDR selected as boolean',
    query:
      "SELECT username, INCIDR('10.0.0.0/8', sourceip) AS internal FROM events WHERE qid IN (5002, 6001) ORDER BY starttime DESC LAST 1 HOURS",
    rows: [
      { username: 'Administrator', internal: false },
      { username: 'erin', internal: false },
      { username: 'carol', internal: true },
    ],
  },
  {
    name: 'INOFFENSE uses default offense',
    query:
      'SELECT username FROM events WHERE INOFFENSE(7) ORDER BY starttime DESC LAST 1 DAYS',
    rows: [
      { username: 'alice' },
      { username: 'bob' },
      { username: 'Administrator' },
      { username: 'erin' },
    ],
  },
  {
    name: 'INOFFENSE uses listed offenses',
    query:
      'SELECT username FROM events WHERE INOFFENSE(8) ORDER BY starttime DESC LAST 1 DAYS',
    rows: [{ username: 'erin' }, { username: 'carol' }],
  },
  {
    name: 'INOFFENSE unknown offense is empty',
    query: 'SELECT username FROM events WHERE INOFFENSE(99) LAST 1 DAYS',
    rows: [],
  },
  {
    name: 'INOFFENSE over flows',
    query: 'SELECT sourceip FROM flows WHERE INOFFENSE(8) LAST 1 HOURS',
    rows: [{ sourceip: '10.0.8.15' }],
  },
  {
    name: 'REFERENCESETCONTAINS filters rows',
    query:
      "SELECT username FROM events WHERE REFERENCESETCONTAINS('Protected Assets', destinationip) ORDER BY starttime DESC LAST 1 DAYS",
    rows: [
      { username: 'alice' },
      { username: 'Administrator' },
      { username: null },
    ],
  },
  {
    name: 'REFERENCESETCONTAINS selected as boolean',
    query:
      "SELECT username, REFERENCESETCONTAINS('Authorized Scanners', sourceip) AS scanner FROM events WHERE qid = 6001 LAST 1 HOURS",
    rows: [{ username: 'carol', scanner: true }],
  },
  {
    name: 'REFERENCESETCONTAINS unknown set',
    query:
      "SELECT username FROM events WHERE REFERENCESETCONTAINS('No Such Set', sourceip) LAST 1 DAYS",
    rows: [],
  },
  // Operators
  {
    name: 'not equal with <>',
    query:
      "SELECT username FROM events WHERE username <> 'alice' AND qid = 5001 LAST 1 HOURS",
    rows: [{ username: 'bob' }],
  },
  {
    name: 'not equal with !=',
    query:
      "SELECT username FROM events WHERE sourceip != '203.0.113.7' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'erin' }, { username: 'carol' }],
  },
  {
    name: 'numeric comparison and ordering',
    query:
      'SELECT username, eventcount FROM events WHERE eventcount >= 3 ORDER BY eventcount DESC LAST 1 DAYS',
    rows: [
      { username: null, eventcount: 10 },
      { username: 'alice', eventcount: 3 },
    ],
  },
  {
    name: 'less than and less or equal',
    query:
      'SELECT username FROM events WHERE eventcount < 3 AND eventcount <= 2 AND eventcount > 1 LAST 1 HOURS',
    rows: [{ username: 'bob' }],
  },
  {
    name: 'numeric text compares with integer',
    query: "SELECT username FROM events WHERE logsourceid = '66' LAST 1 HOURS",
    rows: [{ username: 'erin' }],
  },
  {
    name: 'IN list of strings',
    query:
      "SELECT username FROM events WHERE username IN ('alice', 'carol') ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'alice' }, { username: 'carol' }],
  },
  {
    name: 'NOT IN list of numbers',
    query:
      'SELECT qid FROM events WHERE qid NOT IN (5001, 5002) ORDER BY starttime DESC LAST 1 DAYS',
    rows: [{ qid: 6001 }, { qid: 7001 }],
  },
  {
    name: 'BETWEEN is inclusive',
    query:
      'SELECT username FROM events WHERE eventcount BETWEEN 2 AND 3 ORDER BY starttime DESC LAST 1 HOURS',
    rows: [{ username: 'alice' }, { username: 'bob' }],
  },
  {
    name: 'NOT BETWEEN excludes range',
    query:
      'SELECT qid FROM events WHERE eventcount NOT BETWEEN 1 AND 3 LAST 1 DAYS',
    rows: [{ qid: 7001 }],
  },
  {
    name: 'IS NULL finds missing username',
    query: 'SELECT qid FROM events WHERE username IS NULL LAST 1 DAYS',
    rows: [{ qid: 7001 }],
  },
  {
    name: 'LIKE is case-sensitive',
    query: "SELECT username FROM events WHERE username LIKE 'A%' LAST 1 DAYS",
    rows: [{ username: 'Administrator' }],
  },
  {
    name: 'LIKE underscore matches one character',
    query: "SELECT username FROM events WHERE username LIKE '_ob' LAST 1 DAYS",
    rows: [{ username: 'bob' }],
  },
  {
    name: 'LIKE treats glob characters literally',
    query: "SELECT username FROM events WHERE username LIKE '*' LAST 1 DAYS",
    rows: [],
  },
  {
    name: 'ILIKE ignores case',
    query:
      "SELECT username FROM events WHERE username ILIKE 'a%' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'alice' }, { username: 'Administrator' }],
  },
  {
    name: 'NOT ILIKE excludes matches',
    query:
      "SELECT username FROM events WHERE username NOT ILIKE '%a%' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'bob' }, { username: 'erin' }],
  },
  {
    name: 'MATCHES applies regular expression',
    query:
      "SELECT username FROM events WHERE username MATCHES '^[a-c]' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'alice' }, { username: 'bob' }, { username: 'carol' }],
  },
  {
    name: 'IMATCHES ignores case',
    query:
      "SELECT username FROM events WHERE username IMATCHES '^admin' LAST 1 HOURS",
    rows: [{ username: 'Administrator' }],
  },
  {
    name: 'TEXT SEARCH finds all terms',
    query:
      "SELECT username FROM events WHERE TEXT SEARCH 'failed LOGIN' ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'alice' }, { username: 'bob' }],
  },
  {
    name: 'UTF8 payload with ILIKE',
    query:
      "SELECT username FROM events WHERE UTF8(payload) ILIKE '%-ENC%' LAST 1 HOURS",
    rows: [{ username: 'carol' }],
  },
  {
    name: 'AND binds tighter than OR',
    query:
      "SELECT username FROM events WHERE username = 'alice' OR username = 'bob' AND eventcount > 2 LAST 1 HOURS",
    rows: [{ username: 'alice' }],
  },
  {
    name: 'parentheses group conditions',
    query:
      "SELECT username FROM events WHERE (username = 'alice' OR username = 'bob') AND eventcount >= 2 ORDER BY starttime DESC LAST 1 HOURS",
    rows: [{ username: 'alice' }, { username: 'bob' }],
  },
  {
    name: 'arithmetic with alias',
    query:
      "SELECT eventcount * 10 + 1 AS x FROM events WHERE username = 'bob' LAST 1 HOURS",
    rows: [{ x: 21 }],
  },
  {
    name: 'arithmetic key is source text',
    query:
      "SELECT eventcount * 10 FROM events WHERE username = 'bob' LAST 1 HOURS",
    rows: [{ 'eventcount * 10': 20 }],
  },
  {
    name: 'hasoffense compares with text',
    query:
      "SELECT COUNT(*) AS c FROM events WHERE hasoffense = 'true' LAST 1 DAYS",
    rows: [{ c: 5 }],
  },
  {
    name: 'quoted string cannot inject SQL',
    query:
      "SELECT username FROM events WHERE username = 'x'' OR ''1''=''1' LAST 1 DAYS",
    rows: [],
  },
  // Aggregates
  {
    name: 'COUNT(*) key is COUNT',
    query: 'SELECT COUNT(*) FROM events LAST 1 HOURS',
    rows: [{ COUNT: 5 }],
  },
  {
    name: 'COUNT of column skips nulls',
    query: 'SELECT COUNT(username) FROM events LAST 1 DAYS',
    rows: [{ count_username: 5 }],
  },
  {
    name: 'SUM of eventcount',
    query: 'SELECT SUM(eventcount) FROM events LAST 1 DAYS',
    rows: [{ sum_eventcount: 18 }],
  },
  {
    name: 'MIN MAX and AVG',
    query:
      'SELECT MIN(eventcount) AS lo, MAX(eventcount) AS hi, AVG(eventcount) AS mean FROM events LAST 1 HOURS',
    rows: [{ lo: 1, hi: 3, mean: 1.6 }],
  },
  {
    name: 'UNIQUECOUNT counts distinct values',
    query: 'SELECT UNIQUECOUNT(sourceip) FROM events LAST 1 HOURS',
    rows: [{ uniquecount_sourceip: 3 }],
  },
  {
    name: 'GROUP BY with ORDER BY alias',
    query:
      'SELECT sourceip, COUNT(*) AS c, SUM(eventcount) AS total FROM events GROUP BY sourceip ORDER BY c DESC LIMIT 2 LAST 1 DAYS',
    rows: [
      { sourceip: '203.0.113.7', c: 3, total: 6 },
      { sourceip: '10.0.8.15', c: 2, total: 11 },
    ],
  },
  {
    name: 'HAVING on COUNT(*)',
    query:
      'SELECT sourceip, COUNT(*) FROM events GROUP BY sourceip HAVING COUNT(*) > 1 ORDER BY sourceip LAST 1 DAYS',
    rows: [
      { sourceip: '10.0.8.15', COUNT: 2 },
      { sourceip: '203.0.113.7', COUNT: 3 },
    ],
  },
  {
    name: 'HAVING on alias',
    query:
      'SELECT sourceip, SUM(eventcount) AS total FROM events GROUP BY sourceip HAVING total > 10 LAST 1 DAYS',
    rows: [{ sourceip: '10.0.8.15', total: 11 }],
  },
  {
    name: 'GROUP BY two columns',
    query:
      'SELECT username, sourceip, COUNT(*) AS c FROM events WHERE qid = 5001 GROUP BY username, sourceip ORDER BY username LAST 1 HOURS',
    rows: [
      { username: 'alice', sourceip: '203.0.113.7', c: 1 },
      { username: 'bob', sourceip: '203.0.113.7', c: 1 },
    ],
  },
  {
    name: 'GROUP BY function call',
    query:
      'SELECT QIDNAME(qid) AS name, SUM(eventcount) AS n FROM events GROUP BY QIDNAME(qid) ORDER BY n DESC LAST 1 HOURS',
    rows: [
      { name: 'VPN Login Failed', n: 5 },
      { name: 'VPN Login Succeeded', n: 2 },
      { name: 'Malware Detected', n: 1 },
    ],
  },
  {
    name: 'GROUP BY alias with tie order',
    query:
      'SELECT LOGSOURCENAME(logsourceid) AS src, COUNT(*) AS c FROM events GROUP BY src ORDER BY c DESC, src ASC LAST 1 HOURS',
    rows: [
      { src: 'VPN Gateway', c: 3 },
      { src: 'EDR', c: 1 },
      { src: 'VPN Gateway 2', c: 1 },
    ],
  },
  {
    name: 'UNIQUECOUNT per group',
    query:
      "SELECT sourceip, UNIQUECOUNT(username) AS users FROM events WHERE INCIDR('203.0.113.0/24', sourceip) GROUP BY sourceip LAST 1 HOURS",
    rows: [{ sourceip: '203.0.113.7', users: 3 }],
  },
  // ORDER BY and LIMIT
  {
    name: 'ORDER BY defaults to ascending',
    query:
      'SELECT username FROM events WHERE username IS NOT NULL ORDER BY username LIMIT 2 LAST 4 DAYS',
    rows: [{ username: 'Administrator' }, { username: 'alice' }],
  },
  {
    name: 'maxRows caps result',
    query: 'SELECT username FROM events ORDER BY starttime DESC LAST 1 HOURS',
    maxRows: 2,
    rows: [{ username: 'alice' }, { username: 'bob' }],
  },
  {
    name: 'LIMIT below maxRows wins',
    query:
      'SELECT username FROM events ORDER BY starttime DESC LIMIT 1 LAST 1 HOURS',
    maxRows: 2,
    rows: [{ username: 'alice' }],
  },
  // Time clauses
  {
    name: 'LAST 5 MINUTES window',
    query: 'SELECT COUNT(*) AS c FROM events LAST 5 MINUTES',
    rows: [{ c: 3 }],
  },
  {
    name: 'LAST singular HOUR window',
    query: 'SELECT COUNT(*) AS c FROM events LAST 1 HOUR',
    rows: [{ c: 5 }],
  },
  {
    name: 'LAST 2 DAYS window',
    query: 'SELECT COUNT(*) AS c FROM events LAST 2 DAYS',
    rows: [{ c: 6 }],
  },
  {
    name: 'LAST 4 DAYS window',
    query: 'SELECT COUNT(*) AS c FROM events LAST 4 DAYS',
    rows: [{ c: 7 }],
  },
  {
    name: 'START STOP date strings',
    query:
      "SELECT username FROM events ORDER BY starttime START '2025-01-15 11:55' STOP '2025-01-15 11:59:30'",
    rows: [
      { username: 'Administrator' },
      { username: 'bob' },
      { username: 'alice' },
    ],
  },
  {
    name: 'START epoch ms until now',
    query: `SELECT COUNT(*) AS c FROM events START ${nowMs - 11 * minuteMs}`,
    rows: [{ c: 4 }],
  },
  {
    name: 'START PARSEDATETIME relative',
    query: "SELECT COUNT(*) AS c FROM events START PARSEDATETIME('1 hour ago')",
    rows: [{ c: 5 }],
  },
  {
    name: 'START STOP slash formats',
    query:
      "SELECT username FROM events START '2025/01/12 11:00:00' STOP '2025/01/12-13:00:00'",
    rows: [{ username: 'dave' }],
  },
  {
    name: 'no time clause means 5 minutes',
    query: 'SELECT COUNT(*) AS c FROM events',
    rows: [{ c: 3 }],
  },
  {
    name: 'lower-case keywords',
    query:
      'select username from events where qid = 5001 order by starttime desc last 5 minutes',
    rows: [{ username: 'alice' }, { username: 'bob' }],
  },
  {
    name: 'PARAMETERS after time clause',
    query:
      "SELECT username FROM events WHERE username = 'bob' LAST 5 MINUTES PARAMETERS PROGRESSDETAILSRESOLUTION=60",
    rows: [{ username: 'bob' }],
  },
  // Flows
  {
    name: 'flow columns and arithmetic',
    query:
      'SELECT sourceip, sourcebytes + destinationbytes AS total, PROTOCOLNAME(protocolid) AS proto FROM flows ORDER BY starttime DESC LAST 1 HOURS',
    rows: [
      { sourceip: '10.0.8.15', total: 5_001_000, proto: 'TCP' },
      { sourceip: '10.0.8.16', total: 700, proto: 'UDP' },
    ],
  },
  {
    name: 'flows grouped by destination',
    query:
      'SELECT destinationip, SUM(destinationbytes) AS bytes, COUNT(*) AS n FROM flows GROUP BY destinationip LAST 1 HOURS',
    rows: [{ destinationip: '198.51.100.9', bytes: 5_000_200, n: 2 }],
  },
];

describe('executeAql', () => {
  const db = createDataset();
  afterAll(() => {
    db.close();
  });

  it.each(queryCases)('$name', ({ query, rows, maxRows }) => {
    const result = executeAql(db, query, {
      nowMs,
      lookups,
      ...(maxRows === undefined ? {} : { maxRows }),
    });
    expect(result.rows).toEqual(rows);
  });

  it('lists columns in SELECT order', () => {
    const result = executeAql(
      db,
      "SELECT QIDNAME(qid), sourceip AS 'Source', COUNT(*) FROM events GROUP BY qid, sourceip LAST 1 HOURS",
      { nowMs, lookups },
    );
    expect(result.columns).toEqual(['qidname_qid', 'Source', 'COUNT']);
    expect(result.database).toBe('events');
  });

  it('expands star to every column', () => {
    const result = executeAql(
      db,
      "SELECT * FROM events WHERE username = 'alice' LAST 1 HOURS",
      { nowMs, lookups },
    );
    expect(result.columns).toContain('payload');
    expect(result.columns).not.toContain('extra');
    expect(result.columns).not.toContain('sourcebytes');
    expect(result.rows).toEqual([
      expect.objectContaining({
        starttime: aliceTime,
        sourceip: '203.0.113.7',
        sourceport: 51000,
        username: 'alice',
        qid: 5001,
        creeventlist: [100],
        hasoffense: true,
        magnitude: 7,
        payload: 'Failed login for alice from 203.0.113.7',
      }),
    ]);
  });

  it('expands star over flows', () => {
    const result = executeAql(
      db,
      'SELECT * FROM flows WHERE destinationport = 53 LAST 1 HOURS',
      { nowMs, lookups },
    );
    expect(result.database).toBe('flows');
    expect(result.rows).toEqual([
      expect.objectContaining({ sourcebytes: 500, flowdirection: 'L2R' }),
    ]);
  });
});
