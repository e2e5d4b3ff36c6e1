import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createSilentLogger, type Logger } from '../config/index.js';

/** Checks a signed request; the policy's webhook verifier fits. */
export type SignatureVerifier = (input: {
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}) => { ok: true } | { ok: false; reason: string };

/** Options of the trigger server. */
export interface TriggerServerOptions {
  /** Address to bind; default 127.0.0.1. */
  host?: string | undefined;
  /** TCP port; 0 picks a free one. */
  port: number;
  verify: SignatureVerifier;
  /** Starts (or queues) a triage; its promise is not awaited by the request. */
  onTrigger: (offenseId: number) => void;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
}

/** A listening trigger server. */
export interface TriggerServer {
  url: string;
  close(): Promise<void>;
}

/** Path that accepts triage requests. */
export const triggerPath = '/triage';

const maxBodyBytes = 16_384;

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Starts the HTTP trigger of the runner: `POST /triage` with a JSON body
 * `{"offense_id": N}`, signed with the `X-Qradar-Mcp-Timestamp` and
 * `X-Qradar-Mcp-Signature` headers (HMAC-SHA256 of timestamp + "." + body),
 * accepted within five minutes of the clock. Responds 202 when the triage is
 * queued, 401 for a bad or stale signature, 400 for a bad body.
 */
export async function startTriggerServer(
  options: TriggerServerOptions,
): Promise<TriggerServer> {
  const logger = options.logger ?? createSilentLogger();
  const now = options.now ?? Date.now;
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: Record<string, unknown>): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== triggerPath) {
        reply(404, {
          error: `Path ${path ?? ''} not found: POST ${triggerPath}.`,
        });
        return;
      }
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        reply(405, {
          error: `Method ${request.method ?? ''} not allowed: POST ${triggerPath}.`,
        });
        return;
      }
      const body = await readBody(request);
      if (body === undefined) {
        reply(413, {
          error: `Request body larger than ${maxBodyBytes} bytes.`,
        });
        return;
      }
      const verdict = options.verify({
        body,
        timestamp: header(request, 'X-Qradar-Mcp-Timestamp'),
        signature: header(request, 'X-Qradar-Mcp-Signature'),
        nowMs: now(),
      });
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason }, 'rejected a trigger request');
        reply(401, { error: `Invalid signature: ${verdict.reason}.` });
        return;
      }
      let offenseId: unknown;
      try {
        offenseId = (JSON.parse(body) as Record<string, unknown>)['offense_id'];
      } catch {
        offenseId = undefined;
      }
      if (
        typeof offenseId !== 'number' ||
        !Number.isInteger(offenseId) ||
        offenseId < 1
      ) {
        reply(400, {
          error: 'Invalid body: expected {"offense_id": <positive integer>}.',
        });
        return;
      }
      logger.info({ offenseId }, 'triage triggered');
      options.onTrigger(offenseId);
      reply(202, { offense_id: offenseId, status: 'queued' });
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'failed to handle a trigger request');
      if (!response.headersSent)
        reply(500, { error: 'Failed to handle the request.' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host =
    address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${triggerPath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
