import {
  downLevelLogonPattern,
  emailPattern,
  hostKeyPattern,
  hostTextPatterns,
  ignoredNames,
  internalIpv4Pattern,
  userKeyPattern,
  userTextPatterns,
} from './patterns.js';

type EntityKind = 'USER' | 'HOST' | 'DOMAIN' | 'INTERNAL-IP';

const placeholderPattern = /\b(USER|HOST|DOMAIN|INTERNAL-IP)-(\d+)\b/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const genericKeys = new Set(['name', 'value', 'key']);

/** Drops summary prefixes such as `top_` or `source_` from a JSON key. */
function normalizeKey(key: string): string {
  return key.replace(/^(?:top|source|destination|local|remote|unique)_/i, '');
}

function isIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text);
}

/**
 * Replaces host names, user names, e-mail addresses and internal IPs with
 * stable placeholders (`HOST-1`, `USER-2`, `DOMAIN-1`, `INTERNAL-IP-3`) and
 * restores them. `CORP\jdoe`, `jdoe@corp.example` and `jdoe` share the user
 * placeholder, becoming `DOMAIN-1\USER-1`, `USER-1@DOMAIN-2` and `USER-1`.
 *
 * NOTE: names are found by structured keys (username, owner, hostnames…) and
 * by common free-text shapes (`user=`, `Account Name:`, `CORP\name`, FQDNs
 * under a learned internal domain). A name that appears only in prose with
 * none of these shapes is not detected.
 */
export class Pseudonymizer {
  readonly #placeholders = new Map<string, string>();
  readonly #originals = new Map<string, string>();
  readonly #counters = new Map<EntityKind, number>();
  readonly #internalDomains = new Set<string>();
  #literalPattern: RegExp | undefined;

