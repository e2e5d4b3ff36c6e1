import { ApiError } from '../http/api-error.js';

/** One sort key of a `sort` parameter. */
export interface SortKey {
  field: string;
  descending: boolean;
}

function invalidSort(text: string, reason: string): ApiError {
  return new ApiError(
    422,
    1030,
    `Invalid sort parameter ${JSON.stringify(text)}: ${reason}. Use +field or -field, comma-separated, and send + as %2B.`,
  );
}

/**
 * Parses a `sort` parameter such as `-magnitude,+id`. A leading space counts
 * as `+`, because an unencoded `+` arrives as a space; a bare name sorts
 * ascending. Throws a 422 ApiError (code 1030) on an empty or malformed key.
 */
export function parseSort(text: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of text.split(',')) {
    let descending = false;
    let field = part;
    if (field.startsWith('-')) {
      descending = true;
      field = field.slice(1);
    } else if (field.startsWith('+') || field.startsWith(' ')) {
      field = field.slice(1);
    }
    field = field.trim();
    if (!/^[A-Za-z_][\w.]*$/.test(field)) {
      throw invalidSort(text, `invalid key ${JSON.stringify(part)}`);
    }
    keys.push({ field, descending });
  }
  return keys;
}

function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return 1;
  if (typeof value === 'number') return 2;
  return 3;
}

/** Compares two field values: nulls first, then booleans, numbers and text. */
export function compareValues(left: unknown, right: unknown): number {
  const leftRank = rank(left);
  const rightRank = rank(right);
  if (leftRank !== rightRank) return leftRank - rightRank;
  if (typeof left === 'number' && typeof right === 'number')
    return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean')
    return Number(left) - Number(right);
  if (leftRank === 0) return 0;
  const leftText = typeof left === 'string' ? left : JSON.stringify(left);
  const rightText = typeof right === 'string' ? right : JSON.stringify(right);
  if (leftText < rightText) return -1;
  if (leftText > rightText) return 1;
  return 0;
}

/**
 * Sorts records by the keys, stably. Throws a 422 ApiError (code 1030) when a
 * key names a field that no record has, since QRadar rejects unknown fields.
 */
export function sortRecords<T extends Record<string, unknown>>(
  records: readonly T[],
  keys: readonly SortKey[],
  knownFields?: ReadonlySet<string>,
): T[] {
  for (const key of keys) {
    const isKnown =
      knownFields?.has(key.field) === true ||
      records.some((record) => Object.hasOwn(record, key.field));
    if (!isKnown && records.length > 0) {
      throw invalidSort(
        keys.map((entry) => entry.field).join(','),
        `unknown field ${JSON.stringify(key.field)}`,
      );
    }
  }
  return [...records].sort((left, right) => {
    for (const key of keys) {
      const order = compareValues(left[key.field], right[key.field]);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}
