import type { Dispatcher, Pool } from 'undici';

import { createConnectionError } from './connection-error.js';
import { QRadarTimeoutError } from './errors.js';

/** The raw response of one HTTP exchange. */
export interface RawResponse {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  /** Parsed JSON, the text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** False when a non-empty body was not JSON. */
  isJson: boolean;
}

/** One HTTP exchange to send through the pool. */
export interface AttemptRequest {
  method: Dispatcher.HttpMethod;
  /** Path with query string, e.g. `/api/siem/offenses?filter=…`. */
  pathWithQuery: string;
  /** Path without query string, used in errors and logs. */
  path: string;
  /** Completes "Failed to …" in a timeout message. */
  action: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

function normalizeHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    result[name.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : value;
  return result;
}

function parseBody(text: string): { body: unknown; isJson: boolean } {
  if (text.trim() === '') return { body: undefined, isJson: true };
  try {
    return { body: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { body: text, isJson: false };
  }
}

/**
 * Sends one request through the pool with its own timeout. The caller's
 * abort rejects with the signal's reason; the timeout rejects with a
 * QRadarTimeoutError and socket or TLS failures with a QRadarConnectionError.
 */
export async function sendAttempt(
  pool: Pool,
  origin: string,
  request: AttemptRequest,
): Promise<RawResponse> {
  const { signal } = request;
  signal?.throwIfAborted();

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  timer.unref();
  const forwardAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  try {
    const response = await pool.request({
      method: request.method,
      path: request.pathWithQuery,
      headers: request.headers,
      signal: controller.signal,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      headers: normalizeHeaders(response.headers),
      ...parseBody(text),
    };
  } catch (error) {
    if (signal?.aborted === true) throw signal.reason;
    if (timedOut) {
      const seconds = request.timeoutMs / 1000;
      throw new QRadarTimeoutError(
        `Failed to ${request.action}: no response within ${seconds} s. Narrow the request, or raise the timeout if the console is slow.`,
        {
          code: 'QRADAR_TIMEOUT',
          method: request.method,
          path: request.path,
          retryable: true,
          hint: `the console did not answer within ${seconds} s: narrow the request or try again later`,
          cause: error,
        },
      );
    }
    throw createConnectionError(error, {
      origin,
      method: request.method,
      path: request.path,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}
