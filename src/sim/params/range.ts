import { ApiError } from '../http/api-error.js';

/** A zero-based, inclusive item range from a `Range: items=a-b` header. */
export interface ItemRange {
  first: number;
  last: number;
}

/**
 * Parses a `Range` header value. Returns undefined when the header is absent;
 * throws a 422 ApiError whose message contains `items=x-y` when it is malformed,
 * as QRadar does.
 */
export function parseRange(header: string | undefined): ItemRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*items\s*=\s*(\d+)\s*-\s*(\d+)\s*$/i.exec(header);
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (
    match === null ||
    !Number.isSafeInteger(first) ||
    !Number.isSafeInteger(last) ||
    last < first
  ) {
    throw new ApiError(
      422,
      1005,
      `Invalid Range header ${JSON.stringify(header)}: expected the form items=x-y with 0 <= x <= y.`,
    );
  }
  return { first, last };
}

/** One page of a list with the `Content-Range` value that describes it. */
export interface Page<T> {
  items: T[];
  contentRange: string;
}

/**
 * Slices a list by a range. The Content-Range is `items a-b/total`, and
 * `items 0--1/0`-style `items a-(a-1)/total` when nothing is left.
 */
export function pageItems<T>(
  items: readonly T[],
  range: ItemRange | undefined,
): Page<T> {
  const total = items.length;
  const first = range?.first ?? 0;
  const requestedLast = range?.last ?? total - 1;
  const last = Math.min(requestedLast, total - 1);
  if (first > last) {
    return { items: [], contentRange: `items ${first}-${first - 1}/${total}` };
  }
  return {
    items: items.slice(first, last + 1),
    contentRange: `items ${first}-${last}/${total}`,
  };
}
