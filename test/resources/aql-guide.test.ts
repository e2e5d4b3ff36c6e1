import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { aqlGuideText } from '../../resources/index.js';
import { validateAql } from '../../src/aql/index.js';
import {
  createAqlTables,
  executeAql,
  insertEventRecords,
  supportedFunctions,
} from '../../src/sim/aql/index.js';

const nowMs = Date.UTC(2025, 0, 15, 12);
const hourMs = 3_600_000;

function guideExamples(): string[] {
  const section =
    aqlGuideText.split('## Examples')[1]?.split('## Running')[0] ?? '';
  return section
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.startsWith('SELECT'));
}

function createDatabase(): Database.Database {
  const db = new Database(':memory:');
  createAqlTables(db);
  const failures = Array.from({ length: 25 }, (_, index) => ({
    starttime: nowMs - hourMs + index * 1000,
    sourceip: '203.0.113.7',
    destinationip: '10.0.5.20',
    username: `user${index % 5}`,
    qid: 5001,
    qidname: 'VPN Login Failed',
    category: 3008,
    categoryname: 'User Login Failure',
    logsourceid: 65,
    logsourcename: 'VPN',
    eventcount: 1,
    payload: 'login failed',
  }));
  insertEventRecords(db, 'events', failures, 42);
  insertEventRecords(
    db,
    'flows',
    [
      {
        starttime: nowMs - hourMs,
        sourceip: '10.0.5.20',
        destinationip: '198.51.100.9',
        sourcebytes: 5000,
        destinationbytes: 100,
      },
    ],
    42,
  );
  return db;
}

describe('AQL guide', () => {
  const examples = guideExamples();

  it('has three examples', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples)('example passes run_aql validation: %s', (query) => {
    expect(() =>
      validateAql(query, {
        maxWindowMs: 31 * 24 * hourMs,
        maxRows: 1000,
        defaultLimit: 100,
        nowMs,
      }),
    ).not.toThrow();
  });

  it.each(examples)('example runs on simulator engine: %s', (query) => {
    const db = createDatabase();
    const result = executeAql(db, query, {
      nowMs,
      lookups: { ruleName: () => undefined, referenceSetContains: () => false },
    });
    expect(result.rows.length).toBeGreaterThan(0);
  });

  it('names only functions the engine runs', () => {
    const named = new Set(
      [...aqlGuideText.matchAll(/\b([A-Z][A-Z0-9]+)\(/g)].map(
        (match) => match[1],
      ),
    );
    for (const name of named) {
      expect(supportedFunctions, name).toContain(name);
    }
    for (const name of supportedFunctions) {
      expect(aqlGuideText, name).toContain(`${name}(`);
    }
  });
});
