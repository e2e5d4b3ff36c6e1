import {
  isInNetwork,
  normalizeIpAddress,
  parseIpAddress,
  parseNetwork,
  type IpAddress,
} from './ip-address.js';
import type { Policy } from './policy.js';
import type { CanonicalTarget } from './targets.js';
import { roleNames, type RoleName } from './vocabulary.js';

/**
 * Read access to QRadar reference sets; the QRadar client satisfies it.
 * `getReferenceSetValues` returns every element value of one set.
 */
export interface ReferenceDataReader {
  listReferenceSets(options?: {
    signal?: AbortSignal;
  }): Promise<
    { name: string; element_type: string; number_of_elements?: number }[]
  >;
  getReferenceSetValues(
    name: string,
    options?: { signal?: AbortSignal },
  ): Promise<string[]>;
}

/** Source of a role match. */
export type RoleSource =
  | {
      kind: 'reference_set';
      name: string;
      /** `policy` when the policy names the set, `name` when a keyword in its name did. */
      via: 'policy' | 'name';
    }
  | { kind: 'network'; cidr: string };

/** A role that covers a target, the source that gave it and the value that matched. */
export interface RoleMatch {
  role: RoleName;
  source: RoleSource;
  /** The target's address, name or account that the source contains. */
  matched: string;
}

// Keywords that give a set a role by its name; each must start a word of
// the name, so "Untrusted Hosts" does not match "trusted".
const nameKeywords: readonly (readonly [string, RoleName])[] = [
  ['protected', 'protected'],
  ['critical', 'critical'],
  ['privileged', 'privileged_account'],
  ['approved', 'approved_destination'],
  ['authorized', 'allow_source'],
  ['allow', 'allow_source'],
  ['trusted', 'allow_source'],
  ['scanner', 'allow_source'],
  ['pentest', 'allow_source'],
];

const negations = new Set(['non', 'not', 'no', 'un']);

/**
 * Returns the roles a reference set's name gives it: a keyword (protected,
 * critical, privileged, approved, authorized, allow, trusted, scanner,
 * pentest) at the start of a word, not preceded by non, not or no.
 */
export function rolesForSetName(setName: string): RoleName[] {
  const words = setName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const roles = new Set<RoleName>();
  words.forEach((word, index) => {
    const previous = index > 0 ? words[index - 1] : undefined;
    if (previous !== undefined && negations.has(previous)) return;
    for (const [keyword, role] of nameKeywords) {
      if (word.startsWith(keyword)) roles.add(role);
    }
  });
  return [...roles];
}

/** Describes a role's source for people: `reference set Protected Assets`. */
export function describeRoleSource(source: RoleSource): string {
  return source.kind === 'network'
    ? `network ${source.cidr}`
    : `reference set ${source.name}${source.via === 'name' ? ' (by its name)' : ''}`;
}

/**
 * Resolves the roles that cover a target: the policy's networks, the
 * reference sets it names and, when `roleNameDefaults` is on, sets whose
 * names carry a role keyword. It reads QRadar on every call and keeps no
 * cache, so a change to a set applies to the next gated call. Set values
 * compare case-insensitively (also for ALN sets, which errs towards
 * protection); IP and CIDR elements compare by address. Reader errors
 * propagate; the checkpoint denies when roles cannot be read.
 */
