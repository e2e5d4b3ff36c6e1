import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';

import {
  createActionService,
  type ActionService,
} from '../../../src/actions/index.js';
import {
  createLogger,
  createSilentLogger,
  loadSettings,
  type Logger,
  type Settings,
} from '../../../src/config/index.js';
import {
  createCheckpoint,
  defaultPolicyPath,
  ensureApproverKeyPair,
  loadPolicy,
  type Checkpoint,
  type ClientIdentity,
  type Policy,
} from '../../../src/policy/index.js';
import { QRadarClient, type Sleep } from '../../../src/qradar/index.js';
import { createServer } from '../../../src/server/index.js';
import {
  startSimulator,
  type RunningSimulator,
} from '../../../src/sim/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import type { ToolSettings } from '../../../tools/index.js';
import { writeTestCases } from '../../support/mcp-cases.js';

/** SEC token of the simulators these suites start. */
export const stackSecToken = 'remote-chat-sec-token-0123456789';

/** The elicitation section of a test policy file, in YAML. */
export interface ElicitationSection {
  enabled: boolean;
  actions: string[];
  maxCriticality: 'low' | 'medium' | 'high' | 'critical';
}

/**
 * Writes a copy of the shipped policy with another elicitation section
 * into `dir` and returns its path, so the YAML loader is part of the test.
 */
export function writeTestPolicy(
  dir: string,
  elicitation: ElicitationSection,
): string {
  const shipped = readFileSync(defaultPolicyPath(), 'utf8');
  const section = [
    'elicitation:',
    `  enabled: ${String(elicitation.enabled)}`,
    `  actions: [${elicitation.actions.join(', ')}]`,
    `  max_criticality: ${elicitation.maxCriticality}`,
  ].join('\n');
  const replaced = shipped.replace(
    /^elicitation:\n(?: {2}.*\n)+/m,
    `${section}\n`,
  );
  if (replaced === shipped) {
    throw new Error('the shipped policy has no elicitation section to replace');
  }
  const path = join(dir, 'policy.yaml');
  writeFileSync(path, replaced);
  return path;
}

/** A clock the tests move; the simulator, store and tools share it. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

/** Creates a ManualClock starting at `startMs`. */
export function createManualClock(startMs = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}

/** Options of startStack. */
export interface StackOptions {
  /** Policy file to load; default the shipped policy. */
  policyFile?: string;
  clock?: ManualClock;
  /** Sleep of run_aql's polling; default a timer. */
  sleep?: Sleep;
  toolSettings?: Partial<ToolSettings>;
  arielDelayMs?: number;
  /** Collects the JSON log lines instead of discarding them. */
  logLines?: string[];
}

/** The shared parts of a serving process, and a factory of session servers. */
export interface Stack {
  dataDir: string;
  simulator: RunningSimulator;
  qradar: QRadarClient;
  store: Store;
  policy: Policy;
  checkpoint: Checkpoint;
  actions: ActionService;
  settings: Settings;
  logger: Logger;
  clock: ManualClock;
  /** Builds one session's MCP server for a client. */
  createSessionServer(
    client: ClientIdentity,
    options?: { elicitationTimeoutMs?: number; elicitationWait?: Sleep },
  ): McpServer;
  /** Connects a real MCP client over an in-memory transport pair. */
  connect(options: {
    client: ClientIdentity;
    capabilities?: ClientCapabilities;
    configure?: (client: Client) => void;
    elicitationTimeoutMs?: number;
    elicitationWait?: Sleep;
  }): Promise<{ client: Client; server: McpServer }>;
  close(): Promise<void>;
}

/** Starts a simulator with the MCP test case, a store, the policy and the checkpoint. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-remote-'));
  const clock = options.clock ?? createManualClock();
  const logger =
    options.logLines === undefined
      ? createSilentLogger()
      : createLogger({
          level: 'debug',
          destination: {
            write: (line: string) => {
              options.logLines?.push(line);
            },
          },
        });
  const simulator = await startSimulator({
    dbPath: ':memory:',
    token: stackSecToken,
    casesDir: writeTestCases(dataDir),
    arielDelayMs: options.arielDelayMs ?? 0,
    now: clock.now,
  });
  const settings = loadSettings({
    env: {
      QRADAR_MCP_DATA_DIR: dataDir,
      QRADAR_URL: simulator.url,
      QRADAR_SEC_TOKEN: simulator.token,
    },
  });
  const qradar = new QRadarClient({
    baseUrl: simulator.url,
    secToken: simulator.token,
    logger,
    maxRetries: 0,
  });
  const store = openStore(dataDir, { logger, now: clock.now });
  ensureApproverKeyPair(dataDir);
  const policy = loadPolicy(options.policyFile);
  const checkpoint = createCheckpoint({
    store,
    policy,
    logger,
    dataDir,
    referenceData: qradar,
    now: clock.now,
    env: {},
  });
  const actions = createActionService({
    client: qradar,
    store,
    policy,
    logger,
    env: {},
    now: clock.now,
  });
  const servers: McpServer[] = [];
  const clients: Client[] = [];

  const createSessionServer: Stack['createSessionServer'] = (
    client,
    sessionOptions = {},
  ) => {
    const server = createServer({
      settings,
      logger,
      client: qradar,
      store,
      policy,
      clientIdentity: client,
      checkpoint,
      actions,
      now: clock.now,
      env: {},
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.toolSettings === undefined
        ? {}
        : { toolSettings: options.toolSettings }),
      ...sessionOptions,
    });
    servers.push(server);
    return server;
  };

  return {
    dataDir,
    simulator,
    qradar,
    store,
    policy,
    checkpoint,
    actions,
    settings,
    logger,
    clock,
    createSessionServer,
    async connect(connectOptions) {
      const server = createSessionServer(connectOptions.client, {
        ...(connectOptions.elicitationTimeoutMs === undefined
          ? {}
          : { elicitationTimeoutMs: connectOptions.elicitationTimeoutMs }),
        ...(connectOptions.elicitationWait === undefined
          ? {}
          : { elicitationWait: connectOptions.elicitationWait }),
      });
      const client = new Client(
        { name: connectOptions.client.name, version: '1.0.0' },
        { capabilities: connectOptions.capabilities ?? {} },
      );
      connectOptions.configure?.(client);
      const [clientTransport, serverTransport] =
        InMemoryTransport.createLinkedPair();
      await server.connect(serverTransport);
      await client.connect(clientTransport);
      clients.push(client);
      return { client, server };
    },
    async close() {
      for (const client of clients) await client.close();
      for (const server of servers) await server.close();
      await checkpoint.settled();
      await store.close();
      await qradar.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
