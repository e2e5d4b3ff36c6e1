import type { Dispatcher, Pool } from 'undici';
import { z } from 'zod';

import type { Logger } from '../config/index.js';
import { createHttpError, type RequestContext } from './error-factory.js';
import { QRadarError, QRadarTimeoutError } from './errors.js';
import { sendAttempt, type RawResponse } from './http-attempt.js';
import { createPool } from './pool.js';
import {
  defaultSleep,
  type QRadarClientOptions,
  type RequestOptions,
  type Sleep,
} from './options.js';
import {
  buildQueryString,
  parseContentRange,
  type ContentRange,
  type QueryValue,
} from './query.js';
import {
  computeRetryDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';
import { apiVersionSchema } from './schemas/system.js';
import { createNotJsonError, parseResponse } from './validate.js';
import { pickApiVersion, supportedApiVersions } from './version.js';

/** One call to the QRadar API, described for the transport. */
export interface TransportRequest<Schema extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below `/api`, already encoded, e.g. `/siem/offenses/42`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** Extra headers such as `Range` or `Prefer`. */
  headers?: Readonly<Record<string, string>>;
  schema: Schema;
  /** Root name of the body in validation errors, e.g. `offense`. */
  label: string;
  context: RequestContext;
  /** Marks a POST as safe to repeat; GET and DELETE always are. */
  retrySafe?: boolean;
  options?: RequestOptions | undefined;
}

/** A validated response. */
export interface TransportResult<Data> {
  data: Data;
  status: number;
  contentRange: ContentRange | undefined;
}

const defaultTimeoutMs = 30_000;
const defaultDeadlineMs = 120_000;

/**
 * Sends QRadar API requests over one keep-alive undici Pool: adds the `SEC`,
 * `Version` and `Accept` headers, applies the retry policy and the
 * per-attempt timeout and overall deadline, and validates responses.
 */
export class QRadarTransport {
  readonly origin: string;
  readonly #prefix: string;
  readonly #secToken: string;
  readonly #pool: Pool;
  readonly #logger: Logger;
  readonly #clock: () => number;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #timeoutMs: number;
  readonly #deadlineMs: number;
  readonly #retryPolicy: RetryPolicy;
  readonly #pinnedVersion: string | undefined;
  #negotiatedVersion: Promise<string> | undefined;

