import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { Logger, Settings } from '../config/index.js';
import { startSimulator } from './start-simulator.js';

/** A simulator started in-process for commands that run without QRADAR_URL. */
export interface EmbeddedSimulator {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Returns the path of the shared simulator store in a data directory. */
export function simulatorDbPath(dataDir: string): string {
  return join(dataDir, 'sim.sqlite');
}

/**
 * Starts the simulator on 127.0.0.1 on an ephemeral port over
 * `<dataDir>/sim.sqlite` (loading the bundled cases, or `casesDir`, when the
 * store is empty) with a random token that lives only in this process.
 */
export async function openEmbeddedSimulator(
  settings: Pick<Settings, 'dataDir'>,
  logger: Logger,
  options: { casesDir?: string } = {},
): Promise<EmbeddedSimulator> {
  const simulator = await startSimulator({
    ...options,
    dbPath: simulatorDbPath(settings.dataDir),
    token: randomBytes(24).toString('base64url'),
    host: '127.0.0.1',
    port: 0,
    logger: logger.child({ component: 'simulator' }),
    // The commands that embed the simulator print their own output, and its
    // start and stop lines would only clutter it.
    lifecycleLogLevel: 'debug',
  });
  return {
    url: simulator.url,
    token: simulator.token,
    close: () => simulator.close(),
  };
}
