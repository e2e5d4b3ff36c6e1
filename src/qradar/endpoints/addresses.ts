import { z } from 'zod';

import { eq, inList, or, type Filter } from '../filter.js';
import type { RequestOptions } from '../options.js';
import { buildFields, withField, type FieldSelection } from '../query.js';
import {
  localDestinationAddressSchema,
  sourceAddressSchema,
  type LocalDestinationAddress,
  type SourceAddress,
} from '../schemas/offense.js';
import type { QRadarTransport } from '../transport.js';
import {
  fetchAllPages,
  lookupInBatches,
  lookupPageSize,
  maxLookupRows,
} from './paging.js';

/** Options of the address lookups. */
export interface AddressLookupOptions extends RequestOptions {
  /** Fields to return; `id` is always added. */
  fields?: FieldSelection | undefined;
}

interface AddressEndpoint<Item> {
  path: string;
  ipField: string;
  schema: z.ZodType<Item>;
  label: string;
  noun: string;
}

const sourceEndpoint: AddressEndpoint<SourceAddress> = {
  path: '/siem/source_addresses',
  ipField: 'source_ip',
  schema: sourceAddressSchema,
  label: 'source_addresses',
  noun: 'source addresses',
};

const localDestinationEndpoint: AddressEndpoint<LocalDestinationAddress> = {
  path: '/siem/local_destination_addresses',
  ipField: 'local_destination_ip',
  schema: localDestinationAddressSchema,
  label: 'local_destination_addresses',
  noun: 'local destination addresses',
};

async function lookup<Item>(
  transport: QRadarTransport,
  endpoint: AddressEndpoint<Item>,
  filter: Filter,
  options: AddressLookupOptions,
): Promise<Item[]> {
  const fields = withField(options.fields, 'id');
  return fetchAllPages(
    transport,
    {
      method: 'GET',
      path: endpoint.path,
      query: {
        filter: filter.toString(),
        fields: fields === undefined ? undefined : buildFields(fields),
      },
      schema: z.array(endpoint.schema),
      label: endpoint.label,
      context: { action: `look up ${endpoint.noun}` },
      options,
    },
    lookupPageSize,
    maxLookupRows,
  );
}

function byIds<Item>(
  transport: QRadarTransport,
  endpoint: AddressEndpoint<Item>,
  ids: readonly number[],
  options: AddressLookupOptions,
): Promise<Item[]> {
  return lookupInBatches(
    ids,
    (chunk) => lookup(transport, endpoint, inList('id', chunk), options),
    options,
  );
}

function byIps<Item>(
  transport: QRadarTransport,
  endpoint: AddressEndpoint<Item>,
  ips: readonly string[],
  options: AddressLookupOptions,
): Promise<Item[]> {
  return lookupInBatches(
    ips,
    (chunk) =>
      lookup(
        transport,
        endpoint,
        or(...chunk.map((ip) => eq(endpoint.ipField, ip))),
        options,
      ),
    options,
  );
}

/** Resolves source address ids (an offense's `source_address_ids`), 100 per request. */
export function getSourceAddresses(
  transport: QRadarTransport,
  ids: readonly number[],
  options: AddressLookupOptions = {},
): Promise<SourceAddress[]> {
  return byIds(transport, sourceEndpoint, ids, options);
}

/** Finds source address records by IP; their `offense_ids` link back to offenses. */
export function getSourceAddressesByIp(
  transport: QRadarTransport,
  ips: readonly string[],
  options: AddressLookupOptions = {},
): Promise<SourceAddress[]> {
  return byIps(transport, sourceEndpoint, ips, options);
}

/** Resolves local destination address ids, 100 per request. */
export function getLocalDestinationAddresses(
  transport: QRadarTransport,
  ids: readonly number[],
  options: AddressLookupOptions = {},
): Promise<LocalDestinationAddress[]> {
  return byIds(transport, localDestinationEndpoint, ids, options);
}

/** Finds local destination address records by IP. */
export function getLocalDestinationAddressesByIp(
  transport: QRadarTransport,
  ips: readonly string[],
  options: AddressLookupOptions = {},
): Promise<LocalDestinationAddress[]> {
  return byIps(transport, localDestinationEndpoint, ips, options);
}
