const providerErrorBrand = Symbol.for('qradar-mcp.ProviderError');

/** Machine codes of model-provider failures. */
export type ProviderErrorCode =
  | 'RATE_LIMITED'
  | 'OVERLOADED'
  | 'AUTHENTICATION'
  | 'BAD_REQUEST'
  | 'SERVER'
  | 'CONNECTION'
  | 'CASSETTE_MISS'
  | 'MISSING_API_KEY'
  | 'INVALID_RESPONSE';

/** A failed model call, with whether our retry policy may repeat it. */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Delay the vendor asked for through Retry-After, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly [providerErrorBrand] = true;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: {
      status?: number | undefined;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ProviderError';
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.retryable = code === 'RATE_LIMITED' || code === 'OVERLOADED';
  }

  /** Tells whether a value is a ProviderError, also across duplicate bundles. */
  static is(value: unknown): value is ProviderError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[providerErrorBrand] === true
    );
  }
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers === 'object' && headers !== null) {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date) from
 * response headers; returns milliseconds or undefined.
 */
export function parseRetryAfter(
  headers: unknown,
  nowMs: number,
): number | undefined {
  const milliseconds = readHeader(headers, 'retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) {
    return Number(milliseconds);
  }
  const value = readHeader(headers, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function bodyErrorType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const nested = record['error'];
  if (typeof nested === 'object' && nested !== null) {
    const type = (nested as Record<string, unknown>)['type'];
    if (typeof type === 'string') return type;
  }
  const type = record['type'];
  return typeof type === 'string' ? type : undefined;
}

/**
 * Maps an SDK error (Anthropic or OpenAI, which share one shape: status,
 * headers, error body) to a ProviderError; 429 is rate limited; 529
 * (Anthropic), 503 (OpenAI's "engine overloaded") and an `overloaded_error`
 * body are overloaded.
 */
export function toProviderError(
  error: unknown,
  provider: string,
  nowMs: number,
): ProviderError {
  if (ProviderError.is(error)) return error;
  const record = (
    typeof error === 'object' && error !== null ? error : {}
  ) as Record<string, unknown>;
  const status =
    typeof record['status'] === 'number' ? record['status'] : undefined;
  const retryAfterMs = parseRetryAfter(record['headers'], nowMs);
  const reason = error instanceof Error ? error.message : String(error);
  const type = bodyErrorType(record['error']);
  let code: ProviderErrorCode;
  if (status === 429) code = 'RATE_LIMITED';
  else if (status === 529 || status === 503 || type === 'overloaded_error')
    code = 'OVERLOADED';
  else if (status === 401 || status === 403) code = 'AUTHENTICATION';
  else if (status !== undefined && status >= 400 && status < 500)
    code = 'BAD_REQUEST';
  else if (status !== undefined) code = 'SERVER';
  else code = 'CONNECTION';
  const next =
    code === 'AUTHENTICATION'
      ? 'Check the API key.'
      : code === 'RATE_LIMITED' || code === 'OVERLOADED'
        ? 'Wait and run it again.'
        : 'Check the provider settings and its status page.';
  return new ProviderError(
    code,
    `Failed to call the ${provider} model: ${reason}. ${next}`,
    { status, retryAfterMs, cause: error },
  );
}
