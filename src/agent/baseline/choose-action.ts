import type { Recommendation } from '../recommendation.js';
import type { ActorGroup } from './actors.js';
import { scopeOf } from './classify.js';
import type { AssetFact, EventFact, TriageFacts } from './facts.js';
import type { ActionRule, Playbook } from './playbook-schema.js';

/** One action and target considered, with the guard that refused it, if any. */
export interface Candidate {
  rule: ActionRule;
  target: string;
  refusal: string | undefined;
}

/** Inputs of the action choice. */
export interface ActionInput {
  facts: TriageFacts;
  playbook: Playbook;
  primary: ActorGroup;
  /** External addresses that drove the primary actor. */
  drivers: string[];
  stage: Exclude<Recommendation['attack_stage'], 'benign'>;
  confidence: number;
  /** Events whose text addressed an automated responder. */
  injectedEvents: ReadonlySet<EventFact>;
}

/** Returns the roles of the values, lower-cased lookups. */
export function rolesOf(
  facts: TriageFacts,
  values: readonly string[],
): Set<string> {
  const roles = new Set<string>();
  for (const value of values) {
    for (const role of facts.roles.get(value.toLowerCase()) ?? []) {
      roles.add(role);
    }
  }
  return roles;
}

/** Returns the asset holding an address. */
export function assetOf(facts: TriageFacts, ip: string): AssetFact | undefined {
  return facts.assets.find((asset) => asset.ips.includes(ip));
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*');
  return new RegExp(`^${source}$`).test(value.toLowerCase());
}

/** Returns the account part of `CORP\jdoe` or `jdoe@corp.example`, if it looks like one. */
function accountName(raw: string): string | undefined {
  const name = raw.includes('\\')
    ? raw.slice(raw.lastIndexOf('\\') + 1)
    : (raw.split('@')[0] ?? raw);
  return /^[A-Za-z0-9][\w.$-]{0,63}$/.test(name)
    ? name.toLowerCase()
    : undefined;
}

function refuseAccount(target: string, input: ActionInput): string | undefined {
  const { facts, playbook } = input;
  const guards = playbook.guards;
  const roles = rolesOf(facts, [target]);
  const blocked = [
    ...guards.never_disable_roles,
    ...guards.forbidden_roles,
  ].find((role) => roles.has(role));
  if (blocked !== undefined) return `account ${target} has role ${blocked}`;
  if (
    guards.never_disable_accounts.some((pattern) =>
      globMatches(pattern, target),
    )
  ) {
    return `account ${target} is built-in, break-glass or privileged`;
  }
  return undefined;
}

function refuseAddress(
  rule: ActionRule,
  target: string,
  input: ActionInput,
): string | undefined {
  const { facts, playbook, confidence } = input;
  const guards = playbook.guards;
  const asset = assetOf(facts, target);
  const roles = rolesOf(facts, [target, ...(asset?.hostnames ?? [])]);
  for (const role of asset?.roles ?? []) roles.add(role);
  const forbidden = guards.forbidden_roles.find((role) => roles.has(role));
  if (forbidden !== undefined) return `${target} has role ${forbidden}`;
  const scope = scopeOf(target, facts, playbook);
  if (rule.action === 'block_ip') {
    return scope === 'external'
      ? undefined
      : `${target} is not an external address`;
  }
  if (scope !== 'internal') return `${target} is not an internal endpoint`;
  const criticality = asset?.criticality;
  if (
    criticality !== undefined &&
    guards.high_value_criticalities.includes(criticality) &&
    confidence < guards.high_value_min_confidence
  ) {
    return `${target} is a ${criticality}-criticality asset and the evidence (confidence ${confidence.toFixed(2)}) is below the bar of ${guards.high_value_min_confidence}`;
  }
  return undefined;
}

function targetsOf(rule: ActionRule, input: ActionInput): string[] {
  const { primary, facts, playbook } = input;
  if (rule.target === 'actor_ip') {
    if (primary.kind !== 'ip') return [];
    const scope = scopeOf(primary.actor, facts, playbook);
    if (rule.actor_scope === 'external' && scope !== 'external') {
      // An internal actor driven from outside: its driver is the attacker.
      return input.drivers;
    }
    if (rule.actor_scope !== undefined && rule.actor_scope !== scope) return [];
    return [primary.actor];
  }
  if (rule.target === 'remote_ip') {
    const remotes = primary.hits
      .filter((hit) => rule.stages.includes(hit.stage))
      .map((hit) => hit.remoteIp);
    return [...new Set(remotes.filter((ip): ip is string => ip !== undefined))];
  }
  // Accounts come only from signals that show an account being abused, and
  // never from an event whose text addressed the responder.
  const tainted = new Set(
    [...input.injectedEvents]
      .map((event) => accountName(event.username ?? ''))
      .filter((name): name is string => name !== undefined),
  );
  const names = primary.hits
    .filter((hit) => rule.stages.includes(hit.stage))
    .flatMap((hit) => hit.accounts)
    .map(accountName)
    .filter((name): name is string => name !== undefined && !tainted.has(name));
  return [...new Set(names)];
}

/**
 * Tries the playbook's action rules in order and returns the first
 * candidate that passes the guards, with the others as alternatives.
 */
export function chooseAction(input: ActionInput): {
  chosen: Candidate | undefined;
  others: Candidate[];
} {
  const candidates: Candidate[] = [];
  for (const rule of input.playbook.actions) {
    if (!rule.stages.includes(input.stage)) continue;
    for (const target of targetsOf(rule, input).slice(0, 3)) {
      const refusal =
        rule.action === 'disable_user'
          ? refuseAccount(target, input)
          : refuseAddress(rule, target, input);
      candidates.push({ rule, target, refusal });
    }
  }
  const chosen = candidates.find(
    (candidate) => candidate.refusal === undefined,
  );
  return {
    chosen,
    others: candidates.filter((candidate) => candidate !== chosen),
  };
}
