import { randomUUID } from 'node:crypto';
import {
  createServer as createNodeServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

import type { Logger } from '../../config/index.js';
import type { ClientIdentity } from '../../policy/index.js';
import { createHttpAuthenticator } from './authenticator.js';
import { readJsonBody, sendJson, sendJsonRpcError } from './http-responses.js';
import { formatAuthority, isLoopbackHost } from './loopback.js';
import { createOriginCheck, type OriginCheck } from './origin-check.js';
import { guardRequest } from './guard-request.js';
import { createRejectionLog } from './rejection-log.js';

/** Path of the MCP endpoint. */
export const mcpPath = '/mcp';

/** Path of the health check, which never calls QRadar. */
export const healthPath = '/healthz';

/** Options of startHttpServer. */
export interface HttpServerOptions {
  /** Bind address; default 127.0.0.1. */
  host?: string | undefined;
  /** Port; default 8808, 0 picks a free one. */
  port?: number | undefined;
  tokensFile: string;
  /** Browser origins allowed besides the loopback ones on the bound port. */
  allowOrigins?: readonly string[] | undefined;
  logger: Logger;
  /** Builds the MCP server of one session, for the authenticated client. */
  createSessionServer(client: ClientIdentity): McpServer;
  /** Most concurrent sessions; default 100. */
  maxSessions?: number | undefined;
  /** A session without requests for this long may be closed to make room; default 30 minutes. */
  sessionIdleMs?: number | undefined;
  /** Largest POST body accepted, in bytes; default 4 MiB. */
  maxBodyBytes?: number | undefined;
  /** Epoch-millisecond clock for session idleness; default Date.now. */
  now?: (() => number) | undefined;
}

/** A running HTTP server. */
export interface RunningHttpServer {
  /** Base URL, e.g. http://127.0.0.1:8808. */
  url: string;
  /** URL of the MCP endpoint. */
  mcpUrl: string;
  /**
   * `tokens`, or `local` while a loopback server has no tokens file; turns
   * to `tokens` once the file appears.
   */
  readonly authMode: 'tokens' | 'local';
  /** Number of open MCP sessions. */
  sessionCount(): number;
  /** Closes every session and stops listening. */
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  client: ClientIdentity;
  /** Opened without a token, while the server had no tokens file. */
  local: boolean;
  lastUsedMs: number;
}

/**
 * Starts MCP over Streamable HTTP at `/mcp` with stateful sessions, so
 * progress, cancellation and elicitation work, plus `/healthz`. Every MCP
 * request passes, in order: the Host check (loopback binds only), the Origin
 * allow-list (403), the bearer token (401 with WWW-Authenticate), then the
 * session, which stays bound to the client that opened it. When a tokens
 * file appears under a loopback server that ran without one, the sessions
 * opened as `local` are closed and tokens are required from then on. Throws
 * ConfigError before listening when a non-loopback bind has no tokens.
 */
export async function startHttpServer(
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const authenticator = createHttpAuthenticator({
    tokensFile: options.tokensFile,
    loopback,
  });
  const { logger } = options;
  const now = options.now ?? Date.now;
  const maxSessions = options.maxSessions ?? 100;
  const sessionIdleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const sessions = new Map<string, Session>();
  const rejections = createRejectionLog(logger, now);
  // Built once listening, because the allowed loopback origins name the bound port.
  const bound: { originCheck?: OriginCheck } = {};

  const closeSession = async (id: string, reason: string): Promise<void> => {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    logger.info(
      { sessionId: id, client: session.client.name, reason },
      'MCP session closed',
    );
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  };

  const makeRoom = async (): Promise<boolean> => {
    if (sessions.size < maxSessions) return true;
    const idle = [...sessions.entries()].filter(
      ([, session]) => now() - session.lastUsedMs >= sessionIdleMs,
    );
    for (const [id] of idle) await closeSession(id, 'idle');
    return sessions.size < maxSessions;
  };

  const closeLocalSessions = async (): Promise<void> => {
    for (const [id, session] of [...sessions.entries()]) {
      if (session.local) await closeSession(id, 'tokens file created');
    }
  };

  const openSession = async (
    client: ClientIdentity,
    local: boolean,
  ): Promise<StreamableHTTPServerTransport> => {
    const server = options.createSessionServer(client);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, {
          transport,
          server,
          client,
          local,
          lastUsedMs: now(),
        });
        logger.info(
          { sessionId: id, client: client.name, role: client.role },
          'MCP session opened',
        );
      },
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined) void closeSession(id, 'transport closed');
    };
    await server.connect(transport);
    return transport;
  };

  const handleMcp = async (
    request: IncomingMessage & { auth?: AuthInfo },
    response: ServerResponse,
  ): Promise<void> => {
    const check = bound.originCheck;
    if (check === undefined) {
      sendJsonRpcError(response, 503, 'The server is starting: retry.');
      return;
    }
    // Read before authenticating: a session is marked local when the server
    // was local as the request came in, so a racing switch closes it later.
    const local = authenticator.mode === 'local';
    const client = guardRequest(request, response, {
      originCheck: check,
      authenticator,
      rejections,
    });
    // Runs before the session lookup, so a local session's next request
    // finds it closed even when it carries a valid token.
    if (!local) await closeLocalSessions();
    if (client === undefined) return;
    if (!['GET', 'POST', 'DELETE'].includes(request.method ?? '')) {
      sendJsonRpcError(response, 405, 'Method not allowed.', {
        allow: 'GET, POST, DELETE',
      });
      return;
    }

    let body: unknown;
    if (request.method === 'POST') {
      const read = await readJsonBody(request, maxBodyBytes);
      if (!read.ok) {
        sendJsonRpcError(
          response,
          read.status,
          read.message,
          {},
          read.status === 400 ? -32700 : -32000,
        );
        return;
      }
      body = read.body;
    }

    const sessionId = request.headers['mcp-session-id'];
    let transport: StreamableHTTPServerTransport;
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      // A session belongs to the client that opened it: another token gets
      // the same response as an unknown session, so ids cannot be probed.
      if (session === undefined || session.client.name !== client.name) {
        sendJsonRpcError(
          response,
          404,
          'Session not found: initialize a new session.',
          {},
          -32001,
        );
        return;
      }
      session.lastUsedMs = now();
      transport = session.transport;
    } else {
      const messages = Array.isArray(body) ? (body as unknown[]) : [body];
      if (request.method !== 'POST' || !messages.some(isInitializeRequest)) {
        sendJsonRpcError(
          response,
          400,
          'Bad Request: send mcp-session-id, or initialize a session first.',
        );
        return;
      }
      if (!(await makeRoom())) {
        sendJsonRpcError(
          response,
          503,
          `Too many sessions (${maxSessions}): retry later.`,
          {
            'retry-after': '60',
          },
        );
        return;
      }
      transport = await openSession(client, local);
    }

    // The SDK hands authInfo to request handlers, which read the client's
    // name and role from it; the token itself is not passed on.
    request.auth = {
      token: '',
      clientId: client.name,
      scopes: [],
      extra: client.role === undefined ? {} : { role: client.role },
    };
    await transport.handleRequest(request, response, body);
  };

  const httpServer = createNodeServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handled =
      path === mcpPath
        ? handleMcp(request, response)
        : Promise.resolve(
            path === healthPath && request.method === 'GET'
              ? sendJson(response, 200, { status: 'ok' })
              : sendJsonRpcError(
                  response,
                  404,
                  `Not found: MCP is served at ${mcpPath}.`,
                ),
          );
    handled.catch((error: unknown) => {
      logger.error({ err: error, path }, 'failed to handle HTTP request');
      sendJsonRpcError(response, 500, 'Internal server error.', {}, -32603);
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 8808, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  bound.originCheck = createOriginCheck({
    port,
    loopback,
    allowOrigins: options.allowOrigins ?? [],
  });
  const url = `http://${formatAuthority(host, port)}`;
  logger.info(
    {
      url: `${url}${mcpPath}`,
      auth: authenticator.mode,
      allowOrigins: options.allowOrigins ?? [],
    },
    'MCP HTTP server listening',
  );

  return {
    url,
    mcpUrl: `${url}${mcpPath}`,
    get authMode() {
      return authenticator.mode;
    },
    sessionCount: () => sessions.size,
    async close() {
      for (const id of [...sessions.keys()])
        await closeSession(id, 'server stopping');
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      logger.info({ url }, 'MCP HTTP server stopped');
    },
  };
}
