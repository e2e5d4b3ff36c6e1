import { STATUS_CODES } from 'node:http';

/** The JSON body QRadar sends with every failed API call. */
export interface QradarErrorBody {
  http_response: { code: number; message: string };
  /** QRadar's endpoint-specific unique code, not the HTTP status. */
  code: number;
  message: string;
  description: string;
  details: Record<string, unknown>;
}

/** Options of an ApiError beyond its status, code and message. */
export interface ApiErrorOptions {
  description?: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * A failed API call answered with QRadar's error JSON; route handlers throw
 * it and the server turns it into the response.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly qradarCode: number;
  readonly description: string;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    qradarCode: number,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.qradarCode = qradarCode;
    this.description = options.description ?? defaultDescription(qradarCode);
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }

  /** Builds the JSON body of this error. */
  toBody(): QradarErrorBody {
    return {
      http_response: {
        code: this.status,
        message: STATUS_CODES[this.status] ?? 'Error',
      },
      code: this.qradarCode,
      message: this.message,
      description: this.description,
      details: this.details,
    };
  }
}

const descriptions: Record<number, string> = {
  1002: 'The requested object does not exist.',
  1003: 'The requested item does not exist or is not available yet.',
  1004: 'An object with the same name already exists.',
  1005: 'One or more request parameters are invalid.',
  1008: 'The offense is in a state that does not allow the requested change.',
  1010: 'The filter parameter is invalid.',
  1020: 'An error occurred while the request was being processed.',
  1030: 'The sort parameter is invalid.',
  2000: 'The AQL query could not be parsed or run.',
};

function defaultDescription(code: number): string {
  return descriptions[code] ?? '';
}

/** Builds the 404 for an object that does not exist (QRadar code 1002). */
export function notFound(message: string): ApiError {
  return new ApiError(404, 1002, message);
}

/** Builds the 422 for an invalid request parameter (QRadar code 1005). */
export function invalidParameter(message: string): ApiError {
  return new ApiError(422, 1005, message);
}
