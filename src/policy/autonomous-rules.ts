import type { Criticality } from './criticality.js';
import { parseIpAddress } from './ip-address.js';
import type { AutonomousRule, Policy } from './policy.js';
import type { RoleMatch } from './roles.js';
import { addressScope, type CanonicalTarget } from './targets.js';
import { compareCriticality, type GatedAction } from './vocabulary.js';

/** The facts an autonomous rule is matched against. */
export interface AutonomousRuleInput {
  action: GatedAction;
  target: CanonicalTarget;
  confidence: number;
  criticality: Criticality;
  roles: readonly RoleMatch[];
}

/** Returns the first autonomous rule whose conditions all hold, if any. */
export function matchAutonomousRule(
  policy: Policy,
  input: AutonomousRuleInput,
): AutonomousRule | undefined {
  return policy.autonomousRules.find((rule) => ruleHolds(policy, rule, input));
}

function ruleHolds(
  policy: Policy,
  rule: AutonomousRule,
  input: AutonomousRuleInput,
): boolean {
  if (rule.action !== input.action) return false;
  if (
    rule.minConfidence !== undefined &&
    input.confidence < rule.minConfidence
  ) {
    return false;
  }
  if (
    rule.maxCriticality !== undefined &&
    compareCriticality(input.criticality.level, rule.maxCriticality) > 0
  ) {
    return false;
  }
  if (input.roles.some((match) => rule.forbidRoles.includes(match.role))) {
    return false;
  }
  if (rule.address !== 'any') {
    const addresses = targetAddresses(input.target);
    // A rule about addresses never matches a target without one.
    if (addresses.length === 0) return false;
    const inScope = addresses.every(
      (address) =>
        addressScope(parseIpAddress(address), policy.internalNetworks) ===
        rule.address,
    );
    if (!inScope) return false;
  }
  return true;
}

function targetAddresses(target: CanonicalTarget): string[] {
  if (target.kind === 'ip') return [target.value];
  if (target.kind === 'host') return target.ipAddresses;
  return [];
}