  /** Learns identifiers from a tool result, message or any JSON value. */
  learn(value: unknown, key = '', parentKey = ''): void {
    if (typeof value === 'string') {
      this.#learnFromKey(key, parentKey, value);
      this.#learnFromText(value);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.learn(item, key, parentKey);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      // QRadar asset properties come as `{name: 'Business Owner', value: …}`.
      const propertyName = record['name'];
      const propertyValue = record['value'];
      if (
        typeof propertyName === 'string' &&
        typeof propertyValue === 'string'
      ) {
        this.#learnFromKey(
          propertyName.replace(/\s+/g, '_'),
          key,
          propertyValue,
        );
      }
      for (const [childKey, child] of Object.entries(record)) {
        this.learn(child, childKey, key);
      }
    }
  }

  /** Replaces every known identifier in a text with its placeholder. */
  pseudonymizeText(text: string): string {
    let result = text.replace(
      emailPattern,
      (match, local: string, domain: string) => {
        const user = this.#userPlaceholder(local);
        const domainText = this.#internalDomains.has(domain.toLowerCase())
          ? this.#placeholder('DOMAIN', domain)
          : domain;
        return user === undefined ? match : `${user}@${domainText}`;
      },
    );
    result = result.replace(
      downLevelLogonPattern,
      (match, domain: string, user: string) => {
        const userText = this.#userPlaceholder(user);
        if (userText === undefined) return match;
        return `${this.#placeholder('DOMAIN', domain)}\\${userText}`;
      },
    );
    for (const domain of this.#internalDomains) {
      result = result.replace(
        this.#fqdnPattern(domain),
        (_match, label: string) => {
          const host = this.#placeholder('HOST', label);
          return `${host}.${this.#placeholder('DOMAIN', domain)}`;
        },
      );
    }
    result = result.replace(internalIpv4Pattern, (ip) =>
      this.#placeholder('INTERNAL-IP', ip),
    );
    const literal = this.#literalPattern ?? this.#buildLiteralPattern();
    if (literal !== undefined) {
      result = result.replace(literal, (name) => {
        const lower = name.toLowerCase();
        return (
          this.#placeholders.get(`USER:${lower}`) ??
          this.#placeholders.get(`HOST:${lower}`) ??
          name
        );
      });
    }
    return result;
  }

  /** Pseudonymizes every string (keys included) of a JSON value. */
  pseudonymizeValue(value: unknown): unknown {
    return this.#mapStrings(value, (text) => this.pseudonymizeText(text));
  }

  /** Restores placeholders in a text (any letter case) to the original values. */
  restoreText(text: string): string {
    return text.replace(
      placeholderPattern,
      (match, kind: string, number: string) => {
        return this.#originals.get(`${kind.toUpperCase()}-${number}`) ?? match;
      },
    );
  }

  /** Restores placeholders in every string of a JSON value. */
  restoreValue(value: unknown): unknown {
    return this.#mapStrings(value, (text) => this.restoreText(text));
  }

  #mapStrings(value: unknown, map: (text: string) => string): unknown {
    if (typeof value === 'string') return map(value);
    if (Array.isArray(value))
      return value.map((item) => this.#mapStrings(item, map));
    if (typeof value === 'object' && value !== null) {
      const mapped: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        mapped[map(key)] = this.#mapStrings(child, map);
      }
      return mapped;
    }
    return value;
  }

  #learnFromKey(key: string, parentKey: string, value: string): void {
    const text = value.trim();
    if (text === '' || text.length > 200) return;
    // `{users: [{name: 'jdoe', count: 3}]}`: the parent names the kind.
    const effectiveKey = genericKeys.has(key.toLowerCase())
      ? normalizeKey(parentKey)
      : normalizeKey(key);
    if (hostKeyPattern.test(effectiveKey)) this.#learnHost(text);
    else if (userKeyPattern.test(effectiveKey)) this.#learnUser(text);
  }

  #learnFromText(text: string): void {
    // Host names under a domain already known to be internal.
    for (const domain of this.#internalDomains) {
      for (const match of text.matchAll(this.#fqdnPattern(domain))) {
        this.#learnHost(match[1] ?? '');
      }
    }
    for (const match of text.matchAll(emailPattern)) {
      this.#learnUser(match[1] ?? '');
    }
    for (const match of text.matchAll(downLevelLogonPattern)) {
      if (!ignoredNames.has((match[2] ?? '').toLowerCase())) {
        this.#learnUser(match[2] ?? '');
      }
    }
    for (const pattern of userTextPatterns) {
      for (const match of text.matchAll(pattern))
        this.#learnUser(match[1] ?? '');
    }
    for (const pattern of hostTextPatterns) {
      for (const match of text.matchAll(pattern))
        this.#learnHost(match[1] ?? '');
    }
  }

  #learnUser(raw: string): void {
    const text = raw.trim().replace(/[.,;:]+$/, '');
    if (text === '' || isIpv4(text)) return;
    const email = /^([^@\s]+)@([^@\s]+\.[^@\s]+)$/.exec(text);
    if (email !== null) {
      this.#internalDomains.add((email[2] ?? '').toLowerCase());
      this.#learnUser(email[1] ?? '');
      return;
    }
    const downLevel = /^([^\\\s]+)\\([^\\\s]+)$/.exec(text);
    const name = downLevel === null ? text : (downLevel[2] ?? '');
    if (name.length < 2 || ignoredNames.has(name.toLowerCase())) return;
    this.#placeholder('USER', name);
    this.#literalPattern = undefined;
  }

  #learnHost(raw: string): void {
    const text = raw
      .trim()
      .replace(/[.,;:]+$/, '')
      .toLowerCase();
    if (text === '' || isIpv4(text) || text.includes(':')) return;
    const [label = '', ...rest] = text.split('.');
    if (label.length < 2 || ignoredNames.has(label)) return;
    if (rest.length >= 2) this.#internalDomains.add(rest.join('.'));
    this.#placeholder('HOST', label);
    this.#literalPattern = undefined;
  }

  #userPlaceholder(name: string): string | undefined {
    const lower = name.toLowerCase();
    if (ignoredNames.has(lower)) return undefined;
    return (
      this.#placeholders.get(`USER:${lower}`) ?? this.#placeholder('USER', name)
    );
  }

  #placeholder(kind: EntityKind, original: string): string {
    const key = `${kind}:${original.toLowerCase()}`;
    const known = this.#placeholders.get(key);
    if (known !== undefined) return known;
    const number = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, number);
    const placeholder = `${kind}-${number}`;
    this.#placeholders.set(key, placeholder);
    this.#originals.set(placeholder, original);
    if (kind === 'USER' || kind === 'HOST') this.#literalPattern = undefined;
    return placeholder;
  }

  #fqdnPattern(domain: string): RegExp {
    return new RegExp(
      `(?<![\\w-])([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\\.${escapeRegExp(domain)}(?![\\w-])`,
      'gi',
    );
  }

  #buildLiteralPattern(): RegExp | undefined {
    const names = [...this.#placeholders.keys()]
      .filter((key) => key.startsWith('USER:') || key.startsWith('HOST:'))
      .map((key) => key.slice(key.indexOf(':') + 1))
      .sort((left, right) => right.length - left.length)
      .map(escapeRegExp);
    if (names.length === 0) return undefined;
    this.#literalPattern = new RegExp(
      `(?<![A-Za-z0-9_$-])(?:${names.join('|')})(?![A-Za-z0-9_$-])`,
      'gi',
    );
    return this.#literalPattern;
  }
}
