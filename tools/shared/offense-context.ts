import {
  and,
  eq,
  inList,
  type Note,
  type Offense,
  type QRadarClient,
} from '../../src/qradar/index.js';
import { summarizeAsset, toAssetRecord, type AssetSummary } from './assets.js';
import { optionalUntrustedText } from './untrusted.js';

// Reads behind get_offense: each resolves one part of the decision picture
// and is allowed to fail on its own, so one missing part becomes a warning.

const maxAssets = 10;
const notesPageSize = 50;
const maxRelated = 5;

/** Another open offense that shares a source address with the one read. */
export interface RelatedOffense {
  id: number;
  status: string | null;
  magnitude: number | null;
  shared_sources: string[];
  untrusted: { description: string | null };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Resolves an offense's source and local destination address ids to IPs. */
export async function addressesOf(
  client: QRadarClient,
  offense: Offense,
  signal: AbortSignal,
): Promise<{ sources: string[]; destinations: string[] }> {
  const sourceIds = offense.source_address_ids ?? [];
  const destinationIds = offense.local_destination_address_ids ?? [];
  const [sources, destinations] = await Promise.all([
    sourceIds.length === 0
      ? []
      : client.getSourceAddresses(sourceIds, {
          fields: ['id', 'source_ip'],
          signal,
        }),
    destinationIds.length === 0
      ? []
      : client.getLocalDestinationAddresses(destinationIds, {
          fields: ['id', 'local_destination_ip'],
          signal,
        }),
  ]);
  return {
    sources: sources
      .map((address) => address.source_ip)
      .filter((ip): ip is string => typeof ip === 'string'),
    destinations: destinations
      .map((address) => address.local_destination_ip)
      .filter((ip): ip is string => typeof ip === 'string'),
  };
}

/** Reads the newest notes of an offense (QRadar lists them oldest first) and the total. */
export async function newestNotesOf(
  client: QRadarClient,
  offenseId: number,
  signal: AbortSignal,
): Promise<{ items: Note[]; total: number }> {
  const first = await client.listNotes(offenseId, {
    range: { start: 0, limit: notesPageSize },
    signal,
  });
  const total = first.total ?? first.items.length;
  if (total <= first.items.length) return { items: first.items, total };
  const last = await client.listNotes(offenseId, {
    range: { start: Math.max(0, total - notesPageSize), limit: notesPageSize },
    signal,
  });
  return { items: last.items, total };
}

/** Lists open offenses that share a source address with the offense, newest first. */
export async function relatedOffensesOf(
  client: QRadarClient,
  offenseId: number,
  sourceIps: readonly string[],
  signal: AbortSignal,
): Promise<RelatedOffense[]> {
  if (sourceIps.length === 0) return [];
  const records = await client.getSourceAddressesByIp(sourceIps, {
    fields: ['id', 'source_ip', 'offense_ids'],
    signal,
  });
  const sharedBy = new Map<number, Set<string>>();
  for (const record of records) {
    for (const id of record.offense_ids ?? []) {
      if (id === offenseId || typeof record.source_ip !== 'string') continue;
      const shared = sharedBy.get(id) ?? new Set<string>();
      shared.add(record.source_ip);
      sharedBy.set(id, shared);
    }
  }
  if (sharedBy.size === 0) return [];
  const page = await client.listOffenses({
    filter: and(eq('status', 'OPEN'), inList('id', [...sharedBy.keys()])),
    sort: [{ field: 'id', direction: 'desc' }],
    fields: ['id', 'status', 'magnitude', 'description'],
    range: { start: 0, limit: maxRelated },
    signal,
  });
  return page.items.map((related) => ({
    id: related.id,
    status: related.status ?? null,
    magnitude: numberOrNull(related.magnitude),
    shared_sources: [...(sharedBy.get(related.id) ?? [])],
    untrusted: {
      description: optionalUntrustedText(related.description?.trim(), 150),
    },
  }));
}

/** Summarizes the assets behind the addresses, with roles and criticality. */
export async function assetsOf(
  client: QRadarClient,
  ips: readonly string[],
  roleContext: Parameters<typeof summarizeAsset>[2],
): Promise<AssetSummary[]> {
  if (ips.length === 0) return [];
  const found = await client.getAssetsByIps(ips, {
    signal: roleContext.signal,
  });
  const summaries: AssetSummary[] = [];
  for (const asset of found.slice(0, maxAssets)) {
    const record = toAssetRecord(asset);
    if (record === undefined) continue;
    summaries.push(await summarizeAsset(asset, record, roleContext));
  }
  return summaries;
}
