/** A literal in a filter: strings are quoted, numbers and booleans are bare. */
export type FilterValue = string | number | boolean;

type FilterKind = 'predicate' | 'and' | 'or' | 'not';

const constructionToken = Symbol('Filter');

/**
 * A QRadar `filter` expression built from typed parts. Only the builder
 * functions of this module create one, so a filter never contains text
 * pasted from outside.
 */
export class Filter {
  readonly kind: FilterKind;
  readonly #text: string;

  constructor(token: symbol, kind: FilterKind, text: string) {
    if (token !== constructionToken)
      throw new TypeError(
        'Filters are built with eq, and, or and the other filter functions.',
      );
    this.kind = kind;
    this.#text = text;
  }

  /** Returns the expression as QRadar reads it, before URL encoding. */
  toString(): string {
    return this.#text;
  }
}

const fieldPattern = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function create(kind: FilterKind, text: string): Filter {
  return new Filter(constructionToken, kind, text);
}

function checkField(field: string): string {
  if (!fieldPattern.test(field))
    throw new RangeError(
      `Invalid filter field "${field}": expected a field name such as status or interfaces.`,
    );
  return field;
}

/** Quotes a string for a filter with double quotes, escaping `"` and `\`. */
export function quoteFilterString(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

function literal(value: FilterValue): string {
  if (typeof value === 'string') return quoteFilterString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(
        `Invalid filter number ${String(value)}: expected a finite number.`,
      );
    return String(value);
  }
  return value ? 'true' : 'false';
}

function compare(field: string, operator: string, value: FilterValue): Filter {
  return create(
    'predicate',
    `${checkField(field)}${operator}${literal(value)}`,
  );
}

/** Builds `field=value`. */
export function eq(field: string, value: FilterValue): Filter {
  return compare(field, '=', value);
}

/** Builds `field!=value`. */
export function ne(field: string, value: FilterValue): Filter {
  return compare(field, '!=', value);
}

/** Builds `field>value`. */
export function gt(field: string, value: number | string): Filter {
  return compare(field, '>', value);
}

/** Builds `field>=value`. */
export function gte(field: string, value: number | string): Filter {
  return compare(field, '>=', value);
}

/** Builds `field<value`. */
export function lt(field: string, value: number | string): Filter {
  return compare(field, '<', value);
}

/** Builds `field<=value`. */
export function lte(field: string, value: number | string): Filter {
  return compare(field, '<=', value);
}

/** Builds `field in (a,b,…)`; throws RangeError on an empty list, which QRadar rejects. */
export function inList(field: string, values: readonly FilterValue[]): Filter {
  if (values.length === 0)
    throw new RangeError(
      `Invalid filter on "${field}": an in-list needs at least one value.`,
    );
  return create(
    'predicate',
    `${checkField(field)} in (${values.map(literal).join(',')})`,
  );
}

/** Builds `field not in (a,b,…)`; throws RangeError on an empty list. */
export function notInList(
  field: string,
  values: readonly FilterValue[],
): Filter {
  if (values.length === 0)
    throw new RangeError(
      `Invalid filter on "${field}": a not-in list needs at least one value.`,
    );
  return create(
    'predicate',
    `${checkField(field)} not in (${values.map(literal).join(',')})`,
  );
}

/** Builds `field between low and high` (both ends included). */
export function between(
  field: string,
  low: number | string,
  high: number | string,
): Filter {
  return create(
    'predicate',
    `${checkField(field)} between ${literal(low)} and ${literal(high)}`,
  );
}

/** Builds `field is null`. */
export function isNull(field: string): Filter {
  return create('predicate', `${checkField(field)} is null`);
}

/** Builds `field is not null`. */
export function isNotNull(field: string): Filter {
  return create('predicate', `${checkField(field)} is not null`);
}

/** Builds `field like "pattern"`, where `%` matches any run of characters. */
export function like(field: string, pattern: string): Filter {
  return create('predicate', `${checkField(field)} like ${literal(pattern)}`);
}

/** Builds `field ilike "pattern"`, the case-insensitive form of like. */
export function ilike(field: string, pattern: string): Filter {
  return create('predicate', `${checkField(field)} ilike ${literal(pattern)}`);
}

/**
 * Builds `field contains <predicate>`, true when any element of the array
 * field satisfies the predicate; nest it for arrays inside arrays, as in
 * `contains('interfaces', contains('ip_addresses', eq('value', ip)))`.
 */
export function contains(field: string, predicate: Filter): Filter {
  if (predicate.kind !== 'predicate')
    throw new RangeError(
      `Invalid filter on "${field}": contains takes a single comparison, not and/or/not.`,
    );
  return create(
    'predicate',
    `${checkField(field)} contains ${predicate.toString()}`,
  );
}

function join(kind: 'and' | 'or', filters: readonly Filter[]): Filter {
  if (filters.length === 0)
    throw new RangeError(`Invalid filter: ${kind} needs at least one operand.`);
  const [first] = filters;
  if (filters.length === 1 && first !== undefined) return first;
  const parts = filters.map((filter) =>
    filter.kind === kind || filter.kind === 'predicate' || filter.kind === 'not'
      ? filter.toString()
      : `(${filter.toString()})`,
  );
  return create(kind, parts.join(` ${kind} `));
}

/** Joins filters with `and`, adding parentheses around nested `or` groups. */
export function and(...filters: Filter[]): Filter {
  return join('and', filters);
}

/** Joins filters with `or`, adding parentheses around nested `and` groups. */
export function or(...filters: Filter[]): Filter {
  return join('or', filters);
}

/** Builds `not (filter)`. */
export function not(filter: Filter): Filter {
  return create('not', `not (${filter.toString()})`);
}
