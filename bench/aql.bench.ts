import Database from 'better-sqlite3';
import { bench, describe } from 'vitest';

import {
  createAqlTables,
  executeAql,
  insertEventRecords,
  type AqlLookups,
  type EventRecord,
} from '../src/sim/aql/index.js';

const rowCount = 1_000_000;
const nowMs = Date.UTC(2025, 0, 15, 12, 0, 0);
const dayMs = 86_400_000;
const lookups: AqlLookups = {
  ruleName: () => undefined,
  referenceSetContains: () => false,
};

/** Deterministic 32-bit linear congruential generator, so every run loads the same rows. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function generateRecords(random: () => number, size: number): EventRecord[] {
  const records: EventRecord[] = [];
  for (let index = 0; index < size; index += 1) {
    const host = Math.floor(random() * 1000);
    const qid = 5000 + Math.floor(random() * 50);
    records.push({
      starttime: nowMs - Math.floor(random() * dayMs),
      sourceip: `10.${(host >> 8) & 255}.${host & 255}.${1 + Math.floor(random() * 200)}`,
      destinationip: `203.0.113.${Math.floor(random() * 254) + 1}`,
      destinationport: random() < 0.5 ? 443 : 22,
      username: `user${Math.floor(random() * 500)}`,
      qid,
      qidname: `Event ${qid}`,
      category: 3000 + Math.floor(random() * 20),
      logsourceid: 60 + Math.floor(random() * 10),
      eventcount: 1 + Math.floor(random() * 3),
      payload: `login attempt ${index}`,
      offense_ids: [],
    });
  }
  return records;
}

const db = new Database(':memory:');
createAqlTables(db);
const random = createRandom(42);
const records = generateRecords(random, rowCount);
const loadStart = performance.now();
insertEventRecords(db, 'events', records);
const loadMs = performance.now() - loadStart;
records.length = 0;
// Benchmarks print only their timing table, so the load time goes to stderr.
process.stderr.write(
  `Loaded ${rowCount} events in ${Math.round(loadMs)} ms (generation excluded)\n`,
);

const probe = executeAql(
  db,
  'SELECT sourceip FROM events LIMIT 1 LAST 24 HOURS',
  { nowMs, lookups },
);
const probeIp = String(probe.rows[0]?.['sourceip']);

describe('AQL engine over 1,000,000 events', () => {
  bench('filtered by sourceip and qid', () => {
    executeAql(
      db,
      `SELECT starttime, username, QIDNAME(qid) FROM events WHERE sourceip = '${probeIp}' AND qid = 5001 LAST 24 HOURS`,
      { nowMs, lookups },
    );
  });

  bench('grouped by sourceip, top 10', () => {
    executeAql(
      db,
      'SELECT sourceip, COUNT(*) AS c FROM events GROUP BY sourceip ORDER BY c DESC LIMIT 10 LAST 24 HOURS',
      { nowMs, lookups },
    );
  });
});
