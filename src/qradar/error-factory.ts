import { sanitizeText } from '../text/index.js';
import {
  QRadarAuthError,
  QRadarBadRequestError,
  QRadarConflictError,
  QRadarError,
  QRadarForbiddenError,
  QRadarNotFoundError,
  QRadarRateLimitError,
  QRadarServerError,
  QRadarUnprocessableError,
  type QRadarErrorDetails,
} from './errors.js';

/**
 * Purpose of a request, so that its errors can name the object and the next
 * step.
 */
export interface RequestContext {
  /** Completes "Failed to …", e.g. `get offense 42`. */
  action: string;
  /** The object a 404 names, in lower case, e.g. `offense 42`. */
  subject?: string;
  /** Next step after a 404, e.g. `list open offenses with list_offenses`. */
  notFoundHint?: string;
  /** Next step after a 409. */
  conflictHint?: string;
  /** Next step after a 422. */
  unprocessableHint?: string;
}

/** QRadar's error body: `{http_response, code, message, description, details}`. */
export interface QRadarErrorBody {
  code?: number;
  message?: string;
  description?: string;
}

/** Inputs of createHttpError: the response and the request it belongs to. */
export interface HttpErrorInput {
  status: number;
  body: unknown;
  method: string;
  path: string;
  context: RequestContext;
  retryAfterMs?: number | undefined;
}

const retryableStatuses = new Set([429, 502, 503, 504]);

/** Reads QRadar's error body fields, ignoring anything of another shape. */
export function readErrorBody(body: unknown): QRadarErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const result: QRadarErrorBody = {};
  if (typeof record['code'] === 'number') result.code = record['code'];
  if (typeof record['message'] === 'string')
    result.message = sanitizeText(record['message'], { maxLength: 300 });
  if (typeof record['description'] === 'string')
    result.description = sanitizeText(record['description'], {
      maxLength: 300,
    });
  return result;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function statusLabel(status: number, qradarCode: number | undefined): string {
  return qradarCode === undefined
    ? `HTTP ${status}`
    : `HTTP ${status}, QRadar code ${qradarCode}`;
}

function describeHint(
  status: number,
  input: HttpErrorInput,
  body: QRadarErrorBody,
): string {
  const { context, method, path } = input;
  switch (status) {
    case 401:
      return 'check QRADAR_SEC_TOKEN, or create a new authorized service token in Admin > Authorized Services';
    case 403:
      return `grant the authorized service a user role and security profile that allow ${method} ${path}`;
    case 404:
      return context.notFoundHint ?? 'check the id or name and try again';
    case 409:
      return (
        context.conflictHint ??
        'read the current state of the object and retry with consistent values'
      );
    case 422:
      return (
        context.unprocessableHint ??
        'correct the parameter that the message names and try again'
      );
    case 429:
      return input.retryAfterMs === undefined
        ? 'wait a minute before trying again'
        : `wait ${Math.ceil(input.retryAfterMs / 1000)} s before trying again`;
    default:
      if (status === 503 && path.startsWith('/api/ariel'))
        return 'the Ariel search service is unavailable: try again in a minute';
      if (status >= 500)
        return 'try again later; if the error persists, check the console health';
      return body.message === undefined
        ? 'check the request parameters'
        : 'correct the request as the message says';
  }
}

function describeReason(status: number, body: QRadarErrorBody): string {
  const label = statusLabel(status, body.code);
  if (status === 401) return `QRadar rejected the SEC token (${label})`;
  if (status === 429) return `QRadar is rate limiting requests (${label})`;
  const text = body.message ?? body.description;
  return text === undefined
    ? `QRadar returned ${label}`
    : `${text.replace(/[.\s]+$/, '')} (${label})`;
}

/**
 * Builds the error for a non-2xx response, choosing the subclass by status so
 * that callers can branch on `code` or on the class.
 */
export function createHttpError(input: HttpErrorInput): QRadarError {
  const { status, context } = input;
  const body = readErrorBody(input.body);
  const hint = describeHint(status, input, body);
  const details: QRadarErrorDetails = {
    code: 'QRADAR_HTTP_ERROR',
    status,
    qradarCode: body.code,
    qradarMessage: body.message,
    description: body.description,
    method: input.method,
    path: input.path,
    retryable: retryableStatuses.has(status),
    hint,
    retryAfterMs: input.retryAfterMs,
  };

  if (status === 404 && context.subject !== undefined) {
    const notFoundHint = `${context.subject} not found: ${hint}`;
    return new QRadarNotFoundError(withPeriod(capitalize(notFoundHint)), {
      ...details,
      code: 'QRADAR_NOT_FOUND',
      hint: notFoundHint,
    });
  }

  const message = `Failed to ${context.action}: ${describeReason(status, body)}. ${withPeriod(capitalize(hint))}`;
  switch (status) {
    case 400:
      return new QRadarBadRequestError(message, {
        ...details,
        code: 'QRADAR_BAD_REQUEST',
      });
    case 401:
      return new QRadarAuthError(message, {
        ...details,
        code: 'QRADAR_AUTH_FAILED',
      });
    case 403:
      return new QRadarForbiddenError(message, {
        ...details,
        code: 'QRADAR_FORBIDDEN',
      });
    case 404:
      return new QRadarNotFoundError(message, {
        ...details,
        code: 'QRADAR_NOT_FOUND',
      });
    case 409:
      return new QRadarConflictError(message, {
        ...details,
        code: 'QRADAR_CONFLICT',
      });
    case 422:
      return new QRadarUnprocessableError(message, {
        ...details,
        code: 'QRADAR_UNPROCESSABLE',
      });
    case 429:
      return new QRadarRateLimitError(message, {
        ...details,
        code: 'QRADAR_RATE_LIMITED',
      });
    default:
      if (status >= 500)
        return new QRadarServerError(message, {
          ...details,
          code: 'QRADAR_SERVER_ERROR',
        });
      return new QRadarError(message, details);
  }
}
