import { parseArgs } from 'node:util';

import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

import { policyModes, type PolicyMode } from '../../policy/index.js';
import { createServer, openServerRuntime } from '../../server/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError } from '../output.js';
import { parseHttpServeOptions, serveOverHttp } from './serve-http.js';

const usage = `Usage: qradar-mcp serve [--mode MODE] [--client-name NAME]
       qradar-mcp serve --http [--host H] [--port N] [--allow-origin URL]...

Serves the MCP tools over stdio: stdout carries only MCP messages and logs go
to stderr. Without QRADAR_URL it starts the embedded QRadar simulator over
<data dir>/sim.sqlite, shared with the other commands.

Options:
  --mode MODE         monitor or approve: make the policy stricter for this
                      process (never looser than the policy file)
  --client-name NAME  actor name written to the audit for this client
                      (default local)
  --http              serve Streamable HTTP at /mcp instead of stdio; each
                      client's name and role come from its bearer token
                      (qradar-mcp tokens add), or every request is the client
                      local on loopback without a tokens file
  --host H            address to bind (default 127.0.0.1); any other than
                      loopback needs a tokens file
  --port N            TCP port (default 8808)
  --allow-origin URL  also accept browser requests from this origin
                      (repeatable); loopback origins on the port are accepted`;

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: 'string' },
        'client-name': { type: 'string' },
        http: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseMode(value: string | undefined): PolicyMode | undefined {
  if (value === undefined) return undefined;
  if (!(policyModes as readonly string[]).includes(value)) {
    throw new UsageError(
      `Invalid --mode ${JSON.stringify(value)}: expected ${policyModes.join(', ')}.`,
    );
  }
  return value as PolicyMode;
}

/** `qradar-mcp serve`: the MCP server over stdio. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the MCP tools over stdio or Streamable HTTP',
  usage,
  async run(context) {
    const values = parseOptions(context.argv);
    const mode = parseMode(values.mode);
    const clientName = values['client-name'] ?? 'local';
    const httpOptions = parseHttpServeOptions(values);
    const { settings, logger } = context;
    const runtime = await openServerRuntime(settings, logger, { mode });
    if (runtime.backend.embedded) {
      printError(
        `qradar-mcp serve: QRADAR_URL is not set, so the embedded QRadar simulator serves ${runtime.backend.url} (state in ${settings.dataDir}/sim.sqlite).`,
      );
    }
    if (httpOptions !== undefined) {
      return serveOverHttp(context, runtime, httpOptions);
    }
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
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      let closing = false;
      const shutdown = (reason: string): void => {
        if (closing) return;
        closing = true;
        logger.info({ reason }, 'MCP server stopping');
        void server
          .close()
          .catch((error: unknown) => {
            logger.warn({ err: error }, 'failed to close the MCP server');
          })
          .then(() => runtime.close())
          .catch((error: unknown) => {
            logger.warn({ err: error }, 'failed to close the server runtime');
          })
          .finally(resolve);
      };
      transport.onclose = () => {
        shutdown('transport closed');
      };
      process.stdin.once('end', () => {
        shutdown('stdin ended');
      });
      process.once('SIGINT', () => {
        shutdown('SIGINT');
      });
      process.once('SIGTERM', () => {
        shutdown('SIGTERM');
      });
    });
    await server.connect(transport);
    runtime.startSweeper();
    logger.info(
      { mode: runtime.policy.mode, embedded: runtime.backend.embedded },
      'MCP server listening on stdio',
    );
    await closed;
    return exitCodes.ok;
  },
};
