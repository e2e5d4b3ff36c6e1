/** Sort order of one key: `asc` is sent as `+field`, `desc` as `-field`. */
export type SortDirection = 'asc' | 'desc';

/** One key of a `sort` parameter. */
export interface SortKey<Field extends string = string> {
  field: Field;
  /** Defaults to `asc`. */
  direction?: SortDirection;
}

/**
 * A `fields` selection: names, with nested selections for sub-objects, so
 * `['id', { rules: ['id', 'type'] }]` becomes `id,rules(id,type)`.
 */
export type FieldSelection = readonly (
  string | { readonly [field: string]: FieldSelection }
)[];

/** Rows to request through the `Range` header. */
export interface RangeOptions {
  /** Zero-based index of the first row; defaults to 0. */
  start?: number;
  /** Number of rows; defaults to the method's page size. */
  limit?: number;
}

/** Scalar query-string values; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** A parsed `Content-Range: items first-last/total` header. */
export interface ContentRange {
  first: number;
  last: number;
  /** Total rows on the console, or undefined when it sent `*` or junk. */
  total: number | undefined;
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: string, parameter: string): string {
  if (!namePattern.test(name))
    throw new RangeError(
      `Invalid ${parameter} field "${name}": expected a field name such as id or start_time.`,
    );
  return name;
}

/** Builds a `sort` value such as `+id,-start_time`; throws RangeError on an empty list. */
export function buildSort(keys: readonly SortKey[]): string {
  if (keys.length === 0)
    throw new RangeError('Invalid sort: expected at least one field.');
  return keys
    .map(
      (key) =>
        `${key.direction === 'desc' ? '-' : '+'}${checkName(key.field, 'sort')}`,
    )
    .join(',');
}

/** Builds a `fields` value such as `id,rules(id,type)`. */
export function buildFields(selection: FieldSelection): string {
  if (selection.length === 0)
    throw new RangeError('Invalid fields: expected at least one field.');
  const parts: string[] = [];
  for (const item of selection) {
    if (typeof item === 'string') {
      parts.push(checkName(item, 'fields'));
      continue;
    }
    for (const [name, nested] of Object.entries(item))
      parts.push(`${checkName(name, 'fields')}(${buildFields(nested)})`);
  }
  return parts.join(',');
}

/** Adds `field` at the front of a selection unless it is already selected. */
export function withField(
  selection: FieldSelection | undefined,
  field: string,
): FieldSelection | undefined {
  if (selection === undefined || selection.includes(field)) return selection;
  return [field, ...selection];
}

/** Builds a `Range` header value `items=first-last` for `limit` rows from `start`. */
export function buildRange(start: number, limit: number): string {
  if (!Number.isSafeInteger(start) || start < 0)
    throw new RangeError(
      `Invalid range start ${start}: expected an integer of 0 or more.`,
    );
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RangeError(
      `Invalid range limit ${limit}: expected an integer of 1 or more.`,
    );
  return `items=${start}-${start + limit - 1}`;
}

/**
 * Parses `Content-Range`; an empty list arrives as `items 0--1/0`, and an
 * unreadable total becomes undefined rather than an error.
 */
export function parseContentRange(
  header: string | undefined,
): ContentRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*items\s+(\d+)-(-?\d+)\/(\S+)\s*$/i.exec(header);
  if (match === null) return undefined;
  const total = Number(match[3]);
  return {
    first: Number(match[1]),
    last: Number(match[2]),
    total: Number.isSafeInteger(total) && total >= 0 ? total : undefined,
  };
}

/**
 * Encodes one query-string value. encodeURIComponent sends `+` as `%2B`
 * (QRadar would read a raw `+` in `sort` as a space) and spaces as `%20`.
 */
export function encodeQueryValue(value: string | number | boolean): string {
  return encodeURIComponent(String(value));
}

/** Builds `?a=1&b=2` from defined values, in insertion order; empty when none. */
export function buildQueryString(
  parameters: Readonly<Record<string, QueryValue>>,
): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    pairs.push(`${encodeURIComponent(name)}=${encodeQueryValue(value)}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** Encodes a reference-set name or value as one URL path segment. */
export function encodePathSegment(segment: string | number): string {
  return encodeURIComponent(String(segment));
}
