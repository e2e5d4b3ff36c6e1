import type { IncomingMessage, ServerResponse } from 'node:http';

/** JSON-RPC error code the SDK's HTTP transport uses for transport-level failures. */
const transportErrorCode = -32000;

/** Sends a JSON-RPC error without id, the shape MCP clients read from HTTP failures. */
export function sendJsonRpcError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code = transportErrorCode,
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, {
    'content-type': 'application/json',
    ...headers,
  });
  response.end(
    JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }),
  );
}

/** Sends a small JSON document. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

/**
 * Reads and parses a JSON request body of at most `maxBytes`. Resolves to
 * `{ ok: false }` with the HTTP status to send when the body is too large or
 * not JSON.
 */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<
  | { ok: true; body: unknown }
  | { ok: false; status: 400 | 413; message: string }
> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    request.resume();
    return {
      ok: false,
      status: 413,
      message: `Request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes.`,
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      request.resume();
      return {
        ok: false,
        status: 413,
        message: `Request body exceeds the limit of ${maxBytes} bytes.`,
      };
    }
    chunks.push(buffer);
  }
  try {
    return {
      ok: true,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    };
  } catch {
    return {
      ok: false,
      status: 400,
      message: 'Parse error: the request body is not valid JSON.',
    };
  }
}
