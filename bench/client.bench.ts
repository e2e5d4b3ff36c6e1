import { afterAll, bench, describe } from 'vitest';

import { createSilentLogger } from '../src/config/index.js';
import { QRadarClient } from '../src/qradar/index.js';
import { startSimulator } from '../src/sim/index.js';

// Requests per second of the client against the in-process simulator with
// the bundled cases on loopback: one keep-alive pool, and the version pinned
// so that no version probe is counted.
const simulator = await startSimulator({
  dbPath: ':memory:',
  token: 'bench-token-0123456789',
});
const client = new QRadarClient({
  baseUrl: simulator.url,
  secToken: simulator.token,
  apiVersion: '26.0',
  logger: createSilentLogger(),
});

const [firstOffense] = (await client.listOffenses({ range: { limit: 1 } }))
  .items;
if (firstOffense === undefined)
  throw new Error('The bundled cases hold no offense to benchmark.');
const offenseId = firstOffense.id;
const offenseCount = (await client.listOffenses()).total;

afterAll(async () => {
  await client.close();
  await simulator.close();
});

describe('QRadar client on loopback', () => {
  bench('getOffense', async () => {
    await client.getOffense(offenseId);
  });

  bench(
    `listOffenses (${offenseCount ?? '?'} offenses, 50 per page)`,
    async () => {
      await client.listOffenses({ range: { limit: 50 } });
    },
  );
});
