const actionErrorBrand = Symbol.for('qradar-mcp.ActionError');

/** Machine-readable reasons an action operation failed. */
export type ActionErrorCode =
  | 'ACTION_NOT_FOUND'
  | 'ACTION_NOT_ACTIVE'
  | 'ACTION_NOT_SUPPORTED'
  | 'EXECUTOR_CHANGED'
  | 'ROLLBACK_FAILED'
  | 'AUDIT_UNAVAILABLE';

/** A failed rollback or lookup; `hint` names the next step. */
export class ActionError extends Error {
  readonly [actionErrorBrand] = true;
  readonly code: ActionErrorCode;
  readonly hint: string;

  constructor(
    code: ActionErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ActionError';
    this.code = code;
    this.hint = hint;
  }

  /** Tells whether a value is an ActionError, also across duplicate bundles. */
  static is(value: unknown): value is ActionError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[actionErrorBrand] === true
    );
  }
}
