// NOTE: kept here until src/policy exports its mode names; the order is the
// policy's: monitor is the strictest, autonomous the most permissive.

/** Policy modes, strictest first. */
export const policyModes = ['monitor', 'approve', 'autonomous'] as const;

export type PolicyMode = (typeof policyModes)[number];

/** Tells whether a string names a policy mode. */
export function isPolicyMode(value: string): value is PolicyMode {
  return (policyModes as readonly string[]).includes(value);
}

/** Returns the stricter of two modes, so a requested mode never loosens the policy. */
export function stricterMode(
  left: PolicyMode,
  right: PolicyMode | undefined,
): PolicyMode {
  if (right === undefined) return left;
  return policyModes.indexOf(left) <= policyModes.indexOf(right) ? left : right;
}
