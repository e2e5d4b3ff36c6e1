const qradarErrorBrand = Symbol.for('qradar-mcp.QRadarError');

/** Machine-readable codes of the QRadar client's errors. */
export type QRadarErrorCode =
  | 'QRADAR_BAD_REQUEST'
  | 'QRADAR_AUTH_FAILED'
  | 'QRADAR_FORBIDDEN'
  | 'QRADAR_NOT_FOUND'
  | 'QRADAR_CONFLICT'
  | 'QRADAR_UNPROCESSABLE'
  | 'QRADAR_RATE_LIMITED'
  | 'QRADAR_SERVER_ERROR'
  | 'QRADAR_HTTP_ERROR'
  | 'QRADAR_CONNECTION_FAILED'
  | 'QRADAR_TIMEOUT'
  | 'QRADAR_INVALID_RESPONSE'
  | 'QRADAR_VERSION_UNSUPPORTED'
  | 'QRADAR_SEARCH_FAILED';

/** Fields every QRadar client error carries besides its message. */
export interface QRadarErrorDetails {
  code: QRadarErrorCode;
  /** HTTP status, when the console responded. */
  status?: number | undefined;
  /** QRadar's endpoint-specific error number (the `code` of its error body). */
  qradarCode?: number | undefined;
  /** QRadar's `message` field, verbatim. */
  qradarMessage?: string | undefined;
  /** QRadar's `description` field, verbatim. */
  description?: string | undefined;
  /** HTTP method of the failed request. */
  method?: string | undefined;
  /** Request path without query string or credentials, e.g. `/api/siem/offenses/42`. */
  path?: string | undefined;
  /** Whether repeating the same request later may succeed. */
  retryable?: boolean;
  /** Next step a person or a model can act on. */
  hint: string;
  /** Wait the console asked for in `Retry-After`, in milliseconds. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the QRadar client throws. `code` names the kind
 * and `hint` the next step. Check with `QRadarError.is`, which survives
 * duplicate copies of this module.
 */
export class QRadarError extends Error {
  readonly [qradarErrorBrand] = true;
  readonly code: QRadarErrorCode;
  readonly status: number | undefined;
  readonly qradarCode: number | undefined;
  readonly qradarMessage: string | undefined;
  readonly description: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly retryable: boolean;
  readonly hint: string;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: QRadarErrorDetails) {
    super(
      message,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'QRadarError';
    this.code = details.code;
    this.status = details.status;
    this.qradarCode = details.qradarCode;
    this.qradarMessage = details.qradarMessage;
    this.description = details.description;
    this.method = details.method;
    this.path = details.path;
    this.retryable = details.retryable ?? false;
    this.hint = details.hint;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Tells whether a value is a QRadarError, also across duplicate bundles. */
  static is(value: unknown): value is QRadarError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[qradarErrorBrand] === true
    );
  }

  /** Returns the fields that are safe to log or to show a model. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      qradarCode: this.qradarCode,
      qradarMessage: this.qradarMessage,
      description: this.description,
      method: this.method,
      path: this.path,
      retryable: this.retryable,
      hint: this.hint,
    };
  }
}

function hasCode<T extends QRadarError>(
  value: unknown,
  code: QRadarErrorCode,
): value is T {
  return QRadarError.is(value) && value.code === code;
}

/** HTTP 400: the console could not read the request. */
export class QRadarBadRequestError extends QRadarError {
  override readonly name = 'QRadarBadRequestError';
  /** Tells whether a value is a QRadarBadRequestError. */
  static override is(value: unknown): value is QRadarBadRequestError {
    return hasCode(value, 'QRADAR_BAD_REQUEST');
  }
}

/** HTTP 401: the SEC token is missing, wrong or revoked. */
export class QRadarAuthError extends QRadarError {
  override readonly name = 'QRadarAuthError';
  /** Tells whether a value is a QRadarAuthError. */
  static override is(value: unknown): value is QRadarAuthError {
    return hasCode(value, 'QRADAR_AUTH_FAILED');
  }
}

/** HTTP 403: the token lacks the capability for this endpoint. */
export class QRadarForbiddenError extends QRadarError {
  override readonly name = 'QRadarForbiddenError';
  /** Tells whether a value is a QRadarForbiddenError. */
  static override is(value: unknown): value is QRadarForbiddenError {
    return hasCode(value, 'QRADAR_FORBIDDEN');
  }
}

/** HTTP 404: the object (offense, note, set, set value, search) does not exist. */
export class QRadarNotFoundError extends QRadarError {
  override readonly name = 'QRadarNotFoundError';
  /** Tells whether a value is a QRadarNotFoundError. */
  static override is(value: unknown): value is QRadarNotFoundError {
    return hasCode(value, 'QRADAR_NOT_FOUND');
  }
}

/** HTTP 409: the change conflicts with the object's state or an existing name. */
export class QRadarConflictError extends QRadarError {
  override readonly name = 'QRadarConflictError';
  /** Tells whether a value is a QRadarConflictError. */
  static override is(value: unknown): value is QRadarConflictError {
    return hasCode(value, 'QRADAR_CONFLICT');
  }
}

/** HTTP 422: a parameter, filter, sort or AQL query is invalid. */
export class QRadarUnprocessableError extends QRadarError {
  override readonly name = 'QRadarUnprocessableError';
  /** Tells whether a value is a QRadarUnprocessableError. */
  static override is(value: unknown): value is QRadarUnprocessableError {
    return hasCode(value, 'QRADAR_UNPROCESSABLE');
  }
}

/** HTTP 429: the console asked the client to slow down. */
export class QRadarRateLimitError extends QRadarError {
  override readonly name = 'QRadarRateLimitError';
  /** Tells whether a value is a QRadarRateLimitError. */
  static override is(value: unknown): value is QRadarRateLimitError {
    return hasCode(value, 'QRADAR_RATE_LIMITED');
  }
}

/** HTTP 5xx: the console or one of its services failed. */
export class QRadarServerError extends QRadarError {
  override readonly name = 'QRadarServerError';
  /** Tells whether a value is a QRadarServerError. */
  static override is(value: unknown): value is QRadarServerError {
    return hasCode(value, 'QRADAR_SERVER_ERROR');
  }
}

/** No HTTP response: refused, reset or TLS-rejected connection. */
export class QRadarConnectionError extends QRadarError {
  override readonly name = 'QRadarConnectionError';
  /** Tells whether a value is a QRadarConnectionError. */
  static override is(value: unknown): value is QRadarConnectionError {
    return hasCode(value, 'QRADAR_CONNECTION_FAILED');
  }
}

/** A request or an Ariel search ran past its timeout or deadline. */
export class QRadarTimeoutError extends QRadarError {
  override readonly name = 'QRadarTimeoutError';
  /** Tells whether a value is a QRadarTimeoutError. */
  static override is(value: unknown): value is QRadarTimeoutError {
    return hasCode(value, 'QRADAR_TIMEOUT');
  }
}

/** The console responded 2xx with a body that does not match the expected shape. */
export class QRadarResponseValidationError extends QRadarError {
  override readonly name = 'QRadarResponseValidationError';
  /** Tells whether a value is a QRadarResponseValidationError. */
  static override is(value: unknown): value is QRadarResponseValidationError {
    return hasCode(value, 'QRADAR_INVALID_RESPONSE');
  }
}
