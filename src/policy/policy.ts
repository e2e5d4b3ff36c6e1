import type { Duration } from './durations.js';
import type { Network } from './ip-address.js';
import type { PolicyFile } from './policy-schema.js';
import {
  gatedActions,
  roleNames,
  type CriticalityLevel,
  type GatedAction,
  type PolicyMode,
  type RoleName,
} from './vocabulary.js';

/** Sources of a role: named reference sets and networks. */
export interface RoleSources {
  referenceSets: string[];
  networks: Network[];
}

/** Executor configuration of isolate_host or disable_user. */
export type ExecutorConfig =
  | { type: 'reference_set'; referenceSet: string }
  | { type: 'webhook'; url: string; secretEnv: string };

/**
 * A rule that lets an action run without approval in autonomous mode when
 * every condition given holds.
 */
export interface AutonomousRule {
  name: string;
  action: GatedAction;
  minConfidence: number | undefined;
  maxCriticality: CriticalityLevel | undefined;
  /** Address scope of an ip target (or of every address of a host). */
  address: 'external' | 'internal' | 'any';
  /** Roles that must not cover the target. */
  forbidRoles: RoleName[];
}

/** A rule naming the approver roles for some requests; the first matching rule applies. */
export interface ApprovalRule {
  name: string;
  /** Actions the rule covers; undefined covers all. */
  actions: GatedAction[] | undefined;
  minCriticality: CriticalityLevel | undefined;
  maxCriticality: CriticalityLevel | undefined;
  /** Approver roles accepted; `any` accepts every listed approver. */
  approverRoles: string[];
}

/** A named approver and the approver roles the policy gives them. */
export interface Approver {
  name: string;
  roles: string[];
}

/** The loaded policy (see policy/default-policy.yaml for each key). */
export interface Policy {
  /** File the policy was read from. */
  source: string;
  mode: PolicyMode;
  /** Mode written in the policy file, set when a `--mode` override changed `mode`. */
  fileMode?: PolicyMode | undefined;
  internalNetworks: Network[];
  roles: Record<RoleName, RoleSources>;
  /** Whether keywords in set names also give roles. */
  roleNameDefaults: boolean;
  block: { referenceSet: string; timeToLive: Duration };
  executors: { isolate_host: ExecutorConfig; disable_user: ExecutorConfig };
  autonomousRules: AutonomousRule[];
  approvers: Approver[];
  approvalRules: ApprovalRule[];
  elicitation: {
    enabled: boolean;
    actions: GatedAction[];
    maxCriticality: CriticalityLevel;
  };
  rateLimits: {
    gatedPerHour: number;
    perActionPerHour: Partial<Record<GatedAction, number>>;
  };
  notify: { url: string; secretEnv: string } | null;
  approvalExpiry: Duration;
  tokenLifetime: Duration;
}

/** Maps the validated file onto the Policy type. */
export function toPolicy(file: PolicyFile, source: string): Policy {
  const roles = {} as Record<RoleName, RoleSources>;
  for (const role of roleNames) {
    const sources = file.roles[role];
    roles[role] = {
      referenceSets: sources?.reference_sets ?? [],
      networks: sources?.networks ?? [],
    };
  }
  const perActionPerHour: Partial<Record<GatedAction, number>> = {};
  for (const action of gatedActions) {
    const limit = file.rate_limits.per_action_per_hour[action];
    if (limit !== undefined) perActionPerHour[action] = limit;
  }
  return {
    source,
    mode: file.mode,
    internalNetworks: file.internal_networks,
    roles,
    roleNameDefaults: file.role_name_defaults,
    block: {
      referenceSet: file.block.reference_set,
      timeToLive: file.block.time_to_live,
    },
    executors: {
      isolate_host: toExecutor(file.executors.isolate_host),
      disable_user: toExecutor(file.executors.disable_user),
    },
    autonomousRules: file.autonomous_rules.map((rule) => ({
      name: rule.name,
      action: rule.action,
      minConfidence: rule.min_confidence,
      maxCriticality: rule.max_criticality,
      address: rule.address,
      forbidRoles: rule.forbid_roles,
    })),
    approvers: Object.entries(file.approvers).map(([name, approverRoles]) => ({
      name,
      roles: approverRoles,
    })),
    approvalRules: file.approval_rules.map((rule) => ({
      name: rule.name,
      actions: rule.actions,
      minCriticality: rule.min_criticality,
      maxCriticality: rule.max_criticality,
      approverRoles: rule.approver_roles,
    })),
    elicitation: {
      enabled: file.elicitation.enabled,
      actions: file.elicitation.actions,
      maxCriticality: file.elicitation.max_criticality,
    },
    rateLimits: {
      gatedPerHour: file.rate_limits.gated_per_hour,
      perActionPerHour,
    },
    notify:
      file.notify === null
        ? null
        : { url: file.notify.url, secretEnv: file.notify.secret_env },
    approvalExpiry: file.approval_expiry,
    tokenLifetime: file.token_lifetime,
  };
}

function toExecutor(
  executor: PolicyFile['executors']['isolate_host'],
): ExecutorConfig {
  return executor.type === 'reference_set'
    ? { type: 'reference_set', referenceSet: executor.reference_set }
    : { type: 'webhook', url: executor.url, secretEnv: executor.secret_env };
}
