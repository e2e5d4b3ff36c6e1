import { z } from 'zod';

import { normalizeIpAddress } from '../src/policy/index.js';
import type { Asset } from '../src/qradar/index.js';
import {
  assetSummarySchema,
  summarizeAsset,
  toAssetRecord,
  type AssetSummary,
} from './shared/assets.js';
import { createCallScopedReferenceReader } from './shared/reference-data.js';
import { offenseIdSchema } from './shared/schemas.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const maxLookups = 20;
const maxAssets = 20;

const inputSchema = z.strictObject({
  ips: z.array(z.string().min(2).max(45)).max(maxLookups).optional(),
  hostnames: z.array(z.string().min(1).max(253)).max(maxLookups).optional(),
  offense_id: offenseIdSchema
    .optional()
    .describe('Look up the assets behind this offense’s addresses'),
});

const outputSchema = z.object({
  assets: z.array(assetSummarySchema),
  not_found: z.object({
    ips: z.array(z.string()),
    hostnames: z.array(z.string()),
  }),
  more: z.number().int(),
});

function assetHasIp(asset: Asset, ip: string): boolean {
  return (asset.interfaces ?? []).some((networkInterface) =>
    (networkInterface.ip_addresses ?? []).some(
      (address) =>
        typeof address.value === 'string' &&
        normalizeIpAddress(address.value) === ip,
    ),
  );
}

function assetHasHostname(asset: Asset, hostname: string): boolean {
  const wanted = hostname.toLowerCase();
  return (asset.hostnames ?? []).some(
    (entry) => entry.name?.toLowerCase() === wanted,
  );
}

/** get_assets: assets with criticality, its derivation and roles. */
export const getAssetsTool = defineTool({
  name: 'get_assets',
  title: 'Get assets',
  description:
    'Assets by IP, host name or offense: criticality (low to critical) with its derivation from Weight, CVSS and roles, reference-set roles, risk score; names, owners and users under `untrusted`.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'read',
  async handler(input, context) {
    const { client, signal } = context;
    const ips = new Set<string>();
    const invalid: string[] = [];
    for (const ip of input.ips ?? []) {
      const canonical = normalizeIpAddress(ip);
      if (canonical === undefined) invalid.push(ip);
      else ips.add(canonical);
    }
    if (invalid.length > 0) {
      throw new ToolError(
        'INVALID_INPUT',
        `Invalid ips ${JSON.stringify(invalid.slice(0, 3))}: expected IPv4 or IPv6 addresses.`,
        'Pass single addresses such as 10.0.5.20, without prefix lengths.',
      );
    }
    const hostnames = [
      ...new Set(
        (input.hostnames ?? []).map((name) => name.trim().toLowerCase()),
      ),
    ];
    if (input.offense_id !== undefined) {
      const offense = await client.getOffense(input.offense_id, {
        fields: ['id', 'source_address_ids', 'local_destination_address_ids'],
        signal,
      });
      const [sources, destinations] = await Promise.all([
        client.getSourceAddresses(offense.source_address_ids ?? [], { signal }),
        client.getLocalDestinationAddresses(
          offense.local_destination_address_ids ?? [],
          { signal },
        ),
      ]);
      for (const address of destinations)
        if (typeof address.local_destination_ip === 'string')
          ips.add(address.local_destination_ip);
      for (const address of sources)
        if (typeof address.source_ip === 'string') ips.add(address.source_ip);
    }
    if (ips.size === 0 && hostnames.length === 0) {
      if (input.offense_id !== undefined)
        return { assets: [], not_found: { ips: [], hostnames: [] }, more: 0 };
      throw new ToolError(
        'INVALID_INPUT',
        'Invalid arguments: pass ips, hostnames or offense_id.',
        'Call get_assets with at least one of ips, hostnames or offense_id.',
      );
    }

    const [byIp, byName] = await Promise.all([
      ips.size === 0 ? [] : client.getAssetsByIps([...ips], { signal }),
      hostnames.length === 0
        ? []
        : client.getAssetsByHostnames(hostnames, { signal }),
    ]);
    const unique = new Map<number, Asset>();
    for (const asset of [...byIp, ...byName]) {
      if (typeof asset.id === 'number' && !unique.has(asset.id))
        unique.set(asset.id, asset);
    }
    const found = [...unique.values()];
    const referenceData = createCallScopedReferenceReader(client, signal);
    const summaries: AssetSummary[] = [];
    for (const asset of found.slice(0, maxAssets)) {
      const record = toAssetRecord(asset);
      if (record === undefined) continue;
      summaries.push(
        await summarizeAsset(asset, record, {
          policy: context.policy,
          referenceData,
          signal,
        }),
      );
    }
    return {
      assets: summaries,
      not_found: {
        ips: [...ips].filter(
          (ip) => !found.some((asset) => assetHasIp(asset, ip)),
        ),
        hostnames: hostnames.filter(
          (name) => !found.some((asset) => assetHasHostname(asset, name)),
        ),
      },
      more: Math.max(0, found.length - maxAssets),
    };
  },
});
