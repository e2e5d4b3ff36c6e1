import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type {
  CallToolResult,
  Progress,
} from '@modelcontextprotocol/sdk/types.js';

import {
  createActionService,
  type ActionExecutor,
  type ActionService,
  type ContainmentAction,
} from '../../src/actions/index.js';
import {
  createLogger,
  createSilentLogger,
  loadSettings,
  type Logger,
  type Settings,
} from '../../src/config/index.js';
import {
  approveRequest,
  createCheckpoint,
  ensureApproverKeyPair,
  loadPolicy,
  type Checkpoint,
  type Policy,
  type PolicyMode,
} from '../../src/policy/index.js';
import { QRadarClient, type Sleep } from '../../src/qradar/index.js';
import { createServer } from '../../src/server/index.js';
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js';
import {
  openStore,
  type Store,
  type StoreFaults,
} from '../../src/store/index.js';
import type { ToolSettings } from '../../tools/index.js';
import { writeTestCases } from './mcp-cases.js';

/** A clock that tests move by hand; it starts at the real time. */
export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
}

/** Creates a TestClock starting now. */
export function createTestClock(startMs = Date.now()): TestClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
  };
}

/** Options of startMcpHarness; everything has a working default. */
export interface McpHarnessOptions {
  mode?: PolicyMode;
  /** Adjusts the shipped policy after the mode is set. */
  adjustPolicy?: (policy: Policy) => Policy;
  /** Reuse a data directory (store, approver keys), e.g. across a restart. */
  dataDir?: string;
  /** Reuse a running simulator instead of starting one. */
  simulator?: RunningSimulator;
  casesDir?: string;
  storeFaults?: StoreFaults;
  toolSettings?: Partial<ToolSettings>;
  clock?: TestClock;
  sleep?: Sleep;
  /** Receives every log line (JSON) of the server and the store. */
  logLines?: string[];
  secToken?: string;
  env?: NodeJS.ProcessEnv;
  executors?: Partial<Record<ContainmentAction, ActionExecutor>>;
  clientName?: string;
  arielDelayMs?: number;
}

/** A server, its QRadar simulator, store and a connected MCP client. */
export interface McpHarness {
  dataDir: string;
  simulator: RunningSimulator;
  qradar: QRadarClient;
  store: Store;
  policy: Policy;
  checkpoint: Checkpoint;
  actions: ActionService;
  settings: Settings;
  server: McpServer;
  client: Client;
  clock: TestClock;
  logger: Logger;
  /** Calls a tool and returns its result (never throws for isError). */
  call(
    name: string,
    args: Record<string, unknown>,
    options?: {
      onprogress?: (progress: Progress) => void;
      signal?: AbortSignal;
    },
  ): Promise<CallToolResult>;
  /** Approves a pending request as `approver` (default soc-lead) through the policy. */
  approve(requestId: string, approver?: string): Promise<void>;
  /** Reads the token of an approved request through get_approval. */
  token(requestId: string): Promise<string>;
  /** Closes the client, server, store and (when started here) the simulator. */
  close(options?: {
    keepDataDir?: boolean;
    keepSimulator?: boolean;
  }): Promise<void>;
}

/** SEC token of the test simulators. */
export const testSecToken = 'test-sec-token-0123456789abcdef';

/** Starts the whole server stack in-process for one test. */
export async function startMcpHarness(
  options: McpHarnessOptions = {},
): Promise<McpHarness> {
  const dataDir =
    options.dataDir ?? mkdtempSync(join(tmpdir(), 'qradar-mcp-test-'));
  const clock = options.clock ?? createTestClock();
  const secToken = options.secToken ?? testSecToken;
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
  const ownsSimulator = options.simulator === undefined;
  const simulator =
    options.simulator ??
    (await startSimulator({
      dbPath: ':memory:',
      token: secToken,
      casesDir: options.casesDir ?? writeTestCases(dataDir),
      arielDelayMs: options.arielDelayMs ?? 0,
    }));
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
  const store = openStore(dataDir, {
    logger,
    now: clock.now,
    ...(options.storeFaults === undefined
      ? {}
      : { faults: options.storeFaults }),
  });
  ensureApproverKeyPair(dataDir);
  let policy: Policy = { ...loadPolicy(), mode: options.mode ?? 'approve' };
  if (options.adjustPolicy !== undefined) policy = options.adjustPolicy(policy);
  const env = options.env ?? {};
  const checkpoint = createCheckpoint({
    store,
    policy,
    logger,
    dataDir,
    referenceData: qradar,
    now: clock.now,
    env,
  });
  const actions = createActionService({
    client: qradar,
    store,
    policy,
    logger,
    env,
    now: clock.now,
    executors: options.executors,
  });
  const server = createServer({
    settings,
    logger,
    client: qradar,
    store,
    policy,
    clientIdentity: options.clientName ?? 'test-client',
    checkpoint,
    actions,
    now: clock.now,
    env,
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    ...(options.toolSettings === undefined
      ? {}
      : { toolSettings: options.toolSettings }),
  });
  const [clientTransport, serverTransport] =
    InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'test-client', version: '1.0.0' });
  await client.connect(clientTransport);

  const harness: McpHarness = {
    dataDir,
    simulator,
    qradar,
    store,
    policy,
    checkpoint,
    actions,
    settings,
    server,
    client,
    clock,
    logger,
    async call(name, args, callOptions = {}) {
      return (await client.callTool({ name, arguments: args }, undefined, {
        ...(callOptions.onprogress === undefined
          ? {}
          : { onprogress: callOptions.onprogress }),
        ...(callOptions.signal === undefined
          ? {}
          : { signal: callOptions.signal }),
      })) as CallToolResult;
    },
    async approve(requestId, approver = 'soc-lead') {
      await approveRequest({ store, policy, dataDir, requestId, approver });
    },
    async token(requestId) {
      const result = await harness.call('get_approval', {
        request_id: requestId,
      });
      const token = result.structuredContent?.['token'];
      if (typeof token !== 'string')
        throw new Error(
          `request ${requestId} has no token: ${JSON.stringify(result)}`,
        );
      return token;
    },
    async close(closeOptions = {}) {
      await client.close();
      await server.close();
      await checkpoint.settled();
      await store.close();
      await qradar.close();
      if (ownsSimulator && closeOptions.keepSimulator !== true)
        await simulator.close();
      if (options.dataDir === undefined && closeOptions.keepDataDir !== true)
        rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Reads a field of a tool result's structured content. */
export function field(result: CallToolResult, name: string): unknown {
  return result.structuredContent?.[name];
}

/** Returns the text content of a tool result. */
export function textOf(result: CallToolResult): string {
  return result.content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('\n');
}
