// Worker thread for the concurrent-claim test: opens its own store handle
// on the shared file, waits for the start signal so that every worker
// claims at the same moment, and reports the claim's status. Vitest does not
// transform worker threads, so compile-store.ts transpiles this file and
// src/store to JavaScript first.
import { parentPort, workerData } from 'node:worker_threads';

import type { Logger } from '../../../src/config/index.js';
import type * as StoreModule from '../../../src/store/index.js';

interface ClaimWorkerData {
  storeModuleUrl: string;
  dataDir: string;
  tokenId: string;
  index: number;
  startSignal: SharedArrayBuffer;
}

const data = workerData as ClaimWorkerData;
const { openStore } = (await import(data.storeModuleUrl)) as typeof StoreModule;

const ignore = (): void => undefined;
const logger: Logger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => logger,
};

const store = openStore(data.dataDir, { logger });
const start = new Int32Array(data.startSignal);
Atomics.add(start, 1, 1);
Atomics.wait(start, 0, 0);
try {
  const result = await store.claims.recordIntent({
    entry: {
      actor: `worker-${data.index}`,
      action: 'block_ip',
      target: '203.0.113.7',
    },
    tokenId: data.tokenId,
  });
  parentPort?.postMessage({ status: result.status });
} catch (error) {
  parentPort?.postMessage({ status: 'error', message: String(error) });
} finally {
  await store.close();
}
