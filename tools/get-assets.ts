import { z } from 'zod';

import { normalizeIpAddress, parseIpAddress } from '../src/policy/index.js';
import type { Asset } from '../src/qradar/index.js';
import {
  assetSummarySchema,
  summarizeAsset,
  toAssetRecord,
  type AssetSummary,
} from './shared/assets.js';
import { hostnameSpellings, matchHostname } from './shared/hostnames.js';
import { createCallScopedReferenceReader } from './shared/reference-data.js';
import { countOf, listOrNone, TextRenderer } from './shared/render.js';
import { renderAsset } from './shared/render-items.js';
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
  const names = (asset.hostnames ?? [])
    .map((entry) => entry.name)
    .filter((name): name is string => typeof name === 'string');
  return matchHostname(names, hostname) !== undefined;
}

/** Explains the first invalid address with canonicalizeIp's reason. */
function invalidIpsError(invalid: readonly string[]): ToolError {
  let reason = `Invalid ip ${JSON.stringify(invalid[0])}.`;
  try {
    parseIpAddress(invalid[0] ?? '');
  } catch (error) {
    if (error instanceof Error) reason = error.message;
  }
  const others =
    invalid.length > 1
      ? ` Also invalid: ${JSON.stringify(invalid.slice(1, 4))}${invalid.length > 4 ? ` and ${invalid.length - 4} more` : ''}.`
      : '';
  return new ToolError(
    'INVALID_INPUT',
    `${reason}${others}`,
    'Pass single addresses such as 10.0.5.20 in ips, without prefix lengths; nothing was looked up.',
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
    if (invalid.length > 0) throw invalidIpsError(invalid);
    // Requested names keyed by lower case, so each host is looked up once.
    const requestedNames = new Map<string, string>();
    for (const name of input.hostnames ?? []) {
      const trimmed = name.trim().replace(/\.$/, '');
      if (trimmed !== '' && !requestedNames.has(trimmed.toLowerCase()))
        requestedNames.set(trimmed.toLowerCase(), trimmed);
    }
    const hostnames = [...requestedNames.keys()];
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
        : client.getAssetsByHostnames(
            [...requestedNames.values()].flatMap((name) =>
              hostnameSpellings(name),
            ),
            { signal },
          ),
    ]);
    // A short-name lookup may return hosts of other domains; keep only the
    // assets that match a requested name.
    const named = byName.filter((asset) =>
      hostnames.some((name) => assetHasHostname(asset, name)),
    );
    const unique = new Map<number, Asset>();
    for (const asset of [...byIp, ...named]) {
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
  render(output) {
    const more =
      output.more > 0
        ? ` (${output.more} more not shown: look up fewer addresses or names)`
        : '';
    const text = new TextRenderer().line(
      `${countOf(output.assets.length, 'asset')} found${more}.`,
    );
    const { ips, hostnames } = output.not_found;
    if (ips.length > 0 || hostnames.length > 0)
      text.line(
        `Not found: ips ${listOrNone(ips)}; host names ${listOrNone(hostnames)}.`,
      );
    for (const asset of output.assets) renderAsset(text, asset);
    return text.toString();
  },
});
