// The fixed words of the policy: actions the checkpoint gates, modes,
// criticality levels and reference-set roles.

/** Actions that pass the checkpoint, each acting on exactly one target. */
export const gatedActions = [
  'block_ip',
  'isolate_host',
  'disable_user',
  'update_offense',
  'rollback_action',
] as const;

/** One of `gatedActions`. */
export type GatedAction = (typeof gatedActions)[number];

/**
 * Policy modes, strictest first: `monitor` executes nothing, `approve` needs
 * an approval for every gated action, `autonomous` lets rules allow some.
 */
export const policyModes = ['monitor', 'approve', 'autonomous'] as const;

/** One of `policyModes`. */
export type PolicyMode = (typeof policyModes)[number];

/** Criticality levels, lowest first. */
export const criticalityLevels = ['low', 'medium', 'high', 'critical'] as const;

/** One of `criticalityLevels`. */
export type CriticalityLevel = (typeof criticalityLevels)[number];

/** Roles that reference sets and networks give to the values they contain. */
export const roleNames = [
  'protected',
  'critical',
  'allow_source',
  'approved_destination',
  'privileged_account',
] as const;

/** One of `roleNames`. */
export type RoleName = (typeof roleNames)[number];

/** Compares two levels: negative when `a` is lower than `b`. */
export function compareCriticality(
  a: CriticalityLevel,
  b: CriticalityLevel,
): number {
  return criticalityLevels.indexOf(a) - criticalityLevels.indexOf(b);
}

/** Tells whether a string is one of the gated actions. */
export function isGatedAction(value: string): value is GatedAction {
  return (gatedActions as readonly string[]).includes(value);
}
