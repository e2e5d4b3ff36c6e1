import Database from 'better-sqlite3';

import {
  createAqlTables,
  insertEventRecords,
  type AqlLookups,
  type EventRecord,
} from '../../../src/sim/aql/index.js';

/** Fixed clock of the engine tests: 2025-01-15 12:00:00 UTC. */
export const nowMs = Date.UTC(2025, 0, 15, 12, 0, 0);
const minuteMs = 60_000;

/** Offense that events without `offense_ids` belong to. */
export const defaultOffenseId = 7;

export const events: EventRecord[] = [
  {
    starttime: nowMs - minuteMs,
    sourceip: '203.0.113.7',
    sourceport: 51000,
    destinationip: '10.0.5.20',
    destinationport: 443,
    username: 'alice',
    qid: 5001,
    qidname: 'VPN Login Failed',
    category: 3008,
    categoryname: 'Login Failure',
    logsourceid: 65,
    logsourcename: 'VPN Gateway',
    devicetype: 12,
    logsourcetypename: 'Cisco ASA',
    protocolid: 6,
    eventcount: 3,
    magnitude: 7,
    severity: 6,
    credibility: 5,
    relevance: 8,
    eventDirection: 'R2L',
    creEventList: [100],
    payload: 'Failed login for alice from 203.0.113.7',
  },
  {
    starttime: nowMs - 2 * minuteMs,
    sourceip: '203.0.113.7',
    destinationip: '10.0.5.21',
    username: 'bob',
    qid: 5001,
    category: 3008,
    logsourceid: 65,
    devicetype: 12,
    protocolid: 6,
    eventcount: 2,
    creEventList: [100, 101],
    payload: 'Failed login for bob from 203.0.113.7',
  },
  {
    starttime: nowMs - 3 * minuteMs,
    sourceip: '203.0.113.7',
    destinationip: '10.0.5.20',
    username: 'Administrator',
    qid: 5002,
    qidname: 'VPN Login Succeeded',
    category: 3003,
    categoryname: 'Login Success',
    logsourceid: 65,
    devicetype: 12,
    protocolid: 6,
    eventcount: 1,
    creEventList: [101, 999],
    payload: 'Accepted login for Administrator',
  },
  {
    starttime: nowMs - 10 * minuteMs,
    sourceip: '2001:db8::5',
    destinationip: '10.0.5.22',
    username: 'erin',
    qid: 5002,
    category: 3003,
    logsourceid: 66,
    logsourcename: 'VPN Gateway 2',
    protocolid: 6,
    eventcount: 1,
    payload: 'Accepted login for erin',
    offense_ids: [7, 8],
  },
  {
    starttime: nowMs - 30 * minuteMs,
    sourceip: '10.0.8.15',
    destinationip: '198.51.100.9',
    username: 'carol',
    qid: 6001,
    qidname: 'Malware Detected',
    category: 6003,
    categoryname: 'Trojan Detected',
    logsourceid: 70,
    logsourcename: 'EDR',
    devicetype: 20,
    logsourcetypename: 'CrowdStrike Falcon',
    protocolid: 17,
    eventcount: 1,
    'Process CommandLine': 'powershell -enc SQBFAFgA',
    payload: 'powershell -enc SQBFAFgA',
    offense_ids: [8],
  },
  {
    starttime: nowMs - 120 * minuteMs,
    sourceip: '10.0.8.15',
    destinationip: '10.0.5.20',
    username: null,
    qid: 7001,
    category: 1001,
    logsourceid: 70,
    protocolid: 6,
    eventcount: 10,
    offense_ids: [],
  },
  {
    starttime: nowMs - 3 * 86_400_000,
    sourceip: '192.168.1.10',
    destinationip: '10.0.5.20',
    username: 'dave',
    qid: 5001,
    category: 3008,
    logsourceid: 65,
    eventcount: 1,
    payload: 'old event',
    offense_ids: [],
  },
];

export const flows: EventRecord[] = [
  {
    starttime: nowMs - 5 * minuteMs,
    sourceip: '10.0.8.15',
    destinationip: '198.51.100.9',
    destinationport: 443,
    protocolid: 6,
    sourcebytes: 1000,
    destinationbytes: 5_000_000,
    flowdirection: 'L2R',
    applicationid: 1011,
    offense_ids: [8],
  },
  {
    starttime: nowMs - 20 * minuteMs,
    sourceip: '10.0.8.16',
    destinationip: '198.51.100.9',
    destinationport: 53,
    protocolid: 17,
    sourcebytes: 500,
    destinationbytes: 200,
    flowdirection: 'L2R',
    offense_ids: [],
  },
];

const ruleNames = new Map([
  [100, 'Brute force VPN'],
  [101, 'Login after failures'],
]);
const referenceSets = new Map([
  ['Protected Assets', new Set(['10.0.5.20'])],
  ['Authorized Scanners', new Set(['10.0.8.15'])],
]);

export const lookups: AqlLookups = {
  ruleName: (id) => ruleNames.get(id),
  referenceSetContains: (setName, value) =>
    referenceSets.get(setName)?.has(value) ?? false,
};

/** Creates an in-memory database holding the fixed events and flows. */
export function createDataset(): Database.Database {
  const db = new Database(':memory:');
  createAqlTables(db);
  insertEventRecords(db, 'events', events, defaultOffenseId);
  insertEventRecords(db, 'flows', flows, defaultOffenseId);
  return db;
}
