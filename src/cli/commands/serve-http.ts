import type { ServerRuntime } from '../../server/index.js';
import { createServer } from '../../server/index.js';
import { normalizeOrigin, startHttpServer } from '../../server/http/index.js';
import { exitCodes, UsageError, type CommandContext } from '../command.js';
import { printError } from '../output.js';

/** Port of `serve --http` when --port is not given. */
export const defaultHttpPort = 8808;

/** Listen address, port and extra browser origins of `serve --http`. */
export interface HttpServeOptions {
  host: string;
  port: number;
  allowOrigins: string[];
}

/**
 * Reads --host, --port and --allow-origin of `serve`; returns undefined
 * without --http. Throws UsageError for an invalid value or for HTTP flags
 * without --http.
 */
export function parseHttpServeOptions(values: {
  http?: boolean | undefined;
  host?: string | undefined;
  port?: string | undefined;
  'allow-origin'?: string[] | undefined;
}): HttpServeOptions | undefined {
  const origins = values['allow-origin'] ?? [];
  if (values.http !== true) {
    if (
      values.host !== undefined ||
      values.port !== undefined ||
      origins.length > 0
    ) {
      throw new UsageError('--host, --port and --allow-origin need --http.');
    }
    return undefined;
  }
  const portText = values.port ?? String(defaultHttpPort);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535) {
    throw new UsageError(
      `Invalid --port ${JSON.stringify(portText)}: expected a number from 0 to 65535.`,
    );
  }
  let allowOrigins: string[];
  try {
    allowOrigins = origins.map(normalizeOrigin);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { host: values.host ?? '127.0.0.1', port, allowOrigins };
}

/**
 * Serves MCP over Streamable HTTP until SIGINT or SIGTERM: one MCP server per
 * session, for the client that the bearer token names, over the shared
 * runtime. Resolves to the exit code after closing the sessions and the
 * runtime.
 */
export async function serveOverHttp(
  context: CommandContext,
  runtime: ServerRuntime,
  options: HttpServeOptions,
): Promise<number> {
  const { settings, logger } = context;
  let http;
  try {
    http = await startHttpServer({
      host: options.host,
      port: options.port,
      tokensFile: settings.httpTokensFile,
      allowOrigins: options.allowOrigins,
      logger,
      createSessionServer: (client) =>
        createServer({
          settings,
          logger,
          client: runtime.backend.client,
          store: runtime.store,
          policy: runtime.policy,
          clientIdentity: client,
          checkpoint: runtime.checkpoint,
          actions: runtime.actions,
          secrets: runtime.backend.secrets,
        }),
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  runtime.startSweeper();
  printError(
    http.authMode === 'local'
      ? `qradar-mcp serve: MCP at ${http.mcpUrl}; no tokens file at ${settings.httpTokensFile}, so every loopback request is the client "local" until qradar-mcp tokens add creates it.`
      : `qradar-mcp serve: MCP at ${http.mcpUrl}; clients authenticate with bearer tokens from ${settings.httpTokensFile}.`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'MCP HTTP server stopping');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await http.close();
  await runtime.close();
  return exitCodes.ok;
}
