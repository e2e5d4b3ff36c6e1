import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { afterAll, bench, describe } from 'vitest';

import {
  bundledCasesDir,
  loadCaseFiles,
  startSimulator,
} from '../src/sim/index.js';
import {
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../test/support/mcp-harness.js';
import { offenseTimeClause } from '../tools/shared/offenses.js';

// Size of get_offense against what a pass-through server would return for
// the same offense: GET /api/siem/offenses/{id} plus every event of the
// offense from `SELECT * FROM events WHERE INOFFENSE(id)`, both as JSON.
// Tokens are estimated as characters / 4 (no tokenizer is installed), which
// applies the same way to both sides of the ratio. Each bundled case runs in
// a simulator of its own, as the eval harness runs it, so that no other
// case's assets or offenses enter the picture.

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface SizeRow {
  offense: number;
  events: number;
  compactTokens: number;
  rawTokens: number;
  ratio: number;
}

async function startCase(file: string): Promise<McpHarness> {
  const casesDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-bench-case-'));
  copyFileSync(file, join(casesDir, basename(file)));
  const simulator = await startSimulator({
    dbPath: ':memory:',
    token: 'bench-token-0123456789',
    casesDir,
  });
  const harness = await startMcpHarness({ simulator });
  return {
    ...harness,
    async close() {
      await harness.close();
      await simulator.close();
      rmSync(casesDir, { recursive: true, force: true });
    },
  };
}

async function measure(
  harness: McpHarness,
  offenseId: number,
): Promise<SizeRow> {
  const compact = textOf(
    await harness.call('get_offense', { offense_id: offenseId }),
  );
  const offense = await harness.qradar.getOffense(offenseId);
  const window = offenseTimeClause(offense, Date.now(), 31 * 86_400_000);
  const events = await harness.qradar.runSearch(
    `SELECT * FROM events WHERE INOFFENSE(${offense.id}) ${window.clause}`,
    { maxRows: 100_000 },
  );
  const raw = JSON.stringify(offense) + JSON.stringify({ events: events.rows });
  const compactTokens = estimateTokens(compact);
  const rawTokens = estimateTokens(raw);
  return {
    offense: offense.id,
    events: events.rows.length,
    compactTokens,
    rawTokens,
    ratio: rawTokens / compactTokens,
  };
}

const cases = loadCaseFiles(bundledCasesDir());
const rows: (SizeRow & { case: string })[] = [];
for (const loaded of cases) {
  const harness = await startCase(loaded.file);
  try {
    rows.push({
      case: loaded.case.id,
      ...(await measure(harness, loaded.case.offense.id)),
    });
  } finally {
    await harness.close();
  }
}

const medianRatio = median(rows.map((row) => row.ratio));
console.table(
  rows.map((row) => ({ ...row, ratio: Number(row.ratio.toFixed(2)) })),
);
console.log(
  `get_offense vs pass-through over ${rows.length} bundled cases: median ratio ${medianRatio.toFixed(2)} (raw tokens / get_offense tokens, estimated as characters / 4); median get_offense ${median(rows.map((row) => row.compactTokens))} tokens, median raw ${median(rows.map((row) => row.rawTokens))} tokens`,
);

const medianCase = [...rows].sort((left, right) => left.ratio - right.ratio)[
  Math.floor(rows.length / 2)
];
const medianFile = cases.find((loaded) => loaded.case.id === medianCase?.case);
if (medianCase === undefined || medianFile === undefined)
  throw new Error('The bundled cases hold no offense to measure.');
const benchHarness = await startCase(medianFile.file);

afterAll(async () => {
  await benchHarness.close();
});

describe('get_offense size', () => {
  bench(`get_offense of case ${medianCase.case}`, async () => {
    await benchHarness.call('get_offense', { offense_id: medianCase.offense });
  });
});
