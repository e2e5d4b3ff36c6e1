// Worker thread for the concurrent-claim test: opens its own store handle
// on the shared file (from the JavaScript that compile-store.ts wrote),
// waits for the start signal so that every worker claims at the same
// moment, and reports the claim's status.
import { parentPort, workerData } from 'node:worker_threads';

const { openStore } = await import(workerData.storeModuleUrl);

const silent = () => undefined;
const logger = {
  trace: silent,
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  child: () => logger,
};

const store = openStore(workerData.dataDir, { logger });
const start = new Int32Array(workerData.startSignal);
Atomics.add(start, 1, 1);
Atomics.wait(start, 0, 0);
try {
  const result = await store.claims.recordIntent({
    entry: {
      actor: `worker-${workerData.index}`,
      action: 'block_ip',
      target: '203.0.113.7',
    },
    tokenId: workerData.tokenId,
  });
  parentPort.postMessage({ status: result.status });
} catch (error) {
  parentPort.postMessage({
    status: 'error',
    message: String(error?.message ?? error),
  });
} finally {
  await store.close();
}
