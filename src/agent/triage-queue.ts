import type { Logger } from '../config/index.js';

/** A queue that runs triages one after another. */
export interface TriageQueue {
  /** Queues a triage unless the offense is already waiting or running. */
  add(offenseId: number): void;
  /** Resolves when every queued triage has finished. */
  drain(): Promise<void>;
}

/**
 * Creates a queue for triggered triages: they run one at a time, in
 * arrival order, and a failure is logged rather than stopping the queue.
 */
export function createTriageQueue(
  triage: (offenseId: number) => Promise<unknown>,
  logger: Logger,
): TriageQueue {
  const queued = new Set<number>();
  let chain: Promise<void> = Promise.resolve();
  return {
    add(offenseId) {
      if (queued.has(offenseId)) return;
      queued.add(offenseId);
      chain = chain
        .then(async () => {
          await triage(offenseId);
        })
        .catch((error: unknown) => {
          logger.error({ err: error, offenseId }, 'triggered triage failed');
        })
        .finally(() => {
          queued.delete(offenseId);
        });
    },
    drain: () => chain,
  };
}
