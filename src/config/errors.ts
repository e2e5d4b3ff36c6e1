const configErrorBrand = Symbol.for('qradar-mcp.ConfigError');

/** Invalid or missing setting; the message names the variable and the expected form. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly [configErrorBrand] = true;
  readonly variable: string | undefined;

  constructor(
    message: string,
    options?: { variable?: string; cause?: unknown },
  ) {
    super(
      message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ConfigError';
    this.variable = options?.variable;
  }

  /** Tells whether a value is a ConfigError, also across duplicate bundles. */
  static is(value: unknown): value is ConfigError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[configErrorBrand] === true
    );
  }
}
