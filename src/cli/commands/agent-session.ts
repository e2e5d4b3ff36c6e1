import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

import {
  renderTable,
  triageCells,
  triageColumns,
  type PolicyMode,
  type ProgressEvent,
  type TriageResult,
  type TriageRow,
} from '../../agent/index.js';
import {
  createLogger,
  listSecrets,
  type Logger,
  type Settings,
} from '../../config/index.js';
import { createServer, type ServerRuntime } from '../../server/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, type CommandContext } from '../command.js';
import { printError, printLine } from '../output.js';

/**
 * Returns the context with a logger at warn, unless QRADAR_MCP_LOG_LEVEL is
 * set, so that progress lines are not buried in JSON logs.
 */
export function quietLogger(context: CommandContext): CommandContext {
  if (process.env['QRADAR_MCP_LOG_LEVEL'] !== undefined) return context;
  const logger = createLogger({
    level: 'warn',
    secrets: listSecrets(context.settings),
  });
  return { ...context, logger };
}

/** An MCP client connected to a qradar-mcp server. */
export interface AgentSession {
  client: Client;
  close(): Promise<void>;
}

/**
 * Connects an MCP client to a fresh server over the runtime, in this process.
 * The client declares no capabilities, elicitation included.
 */
export async function connectInProcess(
  runtime: ServerRuntime,
  settings: Settings,
  logger: Logger,
  clientName = 'agent',
): Promise<AgentSession> {
  const server = createServer({
    settings,
    logger,
    client: runtime.backend.client,
    store: runtime.store,
    policy: runtime.policy,
    clientIdentity: { name: clientName },
    checkpoint: runtime.checkpoint,
    actions: runtime.actions,
    secrets: runtime.backend.secrets,
  });
  const [clientTransport, serverTransport] =
    InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'qradar-mcp-agent', version: '0.1.0' });
  await client.connect(clientTransport);
  return {
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** Connects to a qradar-mcp server spawned over stdio. */
export async function connectStdio(
  mode: PolicyMode | undefined,
): Promise<AgentSession> {
  const entry = process.argv[1];
  if (entry === undefined)
    throw new Error(
      'Failed to start qradar-mcp serve: the CLI entry point is unknown.',
    );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      entry,
      'serve',
      '--client-name',
      'agent',
      ...(mode === undefined ? [] : ['--mode', mode]),
    ],
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
      // The child logs on our stderr; keep it to warnings unless asked.
      QRADAR_MCP_LOG_LEVEL: process.env['QRADAR_MCP_LOG_LEVEL'] ?? 'warn',
    },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'qradar-mcp-agent', version: '0.1.0' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

/** Returns a progress callback: one rewritten status line on a terminal, plain lines otherwise. */
export function createProgressPrinter(): (event: ProgressEvent) => void {
  // Progress goes to stderr, so stderr decides whether lines may be rewritten.
  const interactive = process.stderr.isTTY;
  let hasStatusLine = false;
  return (event) => {
    // A status line longer than the terminal would wrap, and moving up one
    // line would then leave part of it behind.
    const columns = process.stderr.columns ?? 0;
    const width = interactive && columns > 0 ? columns - 1 : 200;
    const text = sanitizeText(`offense ${event.offenseId}: ${event.message}`, {
      singleLine: true,
      maxLength: Math.max(20, width),
    });
    if (!interactive) {
      if (event.kind !== 'model' && event.kind !== 'tool') printError(text);
      return;
    }
    // Move up over the previous status line and clear it.
    printError(`${hasStatusLine ? '\u001b[1A\u001b[2K' : ''}${text}`);
    hasStatusLine = true;
  };
}

/** Prints the triage table of finished triages on stdout. */
export function printTriageTable(rows: readonly TriageRow[]): void {
  for (const line of renderTable([...triageColumns], rows.map(triageCells)))
    printLine(line);
}

/** Builds the triage-table row of one finished run. */
export function rowOf(result: TriageResult): TriageRow {
  return {
    offenseId: result.offenseId,
    runId: result.runId,
    state: result.state,
    outcome: result.outcome,
  };
}

/** Maps a run's final state to the process exit code. */
export function exitCodeOf(state: string): number {
  if (state === 'awaiting_approval') return exitCodes.awaitingApproval;
  if (state === 'completed') return exitCodes.ok;
  return exitCodes.failure;
}

/**
 * Opens the store and an MCP session: a server in this process over the
 * runtime, or with --stdio a spawned `qradar-mcp serve`, which opens its own
 * QRadar backend, so this process opens only the store.
 */
