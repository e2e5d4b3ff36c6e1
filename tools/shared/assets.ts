import { z } from 'zod';

import {
  criticalityInputFromProperties,
  criticalityLevels,
  deriveCriticality,
  describeRoleSource,
  normalizeIpAddress,
  resolveRoles,
  type AssetRecord,
  type AssetResolver,
  type HostTarget,
  type Policy,
  type ReferenceDataReader,
  type RoleMatch,
} from '../../src/policy/index.js';
import type { Asset, QRadarClient } from '../../src/qradar/index.js';
import { hostnameSpellings, matchHostname } from './hostnames.js';
import { optionalUntrustedText, untrustedText } from './untrusted.js';

/** A role covering a value, with the set or network that gives it. */
export const roleSchema = z.object({ role: z.string(), source: z.string() });

/** An asset as tools return it: criticality with its derivation, roles, untrusted fields apart. */
export const assetSummarySchema = z.object({
  id: z.number().int(),
  ips: z.array(z.string()),
  criticality: z.enum(criticalityLevels),
  criticality_derivation: z.array(z.string()),
  roles: z.array(roleSchema),
  risk_score: z.number().nullable(),
  vulnerability_count: z.number().int().nullable(),
  untrusted: z.object({
    name: z.string().nullable(),
    hostnames: z.array(z.string()),
    owner: z.string().nullable(),
    location: z.string().nullable(),
    description: z.string().nullable(),
    users: z.array(z.string()),
  }),
});

/** An asset as tools return it. */
export type AssetSummary = z.input<typeof assetSummarySchema>;

const maxListedNames = 5;

/** Reduces a QRadar asset to what the policy reads; undefined without an id. */
export function toAssetRecord(asset: Asset): AssetRecord | undefined {
  if (typeof asset.id !== 'number') return undefined;
  const ipAddresses: string[] = [];
  for (const networkInterface of asset.interfaces ?? []) {
    for (const address of networkInterface.ip_addresses ?? []) {
      const canonical =
        typeof address.value === 'string'
          ? normalizeIpAddress(address.value)
          : undefined;
      if (canonical !== undefined && !ipAddresses.includes(canonical))
        ipAddresses.push(canonical);
    }
  }
  const hostnames = (asset.hostnames ?? [])
    .map((hostname) => hostname.name)
    .filter((name): name is string => typeof name === 'string' && name !== '');
  const properties: Record<string, string> = {};
  for (const property of asset.properties ?? []) {
    if (typeof property.name === 'string' && typeof property.value === 'string')
      properties[property.name] = property.value;
  }
  return { id: asset.id, ipAddresses, hostnames, properties };
}

/**
 * Picks the asset that is the named host among assets a lookup returned: an
 * exact name match (case ignored) before a short-name match, then QRadar's
 * order. Undefined when none matches (see matchHostname).
 */
export function pickHostAsset(
  assets: readonly Asset[],
  hostname: string,
): AssetRecord | undefined {
  let shortMatch: AssetRecord | undefined;
  for (const asset of assets) {
    const record = toAssetRecord(asset);
    if (record === undefined) continue;
    const match = matchHostname(record.hostnames, hostname);
    if (match === 'exact') return record;
    if (match === 'short') shortMatch ??= record;
  }
  return shortMatch;
}

/**
 * Implements the policy's AssetResolver with the QRadar client: the first
 * asset whose interfaces hold the address, or the asset that pickHostAsset
 * chooses among those found by every spelling of the name (hostnameSpellings).
 */
export function createAssetResolver(
  client: QRadarClient,
  signal: AbortSignal,
): AssetResolver {
  return {
    async findAsset(query) {
      if ('hostname' in query) {
        const assets = await client.getAssetsByHostnames(
          hostnameSpellings(query.hostname),
          { signal },
        );
        return pickHostAsset(assets, query.hostname);
      }
      for (const asset of await client.getAssetsByIps([query.ip], {
        signal,
      })) {
        const record = toAssetRecord(asset);
        if (record !== undefined) return record;
      }
      return undefined;
    },
  };
}

/** Builds the isolate_host-style target of a known asset, for role lookups. */
export function hostTargetOfAsset(record: AssetRecord): HostTarget {
  const hostnames = record.hostnames.map((name) => name.toLowerCase());
  return {
    kind: 'host',
    value: `asset:${record.id}`,
    label: `asset ${record.id}`,
    input: `asset:${record.id}`,
    asset: record,
    ipAddresses: record.ipAddresses,
    hostnames,
  };
}

/** Formats role matches for a tool result: `{role, source}` with the source in words. */
export function describeRoles(
  matches: readonly RoleMatch[],
): { role: string; source: string }[] {
  const seen = new Set<string>();
  const roles: { role: string; source: string }[] = [];
  for (const match of matches) {
    const source = describeRoleSource(match.source);
    const key = `${match.role}\u0000${source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    roles.push({ role: match.role, source });
  }
  return roles;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Summarizes an asset with its roles (read from QRadar now) and the
 * criticality derived from its Weight, CVSS properties and roles.
 */
export async function summarizeAsset(
  asset: Asset,
  record: AssetRecord,
  context: {
    policy: Policy;
    referenceData: ReferenceDataReader;
    signal: AbortSignal;
  },
): Promise<AssetSummary> {
  const matches = await resolveRoles(hostTargetOfAsset(record), {
    referenceData: context.referenceData,
    policy: context.policy,
    signal: context.signal,
  });
  const criticality = deriveCriticality({
    ...criticalityInputFromProperties(record.properties),
    roles: matches,
  });
  const properties = record.properties;
  const owner =
    properties['Business Owner'] ??
    properties['Technical Owner'] ??
    properties['Business Contact'];
  const users = (asset.users ?? [])
    .map((user) => user.username)
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .slice(0, maxListedNames)
    .map((name) => untrustedText(name, 100));
  return {
    id: record.id,
    ips: record.ipAddresses,
    criticality: criticality.level,
    criticality_derivation: criticality.derivation,
    roles: describeRoles(matches),
    risk_score: numberOrNull(asset.risk_score_sum),
    vulnerability_count: numberOrNull(asset.vulnerability_count),
    untrusted: {
      name: optionalUntrustedText(
        properties['Unified Name'] ?? properties['Given Name'],
        100,
      ),
      hostnames: record.hostnames
        .slice(0, maxListedNames)
        .map((name) => untrustedText(name, 100)),
      owner: optionalUntrustedText(owner, 100),
      location: optionalUntrustedText(properties['Location'], 100),
      description: optionalUntrustedText(properties['Description'], 200),
      users,
    },
  };
}
