const toolErrorBrand = Symbol.for('qradar-mcp.ToolError');

/** Machine-readable codes of failures that tools raise themselves. */
export type ToolErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_TARGET'
  | 'INVALID_AQL'
  | 'OFFENSE_NOT_FOUND'
  | 'SEARCH_NOT_FOUND'
  | 'SEARCH_FAILED'
  | 'REQUEST_NOT_FOUND'
  | 'ACTION_NOT_FOUND'
  | 'ACTION_NOT_REVERSIBLE'
  | 'AUDIT_UNAVAILABLE'
  | 'EXECUTOR_FAILED'
  | 'CANCELLED';

/**
 * A failure the model can act on: the server boundary turns it into an
 * `isError` result whose text is the message followed by the hint.
 */
export class ToolError extends Error {
  readonly [toolErrorBrand] = true;
  readonly code: ToolErrorCode;
  /** Next step for the caller, naming the tool or input that fixes it. */
  readonly hint: string;

  constructor(
    code: ToolErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ToolError';
    this.code = code;
    this.hint = hint;
  }

  /** Tells whether a value is a ToolError, also across duplicate bundles. */
  static is(value: unknown): value is ToolError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[toolErrorBrand] === true
    );
  }
}
