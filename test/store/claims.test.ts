import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import { openStore } from '../../src/store/index.js';
import { compileStoreForWorkers } from './support/compile-store.js';
import { makeClock, makeTempDir } from './support/temp-dir.js';

const logger = createSilentLogger();

interface WorkerResult {
  status: string;
  message?: string;
}

/**
 * Starts `count` worker threads, each with its own store handle, and
 * releases them together once all have opened the store.
 */
async function claimFromWorkers(
  dataDir: string,
  tokenId: string,
  count: number,
): Promise<WorkerResult[]> {
  const compiled = compileStoreForWorkers();
  const storeModuleUrl = compiled.moduleUrl;
  const startSignal = new SharedArrayBuffer(8);
  const start = new Int32Array(startSignal);
  const results = Array.from(
    { length: count },
    (_, index) =>
      new Promise<WorkerResult>((resolve, reject) => {
        const worker = new Worker(compiled.workerPath, {
          workerData: { dataDir, tokenId, index, startSignal, storeModuleUrl },
        });
        worker.once('message', (message: WorkerResult) => resolve(message));
        worker.once('error', reject);
      }),
  );
  while (Atomics.load(start, 1) < count) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  Atomics.store(start, 0, 1);
  Atomics.notify(start, 0);
  try {
    return await Promise.all(results);
  } finally {
    rmSync(compiled.directory, { recursive: true, force: true });
  }
}

describe('claim ledger', () => {
  it('claims a token once across 20 threads', async () => {
    const dataDir = makeTempDir();
    // Create the schema first so that the workers race on the claim only.
    const store = openStore(dataDir, { logger });
    const results = await claimFromWorkers(dataDir, 'apr_concurrent', 20);
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'recorded')).toHaveLength(1);
    expect(
      statuses.filter((status) => status === 'token_already_used'),
    ).toHaveLength(19);
    expect(await store.audit.list({ kinds: ['intent'] })).toHaveLength(1);
    expect((await store.audit.verify()).ok).toBe(true);
    const db = new Database(store.databasePath, { readonly: true });
    const row = db
      .prepare('SELECT count(*) AS count FROM used_tokens')
      .get() as {
      count: number;
    };
    db.close();
    expect(row.count).toBe(1);
    await store.close();
  }, 60_000);

  it('claims a token once across 20 handles', async () => {
    const dataDir = makeTempDir();
    const handles = Array.from({ length: 20 }, () =>
      openStore(dataDir, { logger }),
    );
    const results = await Promise.all(
      handles.map((handle, index) =>
        handle.claims.recordIntent({
          entry: { actor: `handle-${index}` },
          tokenId: 'apr_handles',
        }),
      ),
    );
    const recorded = results.filter((result) => result.status === 'recorded');
    expect(recorded).toHaveLength(1);
    expect(await handles[0]!.audit.list({ kinds: ['intent'] })).toHaveLength(1);
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('releases a claim for retry', async () => {
    const store = openStore(makeTempDir(), { logger });
    await store.claims.recordIntent({
      entry: { actor: 'a' },
      tokenId: 'apr_r',
    });
    expect(await store.claims.usedAt('apr_r')).toBeDefined();
    const failed = await store.claims.release({
      entry: { actor: 'a', details: { error: 'timeout' } },
      tokenId: 'apr_r',
    });
    expect(failed.kind).toBe('failed');
    expect(await store.claims.usedAt('apr_r')).toBeUndefined();
    const retry = await store.claims.recordIntent({
      entry: { actor: 'a' },
      tokenId: 'apr_r',
    });
    expect(retry.status).toBe('recorded');
  });

  it('checks rate limits with the intent', async () => {
    const clock = makeClock();
    const store = openStore(makeTempDir(), { logger, now: clock.now });
    const limit = (since: string) => [
      { rule: 'rate_limit:block_ip', max: 2, since, action: 'block_ip' },
    ];
    for (let index = 0; index < 2; index += 1) {
      const result = await store.claims.recordIntent({
        entry: { actor: 'a', action: 'block_ip' },
        rateLimits: limit(new Date(clock.now() - 3_600_000).toISOString()),
      });
      expect(result.status).toBe('recorded');
    }
    const third = await store.claims.recordIntent({
      entry: { actor: 'a', action: 'block_ip' },
      rateLimits: limit(new Date(clock.now() - 3_600_000).toISOString()),
    });
    expect(third).toEqual({
      status: 'rate_limited',
      rule: 'rate_limit:block_ip',
      count: 2,
      max: 2,
    });
    const other = await store.claims.recordIntent({
      entry: { actor: 'a', action: 'isolate_host' },
      rateLimits: [
        {
          rule: 'rate_limit:isolate_host',
          max: 2,
          since: new Date(clock.now() - 3_600_000).toISOString(),
          action: 'isolate_host',
        },
      ],
    });
    expect(other.status).toBe('recorded');
    clock.advance(3_600_001);
    const later = await store.claims.recordIntent({
      entry: { actor: 'a', action: 'block_ip' },
      rateLimits: limit(new Date(clock.now() - 3_600_000).toISOString()),
    });
    expect(later.status).toBe('recorded');
  });
});
