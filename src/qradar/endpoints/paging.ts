import type { z } from 'zod';

import type { RequestOptions } from '../options.js';
import { buildRange, type RangeOptions } from '../query.js';
import type { QRadarTransport, TransportRequest } from '../transport.js';

/** One page of a list, as the `Range` and `Content-Range` headers describe it. */
export interface Page<Item> {
  items: Item[];
  /** Zero-based index of the first item. */
  start: number;
  /** Rows on the console in total, when it sent a total. */
  total: number | undefined;
}

/** Rows per page when a list method gets no limit. */
export const defaultPageSize = 50;

/** IDs or values per `in (…)` or or-joined lookup, as mature integrations batch them. */
export const lookupBatchSize = 100;

/** Rows per page of a lookup; one IP or host name can match several records. */
export const lookupPageSize = 500;

/** Rows one lookup batch returns at most. */
export const maxLookupRows = 5_000;

/** Sends a list request with a `Range` header and returns the page. */
export async function fetchPage<Item>(
  transport: QRadarTransport,
  request: Omit<TransportRequest<z.ZodType<Item[]>>, 'headers'>,
  range: RangeOptions | undefined,
): Promise<Page<Item>> {
  const start = range?.start ?? 0;
  const limit = range?.limit ?? defaultPageSize;
  const result = await transport.request({
    ...request,
    headers: { Range: buildRange(start, limit) },
  });
  return {
    items: result.data,
    start,
    total: result.contentRange?.total,
  };
}

/** Splits values into chunks of `size`, dropping duplicates first. */
export function chunkUnique<Value>(
  values: readonly Value[],
  size: number,
): Value[][] {
  const unique = [...new Set(values)];
  const chunks: Value[][] = [];
  for (let index = 0; index < unique.length; index += size)
    chunks.push(unique.slice(index, index + size));
  return chunks;
}

/** Runs one lookup per chunk, one after another, and concatenates the results. */
export async function lookupInBatches<Value, Item>(
  values: readonly Value[],
  lookup: (chunk: Value[]) => Promise<Item[]>,
  options: RequestOptions | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  for (const chunk of chunkUnique(values, lookupBatchSize)) {
    options?.signal?.throwIfAborted();
    items.push(...(await lookup(chunk)));
  }
  return items;
}

/**
 * Fetches pages of `pageSize` until a short page, the console's total or
 * `maxItems` is reached, so that no lookup silently stops at one page.
 */
export async function fetchAllPages<Item>(
  transport: QRadarTransport,
  request: Omit<TransportRequest<z.ZodType<Item[]>>, 'headers'>,
  pageSize: number,
  maxItems: number,
): Promise<Item[]> {
  const items: Item[] = [];
  while (items.length < maxItems) {
    const limit = Math.min(pageSize, maxItems - items.length);
    const page = await fetchPage(transport, request, {
      start: items.length,
      limit,
    });
    items.push(...page.items);
    const reachedTotal = page.total !== undefined && items.length >= page.total;
    if (page.items.length < limit || reachedTotal) break;
  }
  return items;
}
