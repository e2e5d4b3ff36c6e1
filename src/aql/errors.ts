const aqlErrorBrand = Symbol.for('qradar-mcp.AqlError');

/** QRadar's unique error code for invalid AQL, returned with HTTP 422. */
export const aqlErrorQradarCode = 2000;

/** Describes where in the query text an error was found. */
export interface AqlErrorLocation {
  /** 0-based character offset into the query. */
  position: number;
  /** Source text of the token at that position; empty at the end of the query. */
  token: string;
}

/**
 * Formats a QRadar-like AQL error message that names the position and token,
 * such as `Invalid AQL at position 42 near "GROUP": <reason>. <next step>`.
 */
export function formatAqlMessage(
  location: AqlErrorLocation,
  reason: string,
  nextStep?: string,
): string {
  const where =
    location.token === ''
      ? `at position ${location.position} (end of query)`
      : `at position ${location.position} near "${location.token}"`;
  const suffix = nextStep === undefined ? '' : ` ${nextStep}`;
  return `Invalid AQL ${where}: ${reason}.${suffix}`;
}

/** Failure to parse, validate or run an AQL query; QRadar reports it as 422 with code 2000. */
export class AqlError extends Error {
  readonly code: string = 'AQL_INVALID';
  readonly qradarCode = aqlErrorQradarCode;
  readonly [aqlErrorBrand] = true;
  readonly position: number | undefined;
  readonly token: string | undefined;

  constructor(
    message: string,
    options?: { location?: AqlErrorLocation; cause?: unknown },
  ) {
    super(
      message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'AqlError';
    this.position = options?.location?.position;
    this.token = options?.location?.token;
  }

  /** Tells whether a value is an AqlError (or AqlSyntaxError), also across duplicate bundles. */
  static is(value: unknown): value is AqlError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[aqlErrorBrand] === true
    );
  }
}

/** Query text that breaks the AQL grammar or a run_aql limit, located by position and token. */
export class AqlSyntaxError extends AqlError {
  override readonly code: string = 'AQL_SYNTAX';
  override readonly position: number;
  override readonly token: string;

  constructor(location: AqlErrorLocation, reason: string, nextStep?: string) {
    super(formatAqlMessage(location, reason, nextStep), { location });
    this.name = 'AqlSyntaxError';
    this.position = location.position;
    this.token = location.token;
  }

  /** Tells whether a value is an AqlSyntaxError, also across duplicate bundles. */
  static isSyntaxError(value: unknown): value is AqlSyntaxError {
    return AqlError.is(value) && value.code === 'AQL_SYNTAX';
  }
}
