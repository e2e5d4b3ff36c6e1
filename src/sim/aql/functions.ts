import { BlockList, isIPv4, isIPv6 } from 'node:net';

import type Database from 'better-sqlite3';

import { AqlError } from '../../aql/index.js';
import { formatJavaDate } from './date-format.js';
import type { AqlLookups } from './types.js';

/** Lookups in force for the statement that is running on a connection. */
export interface AqlFunctionContext {
  lookups: AqlLookups | undefined;
}

const contexts = new WeakMap<Database.Database, AqlFunctionContext>();
const cacheLimit = 256;
const regexCache = new Map<string, RegExp>();
const likeCache = new Map<string, RegExp>();
const cidrCache = new Map<string, BlockList>();

function remember<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** Converts an AQL LIKE pattern (`%` any run, `_` one character) to an anchored regular expression. */
export function likePatternToRegExp(pattern: string, flags = ''): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '[\\s\\S]*';
    else if (char === '_') source += '[\\s\\S]';
    else source += char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, `${flags}u`);
}

function compileRegex(pattern: string, flags: string): RegExp {
  return remember(regexCache, `${flags}/${pattern}`, () => {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      throw new AqlError(
        `Invalid AQL: regular expression ${JSON.stringify(pattern)} is invalid. Fix the MATCHES pattern.`,
        { cause: error },
      );
    }
  });
}

function parseCidr(cidr: string): BlockList {
  return remember(cidrCache, cidr, () => {
    const [network = '', prefixText] = cidr.trim().split('/');
    const type = isIPv4(network)
      ? 'ipv4'
      : isIPv6(network)
        ? 'ipv6'
        : undefined;
    const maxPrefix = type === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (
      type === undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > maxPrefix
    ) {
      throw new AqlError(
        `Invalid AQL: INCIDR network ${JSON.stringify(cidr)} is not a CIDR block. Write it as '10.0.0.0/8'.`,
      );
    }
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return list;
  });
}

function ipv4ToLong(address: string): number {
  return address
    .split('.')
    .reduce((total, part) => total * 256 + Number(part), 0);
}

function toLong(value: unknown): number | null {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return null;
  if (isIPv4(value)) return ipv4ToLong(value);
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number)
    ? Math.trunc(number)
    : null;
}

function ruleNames(
  value: unknown,
  lookups: AqlLookups | undefined,
): string | null {
  const nameOf = (id: unknown): string | null => {
    const number = Number(id);
    return Number.isInteger(number)
      ? (lookups?.ruleName(number) ?? null)
      : null;
  };
  if (typeof value === 'number' || typeof value === 'bigint')
    return nameOf(value);
  if (typeof value !== 'string') return null;
  let ids: unknown;
  try {
    ids = JSON.parse(value);
  } catch {
    return nameOf(value);
  }
  const list = Array.isArray(ids) ? ids : [ids];
  const names = list
    .map(nameOf)
    .filter((name): name is string => name !== null);
  return JSON.stringify(names);
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint')
    return String(value);
  return null;
}

/**
 * Returns the function context of a connection, registering the AQL helper
 * functions (`aql_like`, `aql_matches`, `aql_incidr`, `aql_dateformat`,
 * `aql_rulename`, `aql_refset`, `aql_long`) on first use.
 */
export function aqlFunctionContext(db: Database.Database): AqlFunctionContext {
  const existing = contexts.get(db);
  if (existing !== undefined) return existing;
  const context: AqlFunctionContext = { lookups: undefined };
  contexts.set(db, context);
  const deterministic = { deterministic: true };

  db.function('aql_like', deterministic, (value: unknown, pattern: unknown) => {
    const text = asText(value);
    const patternText = asText(pattern);
    if (text === null || patternText === null) return null;
    const regex = remember(likeCache, patternText, () =>
      likePatternToRegExp(patternText),
    );
    return regex.test(text) ? 1 : 0;
  });
  db.function(
    'aql_matches',
    deterministic,
    (value: unknown, pattern: unknown, flags: unknown) => {
      const text = asText(value);
      const patternText = asText(pattern);
      if (text === null || patternText === null) return null;
      return compileRegex(patternText, asText(flags) ?? '').test(text) ? 1 : 0;
    },
  );
  db.function(
    'aql_incidr',
    deterministic,
    (cidr: unknown, address: unknown) => {
      const cidrText = asText(cidr);
      const addressText = asText(address);
      if (cidrText === null || addressText === null) return null;
      const type = isIPv4(addressText)
        ? 'ipv4'
        : isIPv6(addressText)
          ? 'ipv6'
          : undefined;
      if (type === undefined) return 0;
      return parseCidr(cidrText).check(addressText, type) ? 1 : 0;
    },
  );
  db.function(
    'aql_dateformat',
    deterministic,
    (ms: unknown, pattern: unknown) => {
      const patternText = asText(pattern);
      const time = typeof ms === 'bigint' ? Number(ms) : ms;
      if (typeof time !== 'number' || patternText === null) return null;
      return formatJavaDate(time, patternText);
    },
  );
  db.function('aql_long', deterministic, (value: unknown) => toLong(value));
  db.function('aql_rulename', (value: unknown) =>
    ruleNames(value, context.lookups),
  );
  db.function('aql_refset', (setName: unknown, value: unknown) => {
    const name = asText(setName);
    const text = asText(value);
    if (name === null || text === null || context.lookups === undefined)
      return 0;
    return context.lookups.referenceSetContains(name, text) ? 1 : 0;
  });
  return context;
}
