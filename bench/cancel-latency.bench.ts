import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, bench, describe } from 'vitest';

import { addToken, startHttpServer } from '../src/server/http/index.js';
import { testOffenses } from '../test/support/mcp-cases.js';
import { startStack } from '../test/http/support/stack.js';

// Cancellation latency of run_aql over Streamable HTTP on loopback: the
// client aborts its tools/call when the first progress notification arrives,
// and the iteration ends when the simulator has received the DELETE of the
// Ariel search. The simulator's clock does not advance, so no search completes.
// The bench reports the whole cycle (create, first progress, abort, DELETE);
// the abort-to-DELETE part alone is printed when the run ends.

const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-cancel-bench-'));
const tokensFile = join(directory, 'http-tokens.yaml');
const token = addToken(tokensFile, { name: 'bench', role: 'analyst' }).token;
const stack = await startStack({ arielDelayMs: 600_000 });
const http = await startHttpServer({
  port: 0,
  tokensFile,
  logger: stack.logger,
  createSessionServer: (identity) => stack.createSessionServer(identity),
});
const client = new Client({ name: 'cancel-bench', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(new URL(http.mcpUrl), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  }),
);

const query = `SELECT sourceip FROM events WHERE INOFFENSE(${testOffenses.main}) LAST 1 DAYS`;
const abortToDeleteMs: number[] = [];

function deleteCount(): number {
  return stack.simulator.requests.filter(
    (request) => request.method === 'DELETE',
  ).length;
}

async function waitForDelete(previous: number): Promise<void> {
  while (deleteCount() <= previous) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function cancelOnce(): Promise<void> {
  const deletes = deleteCount();
  const controller = new AbortController();
  let abortedAt = 0;
  await client
    .callTool({ name: 'run_aql', arguments: { query } }, undefined, {
      signal: controller.signal,
      onprogress: () => {
        if (controller.signal.aborted) return;
        abortedAt = performance.now();
        controller.abort();
      },
    })
    .catch(() => undefined);
  await waitForDelete(deletes);
  abortToDeleteMs.push(performance.now() - abortedAt);
}

afterAll(async () => {
  const sorted = [...abortToDeleteMs].sort((left, right) => left - right);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
  console.log(
    `run_aql abort-to-DELETE over ${sorted.length} cancellations: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`,
  );
  await client.close();
  await http.close();
  await stack.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('run_aql cancellation over HTTP', () => {
  bench('abort on first progress until DELETE', cancelOnce, {
    time: 2000,
  });
});
