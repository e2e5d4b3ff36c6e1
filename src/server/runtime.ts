import { createActionService, type ActionService } from '../actions/index.js';
import type { Logger, Settings } from '../config/index.js';
import {
  createCheckpoint,
  ensureApproverKeyPair,
  loadPolicy,
  withModeOverride,
  type Checkpoint,
  type Policy,
  type PolicyMode,
} from '../policy/index.js';
import { openStore, type Store } from '../store/index.js';
import { openQRadarBackend, type QRadarBackend } from './qradar-backend.js';

/** Default interval of the expiry sweeper. */
export const sweepIntervalMs = 60_000;

/** Everything a serving process shares between its MCP sessions. */
export interface ServerRuntime {
  backend: QRadarBackend;
  store: Store;
  policy: Policy;
  checkpoint: Checkpoint;
  actions: ActionService;
  /** Starts rolling back expired actions now and then every intervalMs. */
  startSweeper(intervalMs?: number): void;
  /** Stops the sweeper and closes the store and the QRadar backend. */
  close(): Promise<void>;
}

/**
 * Opens what `serve` needs: the QRadar backend (console or embedded
 * simulator), the store, the policy (made stricter by `mode` when given),
 * the checkpoint and the action service. It creates the approver key pair
 * when missing; the checkpoint then loads only the public key.
 */
export async function openServerRuntime(
  settings: Settings,
  logger: Logger,
  options: { mode?: PolicyMode | undefined } = {},
): Promise<ServerRuntime> {
  const policy = withModeOverride(
    loadPolicy(settings.policyFile),
    options.mode,
  );
  ensureApproverKeyPair(settings.dataDir);
  const store = openStore(settings.dataDir, { logger });
  let backend: QRadarBackend;
  try {
    backend = await openQRadarBackend(settings, logger);
  } catch (error) {
    await store.close();
    throw error;
  }
  const checkpoint = createCheckpoint({
    store,
    policy,
    logger,
    dataDir: settings.dataDir,
    referenceData: backend.client,
  });
  const actions = createActionService({
    client: backend.client,
    store,
    policy,
    logger,
  });
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = (): void => {
    sweeping = actions.sweepExpired().catch((error: unknown) => {
      logger.warn({ err: error }, 'expiry sweep failed');
    });
  };
  return {
    backend,
    store,
    policy,
    checkpoint,
    actions,
    startSweeper(intervalMs = sweepIntervalMs) {
      if (timer !== undefined) return;
      sweep();
      timer = setInterval(sweep, intervalMs);
      timer.unref();
    },
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await sweeping;
      await checkpoint.settled();
      await store.close();
      await backend.close();
    },
  };
}