  constructor(options: QRadarClientOptions) {
    const { origin, prefix, pool } = createPool(options);
    this.origin = origin;
    this.#prefix = prefix;
    this.#pool = pool;
    this.#secToken = options.secToken;
    this.#logger = options.logger;
    this.#clock = options.clock ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
    this.#timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.#deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
    this.#retryPolicy = {
      ...defaultRetryPolicy,
      maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries,
    };
    this.#pinnedVersion = options.apiVersion;
  }

  /** Returns the `Version` header value, negotiating it on first use. */
  apiVersion(options?: RequestOptions): Promise<string> {
    if (this.#pinnedVersion !== undefined)
      return Promise.resolve(this.#pinnedVersion);
    if (this.#negotiatedVersion === undefined) {
      const negotiation = this.#negotiate(options);
      this.#negotiatedVersion = negotiation;
      // A failed negotiation (console down, bad token) is tried again on the next call.
      negotiation.catch(() => {
        if (this.#negotiatedVersion === negotiation)
          this.#negotiatedVersion = undefined;
      });
    }
    return this.#negotiatedVersion;
  }

  async #negotiate(options: RequestOptions | undefined): Promise<string> {
    const { data } = await this.#send(
      {
        method: 'GET',
        path: '/help/versions',
        schema: z.array(apiVersionSchema),
        label: 'versions',
        context: { action: 'list the API versions of the QRadar console' },
        options,
      },
      undefined,
    );
    const version = pickApiVersion(data);
    if (version === undefined) {
      const offered = data.map((entry) => entry.version).join(', ');
      const hint = `set QRADAR_API_VERSION to one of the console's versions (${offered}), knowing that this client is written for ${supportedApiVersions.at(-1)} to ${supportedApiVersions[0]}`;
      throw new QRadarError(
        `Failed to choose a QRadar API version: the console offers ${offered || 'none'} and this client supports ${supportedApiVersions.at(-1)} to ${supportedApiVersions[0]}. Set QRADAR_API_VERSION to pin one.`,
        {
          code: 'QRADAR_VERSION_UNSUPPORTED',
          method: 'GET',
          path: '/api/help/versions',
          hint,
        },
      );
    }
    this.#logger.info({ version }, 'Negotiated QRadar API version');
    return version;
  }

  /** Sends a request with the negotiated `Version` header and validates the response. */
  async request<Schema extends z.ZodType>(
    request: TransportRequest<Schema>,
  ): Promise<TransportResult<z.output<Schema>>> {
    const version = await this.apiVersion(request.options);
    return this.#send(request, version);
  }

  /** Closes the pool's sockets; later requests fail. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #send<Schema extends z.ZodType>(
    request: TransportRequest<Schema>,
    version: string | undefined,
  ): Promise<TransportResult<z.output<Schema>>> {
    const path = `${this.#prefix}/api${request.path}`;
    const headers: Record<string, string> = {
      SEC: this.#secToken,
      Accept: 'application/json',
      ...request.headers,
    };
    if (version !== undefined) headers['Version'] = version;
    const response = await this.#sendWithRetries(
      request,
      path,
      `${path}${buildQueryString(request.query ?? {})}`,
      headers,
    );
    const source = { method: request.method, path };
    if (!response.isJson) throw createNotJsonError(response.body, source);
    return {
      data: parseResponse(request.schema, response.body, request.label, source),
      status: response.status,
      contentRange: parseContentRange(response.headers['content-range']),
    };
  }

  async #sendWithRetries(
    request: TransportRequest<z.ZodType>,
    path: string,
    pathWithQuery: string,
    headers: Record<string, string>,
  ): Promise<RawResponse> {
    const signal = request.options?.signal;
    const timeoutMs = request.options?.timeoutMs ?? this.#timeoutMs;
    const deadline = this.#clock() + this.#deadlineMs;
    const method: Dispatcher.HttpMethod = request.method;
    const retrySafe = request.method !== 'POST' || request.retrySafe === true;

    for (let retry = 0; ; retry += 1) {
      const remainingMs = deadline - this.#clock();
      if (remainingMs <= 0) throw this.#deadlineError(request, path);
      const startedAt = this.#clock();
      let error: QRadarError;
      try {
        const response = await sendAttempt(this.#pool, this.origin, {
          method,
          path,
          pathWithQuery,
          action: request.context.action,
          headers,
          timeoutMs: Math.min(timeoutMs, remainingMs),
          signal,
        });
        this.#logger.debug(
          {
            method,
            path,
            status: response.status,
            durationMs: this.#clock() - startedAt,
            retry,
          },
          'QRadar request',
        );
        if (response.status < 400) return response;
        error = createHttpError({
          status: response.status,
          body: response.body,
          method,
          path,
          context: request.context,
          retryAfterMs: parseRetryAfter(
            response.headers['retry-after'],
            this.#clock(),
          ),
        });
      } catch (caught) {
        if (!QRadarError.is(caught)) throw caught;
        error = caught;
      }

      const delayMs = this.#retryDelay(error, retry, retrySafe, deadline);
      if (delayMs === undefined) throw error;
      this.#logger.warn(
        {
          method,
          path,
          retry: retry + 1,
          maxRetries: this.#retryPolicy.maxRetries,
          status: error.status,
          code: error.code,
          delayMs,
        },
        `Retrying QRadar request ${method} ${path} (retry ${retry + 1} of ${this.#retryPolicy.maxRetries}) in ${delayMs} ms after ${error.status ?? error.code}`,
      );
      await this.#sleep(delayMs, signal);
    }
  }

  #retryDelay(
    error: QRadarError,
    retry: number,
    retrySafe: boolean,
    deadline: number,
  ): number | undefined {
    const policy = this.#retryPolicy;
    if (!error.retryable || !retrySafe || retry >= policy.maxRetries)
      return undefined;
    if (
      error.retryAfterMs !== undefined &&
      error.retryAfterMs > policy.maxRetryAfterMs
    )
      return undefined;
    const delayMs = computeRetryDelay(
      retry + 1,
      error.retryAfterMs,
      policy,
      this.#random,
    );
    return this.#clock() + delayMs < deadline ? delayMs : undefined;
  }

  #deadlineError(
    request: TransportRequest<z.ZodType>,
    path: string,
  ): QRadarTimeoutError {
    const seconds = this.#deadlineMs / 1000;
    return new QRadarTimeoutError(
      `Failed to ${request.context.action}: no response within the ${seconds} s deadline. Try again later or narrow the request.`,
      {
        code: 'QRADAR_TIMEOUT',
        method: request.method,
        path,
        retryable: true,
        hint: `the call ran past its ${seconds} s deadline: try again later or narrow the request`,
      },
    );
  }
}
