import type { AqlColumnType } from './schema.js';

/** Value stored in an Ariel column. */
export type StoredValue = string | number | null;

/** Converts a record value to a number; time columns also accept date strings. */
export function toNumber(value: unknown, isTime: boolean): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
    if (isTime) {
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? null : ms;
    }
  }
  return null;
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  ) {
    return String(value);
  }
  return JSON.stringify(value) ?? null;
}

function toJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
      return value;
    } catch {
      return JSON.stringify([value]);
    }
  }
  return JSON.stringify(typeof value === 'object' ? value : [value]);
}

function toBoolean(value: unknown): string | null {
  if (value === true || value === 1 || value === 'true' || value === 'TRUE') {
    return 'true';
  }
  if (
    value === false ||
    value === 0 ||
    value === 'false' ||
    value === 'FALSE'
  ) {
    return 'false';
  }
  return null;
}

/** Converts a record value to the storage form of a column type; unusable values become null. */
export function toStoredValue(
  value: unknown,
  type: AqlColumnType,
  isTime: boolean,
): StoredValue {
  switch (type) {
    case 'integer':
    case 'real':
      return toNumber(value, isTime);
    case 'text':
      return toText(value);
    case 'json':
      return toJson(value);
    case 'boolean':
      return toBoolean(value);
  }
}
