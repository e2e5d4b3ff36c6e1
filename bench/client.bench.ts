import { fileURLToPath } from 'node:url';

import { afterAll, bench, describe } from 'vitest';

import { createSilentLogger } from '../src/config/index.js';
import { QRadarClient } from '../src/qradar/index.js';
import { startSimulator } from '../src/sim/index.js';

// Requests per second of the client against the in-process simulator on
// loopback: one keep-alive pool, the version pinned so no probe is counted.
const simulator = await startSimulator({
  dbPath: ':memory:',
  token: 'bench-token-0123456789',
  casesDir: fileURLToPath(new URL('../test/qradar/cases', import.meta.url)),
});
const client = new QRadarClient({
  baseUrl: simulator.url,
  secToken: simulator.token,
  apiVersion: '26.0',
  logger: createSilentLogger(),
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

describe('QRadar client on loopback', () => {
  bench('getOffense', async () => {
    await client.getOffense(101);
  });

  bench('listOffenses (50 per page)', async () => {
    await client.listOffenses({ range: { limit: 50 } });
  });
});
