import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Sleep } from '../../src/qradar/index.js';
import {
  addToken,
  startHttpServer,
  type RunningHttpServer,
} from '../../src/server/http/index.js';
import { testOffenses } from '../support/mcp-cases.js';
import { createManualClock, startStack, type Stack } from './support/stack.js';

const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-aql-cancel-'));
const tokensFile = join(directory, 'http-tokens.yaml');
const token = addToken(tokensFile, { name: 'hunter', role: 'analyst' }).token;
const clock = createManualClock();

// run_aql's polling sleep: each call moves the shared clock, which drives
// the simulator's search progress. Only `permits` calls return at once; the
// next one waits until the tool call is cancelled.
let permits = 0;
const sleeps: number[] = [];
const sleep: Sleep = (ms, signal) => {
  clock.advance(ms);
  sleeps.push(ms);
  if (permits > 0) {
    permits -= 1;
    return Promise.resolve();
  }
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as Error), {
      once: true,
    });
  });
};

let stack: Stack;
let http: RunningHttpServer;
let client: Client;

beforeAll(async () => {
  // Searches take 1 s of simulated time: WAIT for 0.2 s, then EXECUTE.
  stack = await startStack({ clock, sleep, arielDelayMs: 1000 });
  http = await startHttpServer({
    port: 0,
    tokensFile,
    logger: stack.logger,
    createSessionServer: (identity) => stack.createSessionServer(identity),
  });
  client = new Client({ name: 'aql-cancel-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.mcpUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
});

afterAll(async () => {
  await client.close();
  await http.close();
  await stack.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('run_aql over HTTP', () => {
  it('reports progress, then cancels the search', async () => {
    permits = 1;
    const cancelSearch = vi.spyOn(stack.qradar, 'cancelSearch');
    const controller = new AbortController();
    const progress: Progress[] = [];
    const call = client.callTool(
      {
        name: 'run_aql',
        arguments: {
          query: `SELECT sourceip, COUNT(*) AS n FROM events WHERE INOFFENSE(${testOffenses.main}) GROUP BY sourceip LAST 7 DAYS`,
        },
      },
      undefined,
      {
        signal: controller.signal,
        onprogress: (update) => {
          progress.push(update);
          if (progress.length === 2) controller.abort();
        },
      },
    );
    await expect(call).rejects.toThrow();

    expect(progress.map((update) => update.progress)).toEqual([0, 25]);
    expect(progress[1]?.message).toMatch(/EXECUTE/);

    await vi.waitFor(() => {
      expect(cancelSearch).toHaveBeenCalledTimes(1);
    });
    const deleted = (await cancelSearch.mock.results[0]?.value) as
      { status: string; progress: number } | undefined;
    expect(deleted?.status).toBe('CANCELED');
    // The clock moved 500 ms more when the second wait began.
    expect(deleted?.progress).toBe(75);

    const arielRequests = stack.simulator.requests.filter((request) =>
      request.path.startsWith('/api/ariel/searches'),
    );
    const searchId = arielRequests[1]?.path.split('/').at(-1) ?? '';
    expect(arielRequests.map((request) => request.method)).toEqual([
      'POST',
      'GET',
      'DELETE',
    ]);
    expect(arielRequests[2]?.path).toBe(`/api/ariel/searches/${searchId}`);
    // DELETE cancels and discards the search, so it can never complete.
    expect(stack.simulator.state.arielSearch(searchId)).toBeUndefined();
    expect(sleeps).toEqual([250, 500]);
  });
});
