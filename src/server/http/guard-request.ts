import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ClientIdentity } from '../../policy/index.js';
import type { HttpAuthenticator } from './authenticator.js';
import { sendJsonRpcError } from './http-responses.js';
import type { OriginCheck } from './origin-check.js';
import type { RejectionLog } from './rejection-log.js';

const corsHeaders =
  'authorization, content-type, mcp-session-id, mcp-protocol-version, last-event-id';

/**
 * Checks one request to `/mcp` before the MCP transport handles it, in this order: the Host
 * header (403), the Origin (403), a CORS preflight (204, no token needed,
 * because browsers send none), then the bearer token (401 with
 * WWW-Authenticate). Returns the authenticated client, or undefined once it
 * has answered the request itself.
 */
export function guardRequest(
  request: IncomingMessage,
  response: ServerResponse,
  guards: {
    originCheck: OriginCheck;
    authenticator: HttpAuthenticator;
    rejections: RejectionLog;
  },
): ClientIdentity | undefined {
  const { originCheck, rejections } = guards;
  const origin = request.headers.origin;
  const remote = request.socket.remoteAddress ?? 'unknown';
  if (!originCheck.isHostAllowed(request.headers.host)) {
    rejections.record('host', remote, { host: request.headers.host });
    sendJsonRpcError(response, 403, 'Forbidden: Host header not allowed.');
    return undefined;
  }
  if (!originCheck.isOriginAllowed(origin)) {
    rejections.record('origin', remote, { origin });
    sendJsonRpcError(
      response,
      403,
      'Forbidden: Origin not allowed. The server operator can allow it with --allow-origin.',
    );
    return undefined;
  }
  if (origin !== undefined) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', 'mcp-session-id');
    response.setHeader('vary', 'origin');
  }
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': corsHeaders,
      'access-control-max-age': '600',
    });
    response.end();
    return undefined;
  }

  const authentication = guards.authenticator.authenticate(
    request.headers.authorization,
  );
  if (authentication.ok) return authentication.client;
  rejections.record(authentication.reason, remote, {});
  const isInvalid = authentication.reason === 'invalid_token';
  sendJsonRpcError(
    response,
    401,
    isInvalid
      ? 'Unauthorized: the bearer token is not valid.'
      : 'Unauthorized: send Authorization: Bearer <token> (qradar-mcp tokens add creates one).',
    {
      'www-authenticate': isInvalid
        ? 'Bearer realm="qradar-mcp", error="invalid_token"'
        : 'Bearer realm="qradar-mcp"',
    },
  );
  return undefined;
}