export async function resolveRoles(
  target: CanonicalTarget,
  context: {
    referenceData: ReferenceDataReader;
    policy: Policy;
    signal?: AbortSignal | undefined;
  },
): Promise<RoleMatch[]> {
  const candidates = targetCandidates(target);
  if (candidates.addresses.length === 0 && candidates.names.length === 0) {
    return [];
  }
  const { policy } = context;
  const options =
    context.signal === undefined ? {} : { signal: context.signal };
  const matches: RoleMatch[] = [];

  for (const role of roleNames) {
    for (const network of policy.roles[role].networks) {
      const address = candidates.addresses.find((candidate) =>
        isInNetwork(candidate, network),
      );
      if (address !== undefined) {
        matches.push({
          role,
          source: { kind: 'network', cidr: network.cidr },
          matched: address.text,
        });
      }
    }
  }

  const sets = await context.referenceData.listReferenceSets(options);
  const relevant = sets.flatMap((set) => {
    const assigned = setRoles(set.name, policy);
    return assigned.length === 0 ? [] : [{ set, roles: assigned }];
  });
  const contents = await Promise.all(
    relevant.map(({ set }) =>
      context.referenceData.getReferenceSetValues(set.name, options),
    ),
  );
  relevant.forEach(({ set, roles }, index) => {
    const matched = findMatch(
      set.element_type,
      contents[index] ?? [],
      candidates,
    );
    if (matched === undefined) return;
    for (const { role, via } of roles) {
      matches.push({
        role,
        source: { kind: 'reference_set', name: set.name, via },
        matched,
      });
    }
  });
  return matches;
}

function setRoles(
  setName: string,
  policy: Policy,
): { role: RoleName; via: 'policy' | 'name' }[] {
  const assigned: { role: RoleName; via: 'policy' | 'name' }[] = [];
  for (const role of roleNames) {
    const named = policy.roles[role].referenceSets.some(
      (name) => name.toLowerCase() === setName.toLowerCase(),
    );
    if (named) assigned.push({ role, via: 'policy' });
  }
  if (policy.roleNameDefaults) {
    for (const role of rolesForSetName(setName)) {
      if (!assigned.some((entry) => entry.role === role)) {
        assigned.push({ role, via: 'name' });
      }
    }
  }
  return assigned;
}

interface Candidates {
  addresses: IpAddress[];
  /** Lower-case names and addresses compared with string elements. */
  names: string[];
}

function targetCandidates(target: CanonicalTarget): Candidates {
  switch (target.kind) {
    case 'ip':
      return {
        addresses: [parseIpAddress(target.value)],
        names: [target.value],
      };
    case 'host': {
      const shortNames = target.hostnames
        .map((hostname) => hostname.split('.')[0] ?? '')
        .filter((name) => name !== '');
      return {
        addresses: target.ipAddresses.map((address) => parseIpAddress(address)),
        names: unique([
          ...target.ipAddresses,
          ...target.hostnames,
          ...shortNames,
        ]),
      };
    }
    case 'user': {
      const names = [target.value];
      if (target.domain !== null) {
        names.push(
          `${target.domain}\\${target.value}`,
          `${target.value}@${target.domain}`,
        );
      }
      return { addresses: [], names };
    }
    case 'offense':
    case 'action':
      return { addresses: [], names: [] };
  }
}

function findMatch(
  elementType: string,
  values: readonly string[],
  candidates: Candidates,
): string | undefined {
  const type = elementType.toUpperCase();
  if (type === 'NUM' || type === 'PORT' || type === 'DATE') return undefined;
  for (const value of values) {
    if (type === 'CIDR' || value.includes('/')) {
      const network = tryParseNetwork(value);
      const address =
        network === undefined
          ? undefined
          : candidates.addresses.find((candidate) =>
              isInNetwork(candidate, network),
            );
      if (address !== undefined) return address.text;
      continue;
    }
    if (type === 'IP') {
      const normalized = normalizeIpAddress(value);
      const address = candidates.addresses.find(
        (candidate) => candidate.text === normalized,
      );
      if (address !== undefined) return address.text;
      continue;
    }
    const lowered = value.trim().toLowerCase();
    const address = normalizeIpAddress(lowered);
    // A fully qualified element also matches by its first label, which errs
    // towards protection when a host is known only by its short name.
    const forms =
      address !== undefined
        ? [address]
        : [lowered, lowered.split('.')[0] ?? ''];
    const name = candidates.names.find((candidate) =>
      forms.includes(candidate),
    );
    if (name !== undefined) return name;
  }
  return undefined;
}

function tryParseNetwork(
  value: string,
): ReturnType<typeof parseNetwork> | undefined {
  try {
    return parseNetwork(value);
  } catch {
    return undefined;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
