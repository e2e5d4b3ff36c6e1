import { PolicyError } from './errors.js';
import type { Policy } from './policy.js';
import { policyModes, type PolicyMode } from './vocabulary.js';

/**
 * Returns the policy with a mode requested on the command line. The mode may
 * only be stricter than the policy's (monitor is strictest, then approve),
 * unless `allowLooser` is set (meant for the eval harness only). Throws
 * PolicyError `INVALID_MODE_OVERRIDE`.
 */
export function withModeOverride(
  policy: Policy,
  requested: PolicyMode | undefined,
  options: { allowLooser?: boolean } = {},
): Policy {
  if (requested === undefined || requested === policy.mode) return policy;
  const looser =
    policyModes.indexOf(requested) > policyModes.indexOf(policy.mode);
  if (looser && options.allowLooser !== true) {
    throw new PolicyError(
      'INVALID_MODE_OVERRIDE',
      `Invalid --mode ${requested}: the policy ${policy.source} runs in ${policy.mode} mode, and --mode may only make it stricter (${policyModes.slice(0, policyModes.indexOf(policy.mode) + 1).join(' or ')}). Change mode in the policy file instead.`,
    );
  }
  return {
    ...policy,
    mode: requested,
    fileMode: policy.fileMode ?? policy.mode,
  };
}
