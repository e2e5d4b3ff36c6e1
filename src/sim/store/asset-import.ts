import type { Logger } from '../../config/index.js';
import type { LoadedCase } from '../case-schema.js';
import { collisionError } from './load-errors.js';
import type { JsonRecord } from './record-values.js';

interface LoadedAsset {
  id: number;
  file: string;
  identity: string | undefined;
}

function recordsIn(value: unknown): JsonRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is JsonRecord =>
      item !== null && typeof item === 'object' && !Array.isArray(item),
  );
}

function lowerCaseText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === '' ? undefined : text;
}

/**
 * Returns the key that identifies the host an asset describes: its interface
 * addresses and host names, lower case, without duplicates and sorted. An
 * asset with neither has no identity and never matches another asset.
 */
export function assetIdentity(asset: JsonRecord): string | undefined {
  const addresses = new Set<string>();
  for (const nic of recordsIn(asset['interfaces'])) {
    for (const address of recordsIn(nic['ip_addresses'])) {
      const value = lowerCaseText(address['value']);
      if (value !== undefined) addresses.add(value);
    }
  }
  const hostnames = new Set<string>();
  for (const hostname of recordsIn(asset['hostnames'])) {
    const name = lowerCaseText(hostname['name']);
    if (name !== undefined) hostnames.add(name);
  }
  if (addresses.size === 0 && hostnames.size === 0) return undefined;
  return JSON.stringify([[...addresses].sort(), [...hostnames].sort()]);
}

function completeAsset(asset: JsonRecord): JsonRecord {
  return {
    domain_id: 0,
    vulnerability_count: 0,
    risk_score_sum: 0,
    hostnames: [],
    interfaces: [],
    products: [],
    properties: [],
    users: [],
    ...asset,
  };
}

/**
 * Collects the assets of every case, sorted by id. Cases written apart often
 * describe the same host, such as a domain controller. So an asset whose
 * addresses and host names match an asset of an earlier file is merged into
 * that first one: the first asset is kept as written and a debug line names
 * both files. Offenses still find the kept asset because assets are looked
 * up by address. Assets of one file are never merged, so a case run on its
 * own sees its assets as written. Throws when one id is used for different
 * assets, or twice in one file.
 */
export function importAssets(
  cases: readonly LoadedCase[],
  logger: Logger,
): JsonRecord[] {
  const byId = new Map<number, LoadedAsset>();
  const byIdentity = new Map<string, LoadedAsset>();
  const assets: JsonRecord[] = [];
  for (const entry of cases) {
    for (const asset of entry.case.assets as JsonRecord[]) {
      const loaded: LoadedAsset = {
        id: Number(asset['id']),
        file: entry.file,
        identity: assetIdentity(asset),
      };
      const sameId = byId.get(loaded.id);
      if (
        sameId !== undefined &&
        (sameId.file === loaded.file ||
          loaded.identity === undefined ||
          sameId.identity !== loaded.identity)
      ) {
        throw collisionError('asset id', loaded.id, sameId.file, loaded.file);
      }
      byId.set(loaded.id, sameId ?? loaded);
      const first =
        loaded.identity === undefined
          ? undefined
          : byIdentity.get(loaded.identity);
      if (first !== undefined && first.file !== loaded.file) {
        logger.debug(
          {
            assetId: loaded.id,
            keptAssetId: first.id,
            file: loaded.file,
            firstFile: first.file,
          },
          'merged an asset repeated across case files into the first one',
        );
        continue;
      }
      if (loaded.identity !== undefined && first === undefined) {
        byIdentity.set(loaded.identity, loaded);
      }
      assets.push(completeAsset(asset));
    }
  }
  return assets.sort((left, right) => Number(left['id']) - Number(right['id']));
}
