import { z } from 'zod';

import { QRadarNotFoundError } from '../errors.js';
import { contains, eq, or, type Filter } from '../filter.js';
import type { RequestOptions } from '../options.js';
import { buildFields, type FieldSelection } from '../query.js';
import { assetSchema, type Asset } from '../schemas/asset.js';
import type { QRadarTransport } from '../transport.js';
import {
  fetchAllPages,
  lookupInBatches,
  lookupPageSize,
  maxLookupRows,
} from './paging.js';

/** Options of the asset lookups. */
export interface AssetLookupOptions extends RequestOptions {
  fields?: FieldSelection | undefined;
}

function queryAssets(
  transport: QRadarTransport,
  filter: Filter,
  action: string,
  options: AssetLookupOptions,
): Promise<Asset[]> {
  return fetchAllPages(
    transport,
    {
      method: 'GET',
      path: '/asset_model/assets',
      query: {
        filter: filter.toString(),
        fields:
          options.fields === undefined
            ? undefined
            : buildFields(options.fields),
      },
      schema: z.array(assetSchema),
      label: 'assets',
      context: { action },
      options,
    },
    lookupPageSize,
    maxLookupRows,
  );
}

function uniqueById(assets: Asset[]): Asset[] {
  const seen = new Set<number>();
  return assets.filter((asset) => {
    if (asset.id === undefined || asset.id === null) return true;
    if (seen.has(asset.id)) return false;
    seen.add(asset.id);
    return true;
  });
}

/** Builds `interfaces contains ip_addresses contains value="<ip>"`, the console's own form. */
export function assetIpFilter(ip: string): Filter {
  return contains('interfaces', contains('ip_addresses', eq('value', ip)));
}

/** Builds `hostnames contains name="<name>"`. */
export function assetHostnameFilter(hostname: string): Filter {
  return contains('hostnames', eq('name', hostname));
}

/** Finds the assets that have any of the IPs on an interface, 100 IPs per request. */
export async function getAssetsByIps(
  transport: QRadarTransport,
  ips: readonly string[],
  options: AssetLookupOptions = {},
): Promise<Asset[]> {
  const assets = await lookupInBatches(
    ips,
    (chunk) =>
      queryAssets(
        transport,
        or(...chunk.map(assetIpFilter)),
        'look up assets by IP',
        options,
      ),
    options,
  );
  return uniqueById(assets);
}

/** Finds the assets that have any of the host names, 100 names per request. */
export async function getAssetsByHostnames(
  transport: QRadarTransport,
  hostnames: readonly string[],
  options: AssetLookupOptions = {},
): Promise<Asset[]> {
  const assets = await lookupInBatches(
    hostnames,
    (chunk) =>
      queryAssets(
        transport,
        or(...chunk.map(assetHostnameFilter)),
        'look up assets by host name',
        options,
      ),
    options,
  );
  return uniqueById(assets);
}

/**
 * Reads one asset by id through a filter, since QRadar has no single-asset
 * GET; throws QRadarNotFoundError when no asset has the id.
 */
export async function getAsset(
  transport: QRadarTransport,
  assetId: number,
  options: AssetLookupOptions = {},
): Promise<Asset> {
  const [asset] = await queryAssets(
    transport,
    eq('id', assetId),
    `get asset ${assetId}`,
    options,
  );
  if (asset !== undefined) return asset;
  const hint = `asset ${assetId} not found: look the asset up by IP or host name with get_assets`;
  throw new QRadarNotFoundError(
    `Asset ${assetId} not found: look the asset up by IP or host name with get_assets.`,
    {
      code: 'QRADAR_NOT_FOUND',
      method: 'GET',
      path: '/api/asset_model/assets',
      hint,
    },
  );
}
