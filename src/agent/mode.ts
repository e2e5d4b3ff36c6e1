import { policyModes, type PolicyMode } from '../policy/index.js';

export { policyModes, type PolicyMode };

/** Tells whether a string names a policy mode. */
export function isPolicyMode(value: string): value is PolicyMode {
  return (policyModes as readonly string[]).includes(value);
}

/**
 * Returns the stricter of two modes (monitor is the strictest, autonomous
 * the most permissive), so a requested mode never loosens the policy.
 */
export function stricterMode(
  left: PolicyMode,
  right: PolicyMode | undefined,
): PolicyMode {
  if (right === undefined) return left;
  return policyModes.indexOf(left) <= policyModes.indexOf(right) ? left : right;
}
