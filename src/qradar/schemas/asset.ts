import { z } from 'zod';

import { epochMs, integer, optional } from './common.js';

const seenFields = {
  created: optional(epochMs),
  first_seen_scanner: optional(epochMs),
  first_seen_profiler: optional(epochMs),
  last_seen_scanner: optional(epochMs),
  last_seen_profiler: optional(epochMs),
};

/** An address of an asset interface. */
export const assetIpAddressSchema = z.looseObject({
  id: optional(integer),
  network_id: optional(integer),
  value: optional(z.string()),
  type: optional(z.string()),
  ...seenFields,
});

/** A network interface of an asset; `mac_address` is often `Unknown NIC`. */
export const assetInterfaceSchema = z.looseObject({
  id: optional(integer),
  mac_address: optional(z.string()),
  ip_addresses: optional(z.array(assetIpAddressSchema)),
  ...seenFields,
});

/** A host name of an asset (`DNS`, `NETBIOS` or `NETBIOSGROUP`). */
export const assetHostnameSchema = z.looseObject({
  id: optional(integer),
  name: optional(z.string()),
  type: optional(z.string()),
  ...seenFields,
});

/** An asset property such as `Weight` or `Unified Name`; values are always strings. */
export const assetPropertySchema = z.looseObject({
  id: optional(integer),
  type_id: optional(integer),
  name: optional(z.string()),
  value: optional(z.string()),
  last_reported: optional(epochMs),
  last_reported_by: optional(z.string()),
});

/** A user seen on an asset. */
export const assetUserSchema = z.looseObject({
  id: optional(integer),
  username: optional(z.string()),
  ...seenFields,
});

/** A product found on an asset by a scanner. */
export const assetProductSchema = z.looseObject({
  id: optional(integer),
  product_variant_id: optional(integer),
  vendor: optional(z.string()),
  name: optional(z.string()),
  version: optional(z.string()),
});

/**
 * `GET /asset_model/assets` element. QRadar always sends `id` unless a
 * `fields` selection leaves it out, so it is optional like the rest.
 */
export const assetSchema = z.looseObject({
  id: optional(integer),
  domain_id: optional(integer),
  vulnerability_count: optional(integer),
  risk_score_sum: optional(z.number()),
  hostnames: optional(z.array(assetHostnameSchema)),
  interfaces: optional(z.array(assetInterfaceSchema)),
  products: optional(z.array(assetProductSchema)),
  properties: optional(z.array(assetPropertySchema)),
  users: optional(z.array(assetUserSchema)),
});

/** A QRadar asset. */
export type Asset = z.output<typeof assetSchema>;
