import type { ApprovalRule, Policy } from './policy.js';
import {
  compareCriticality,
  type CriticalityLevel,
  type GatedAction,
} from './vocabulary.js';

/** Whether a named approver may approve a request, and the rule that decided it. */
export type ApproverCheck =
  | { allowed: true; rule: string }
  | {
      allowed: false;
      reason: 'unknown_approver' | 'missing_role' | 'no_rule';
      message: string;
      /** Roles that would be accepted, when a rule matched. */
      neededRoles: string[];
    };

/** Returns the first approval rule that covers an action at a criticality. */
export function findApprovalRule(
  policy: Policy,
  action: GatedAction,
  criticality: CriticalityLevel,
): ApprovalRule | undefined {
  return policy.approvalRules.find(
    (rule) =>
      (rule.actions === undefined || rule.actions.includes(action)) &&
      (rule.minCriticality === undefined ||
        compareCriticality(criticality, rule.minCriticality) >= 0) &&
      (rule.maxCriticality === undefined ||
        compareCriticality(criticality, rule.maxCriticality) <= 0),
  );
}

/**
 * Checks an approver against the policy: the name must be listed under
 * `approvers`, and hold a role that the first matching approval rule accepts
 * (`any` accepts every listed approver).
 */
export function checkApprover(
  policy: Policy,
  request: {
    approver: string;
    action: GatedAction;
    criticality: CriticalityLevel;
  },
): ApproverCheck {
  const approver = policy.approvers.find(
    (entry) => entry.name === request.approver,
  );
  if (approver === undefined) {
    return {
      allowed: false,
      reason: 'unknown_approver',
      message: `Approver ${JSON.stringify(request.approver)} not found in the policy's approvers (${policy.source}): pass --as with one of ${policy.approvers.map((entry) => entry.name).join(', ') || '(none listed)'}.`,
      neededRoles: [],
    };
  }
  const rule = findApprovalRule(policy, request.action, request.criticality);
  if (rule === undefined) {
    return {
      allowed: false,
      reason: 'no_rule',
      message: `No approval rule in ${policy.source} covers ${request.action} at ${request.criticality} criticality, so nobody may approve it. Add an approval_rules entry to allow it.`,
      neededRoles: [],
    };
  }
  const accepted =
    rule.approverRoles.includes('any') ||
    approver.roles.some((role) => rule.approverRoles.includes(role));
  if (!accepted) {
    return {
      allowed: false,
      reason: 'missing_role',
      message: `Approver ${JSON.stringify(approver.name)} may not approve ${request.action} at ${request.criticality} criticality: rule ${rule.name} needs the role ${rule.approverRoles.join(' or ')}, and ${approver.name} has ${approver.roles.join(', ')}. Ask an approver with that role.`,
      neededRoles: rule.approverRoles,
    };
  }
  return { allowed: true, rule: rule.name };
}

/**
 * Checks whether an MCP client's role may give an in-chat approval: the first
 * matching approval rule must accept `any` or the client's role.
 */
export function checkClientApprover(
  policy: Policy,
  request: {
    client: { name: string; role?: string | undefined };
    action: GatedAction;
    criticality: CriticalityLevel;
  },
): { allowed: boolean; reason: string } {
  const { client } = request;
  const rule = findApprovalRule(policy, request.action, request.criticality);
  if (rule === undefined) {
    return {
      allowed: false,
      reason: `no approval rule covers ${request.action} at ${request.criticality} criticality`,
    };
  }
  const accepted =
    rule.approverRoles.includes('any') ||
    (client.role !== undefined && rule.approverRoles.includes(client.role));
  if (accepted) return { allowed: true, reason: `rule ${rule.name}` };
  return {
    allowed: false,
    reason: `rule ${rule.name} needs the role ${rule.approverRoles.join(' or ')}, and client ${client.name} has ${client.role ?? 'no role'}`,
  };
}
