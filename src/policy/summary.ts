import type { Policy } from './policy.js';
import { roleNames } from './vocabulary.js';

/**
 * Summarizes the policy as plain JSON for models (`qradar://policy`) and for
 * `qradar-mcp policy show`: mode, roles and their sources, the autonomous
 * rules, the block set and rate limits. Approver names are left out.
 */
export function summarizePolicy(policy: Policy): Record<string, unknown> {
  return {
    source: policy.source,
    mode: policy.mode,
    internal_networks: policy.internalNetworks.map((network) => network.cidr),
    roles: Object.fromEntries(
      roleNames.map((role) => [
        role,
        {
          reference_sets: policy.roles[role].referenceSets,
          networks: policy.roles[role].networks.map((network) => network.cidr),
        },
      ]),
    ),
    role_name_defaults: policy.roleNameDefaults,
    block: {
      reference_set: policy.block.referenceSet,
      time_to_live: policy.block.timeToLive.text,
    },
    executors: {
      isolate_host: describeExecutor(policy.executors.isolate_host),
      disable_user: describeExecutor(policy.executors.disable_user),
    },
    autonomous_rules: policy.autonomousRules.map((rule) => ({
      name: rule.name,
      action: rule.action,
      ...(rule.minConfidence === undefined
        ? {}
        : { min_confidence: rule.minConfidence }),
      ...(rule.maxCriticality === undefined
        ? {}
        : { max_criticality: rule.maxCriticality }),
      address: rule.address,
      forbid_roles: rule.forbidRoles,
    })),
    approval_rules: policy.approvalRules.map((rule) => ({
      name: rule.name,
      ...(rule.actions === undefined ? {} : { actions: rule.actions }),
      ...(rule.minCriticality === undefined
        ? {}
        : { min_criticality: rule.minCriticality }),
      ...(rule.maxCriticality === undefined
        ? {}
        : { max_criticality: rule.maxCriticality }),
      approver_roles: rule.approverRoles,
    })),
    elicitation: {
      enabled: policy.elicitation.enabled,
      actions: policy.elicitation.actions,
      max_criticality: policy.elicitation.maxCriticality,
    },
    rate_limits: {
      gated_per_hour: policy.rateLimits.gatedPerHour,
      per_action_per_hour: policy.rateLimits.perActionPerHour,
    },
    approval_expiry: policy.approvalExpiry.text,
    token_lifetime: policy.tokenLifetime.text,
  };
}

function describeExecutor(
  executor: Policy['executors']['isolate_host'],
): Record<string, string> {
  // The webhook URL may carry a credential in its path, so only its host is shown.
  return executor.type === 'reference_set'
    ? { type: 'reference_set', reference_set: executor.referenceSet }
    : { type: 'webhook', host: safeHost(executor.url) };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid url)';
  }
}
