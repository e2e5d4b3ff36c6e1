const storeErrorBrand = Symbol.for('qradar-mcp.StoreError');

/** Machine-readable reasons a store operation failed. */
export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_TOO_NEW'
  | 'MIGRATION_FAILED'
  | 'AUDIT_WRITE_FAILED'
  | 'AUDIT_HEAD_UNREADABLE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_FAILED';

/**
 * A failure of the state store. When `code` is `AUDIT_WRITE_FAILED`, nothing
 * of the operation was committed, and callers must not run an executor.
 */
export class StoreError extends Error {
  readonly [storeErrorBrand] = true;
  readonly code: StoreErrorCode;

  constructor(
    code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'StoreError';
    this.code = code;
  }

  /** Tells whether a value is a StoreError, also across duplicate bundles. */
  static is(value: unknown): value is StoreError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[storeErrorBrand] === true
    );
  }
}
