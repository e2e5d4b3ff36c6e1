// Runs the agent against the real server over one or more case files in a
// fresh simulator (loopback HTTP) and a fresh store.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

import { createSilentLogger, loadSettings } from '../../../src/config/index.js';
import {
  loadPolicy,
  withModeOverride,
  type Policy,
} from '../../../src/policy/index.js';
import { QRadarClient } from '../../../src/qradar/index.js';
import { createServer } from '../../../src/server/index.js';
import {
  startSimulator,
  type RunningSimulator,
} from '../../../src/sim/index.js';
import { openStore, type Store } from '../../../src/store/index.js';

export interface CaseHarness {
  dir: string;
  /** The data directory of the server: approver keys live here. */
  dataDir: string;
  policy: Policy;
  simulator: RunningSimulator;
  store: Store;
  client: Client;
  qradar: QRadarClient;
  /** Connects another MCP client to a fresh server over the same store and simulator. */
  connect(): Promise<Client>;
  close(): Promise<void>;
}

export async function openCaseHarness(options: {
  caseFiles: string[];
  mode?: 'monitor' | 'approve' | 'autonomous';
  now?: () => number;
}): Promise<CaseHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'qradar-mcp-agent-case-'));
  const logger = createSilentLogger();
  const casesDir = join(dir, 'cases');
  mkdirSync(casesDir);
  for (const file of options.caseFiles)
    copyFileSync(file, join(casesDir, basename(file)));
  const simulator = await startSimulator({
    dbPath: join(dir, 'sim.sqlite'),
    token: randomBytes(16).toString('hex'),
    casesDir,
    arielDelayMs: 0,
    seed: 1,
    logger,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const store = openStore(join(dir, 'store'), { logger });
  const settings = loadSettings({
    env: { QRADAR_MCP_DATA_DIR: join(dir, 'data') },
  });
  const qradar = new QRadarClient({
    baseUrl: simulator.url,
    secToken: simulator.token,
    logger,
  });
  const policy = withModeOverride(loadPolicy(), options.mode);
  const clients: Client[] = [];
  const servers: { close(): Promise<void> }[] = [];
  const connect = async (): Promise<Client> => {
    const server = createServer({
      settings,
      logger,
      client: qradar,
      store,
      policy,
      clientIdentity: 'agent-test',
    });
    const [clientTransport, serverTransport] =
      InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    const client = new Client({ name: 'qradar-mcp-agent', version: '0.0.0' });
    await client.connect(clientTransport);
    clients.push(client);
    servers.push(server);
    return client;
  };
  const client = await connect();
  return {
    dir,
    dataDir: settings.dataDir,
    policy,
    simulator,
    store,
    client,
    qradar,
    connect,
    async close() {
      for (const entry of clients) await entry.close();
      for (const entry of servers) await entry.close();
      await qradar.close?.();
      await store.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
