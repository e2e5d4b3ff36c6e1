import type { EventFact, TriageFacts } from './facts.js';
import type { EventClassDefinition, Playbook } from './playbook-schema.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles keywords into one case-insensitive pattern. A keyword that starts
 * with a letter or digit must start a word, so "llm" does not match
 * "dllmain". Its end may run on: "ransom" matches "ransomware".
 */
export function compileKeywords(
  keywords: readonly string[],
): RegExp | undefined {
  if (keywords.length === 0) return undefined;
  const parts = keywords.map((keyword) => {
    const escaped = escapeRegExp(keyword.toLowerCase());
    return /^[a-z0-9]/.test(keyword.toLowerCase())
      ? `(?<![a-z0-9])${escaped}`
      : escaped;
  });
  return new RegExp(parts.join('|'), 'i');
}

function fieldText(event: EventFact, field: string): string {
  switch (field) {
    case 'qid_name':
      return event.qidName;
    case 'category_name':
      return event.categoryName;
    case 'payload':
      return event.payload;
    case 'log_source':
      return event.logSource;
    case 'username':
      return event.username ?? '';
    default:
      return '';
  }
}

/** A compiled event class. */
export interface EventClass {
  name: string;
  matches(event: EventFact): boolean;
}

/** Compiles regular expressions into one case-insensitive pattern. */
export function compilePatterns(
  patterns: readonly string[],
): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  return new RegExp(patterns.map((pattern) => `(?:${pattern})`).join('|'), 'i');
}

function compileClass(
  name: string,
  definition: EventClassDefinition,
): EventClass {
  const keywordPattern = compileKeywords(definition.keywords);
  const regexPattern = compilePatterns(definition.patterns);
  return {
    name,
    matches(event) {
      if (event.matchedClasses.has(name)) return true;
      const category = event.category;
      if (
        category !== undefined &&
        definition.categories.some(
          (range) => category >= range.low && category <= range.high,
        )
      ) {
        return true;
      }
      return definition.fields.some((field) => {
        const text = fieldText(event, field);
        return (
          keywordPattern?.test(text) === true ||
          regexPattern?.test(text) === true
        );
      });
    },
  };
}

/** Compiles every class of a playbook; `any` matches every event. */
export function compileClasses(playbook: Playbook): Map<string, EventClass> {
  const classes = new Map<string, EventClass>();
  classes.set('any', { name: 'any', matches: () => true });
  for (const [name, definition] of Object.entries(playbook.classes)) {
    classes.set(name, compileClass(name, definition));
  }
  return classes;
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function inCidr(ip: string, cidr: string): boolean {
  const [network = '', bitsText = '32'] = cidr.split('/');
  const address = ipv4ToNumber(ip);
  const base = ipv4ToNumber(network);
  const bits = Number(bitsText);
  if (
    address === undefined ||
    base === undefined ||
    !(bits >= 0 && bits <= 32)
  ) {
    return false;
  }
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(base / size);
}

/**
 * Returns whether an address is internal: the server's scope when it gave
 * one, else the policy's networks, else the playbook's.
 */
export function scopeOf(
  ip: string | undefined,
  facts: TriageFacts,
  playbook: Playbook,
): 'internal' | 'external' | 'unknown' {
  if (ip === undefined || ip === '' || ip === '0.0.0.0') return 'unknown';
  const known = facts.scopes.get(ip);
  if (known === 'internal' || known === 'external') return known;
  if (known === 'unroutable') return 'unknown';
  if (ipv4ToNumber(ip) === undefined) return 'unknown';
  const networks =
    facts.policyNetworks.length > 0
      ? facts.policyNetworks
      : playbook.internal_networks;
  return networks.some((cidr) => inCidr(ip, cidr)) ? 'internal' : 'external';
}
