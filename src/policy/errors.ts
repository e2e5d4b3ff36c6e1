const policyErrorBrand = Symbol.for('qradar-mcp.PolicyError');

/** Machine-readable reasons a policy operation failed. */
export type PolicyErrorCode =
  | 'INVALID_TARGET'
  | 'INVALID_MODE_OVERRIDE'
  | 'REQUEST_NOT_FOUND'
  | 'REQUEST_NOT_PENDING'
  | 'APPROVER_UNKNOWN'
  | 'APPROVER_NOT_ALLOWED'
  | 'APPROVER_KEY_UNAVAILABLE';

/**
 * A failed policy operation that is not a policy outcome: an invalid target,
 * an unknown approval request, an approver without the needed role. Policy
 * outcomes (executed, approval_required, denied) are values, never errors.
 */
export class PolicyError extends Error {
  readonly [policyErrorBrand] = true;
  readonly code: PolicyErrorCode;

  constructor(
    code: PolicyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(
      message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PolicyError';
    this.code = code;
  }

  /** Tells whether a value is a PolicyError, also across duplicate bundles. */
  static is(value: unknown): value is PolicyError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[policyErrorBrand] === true
    );
  }
}
