import { z } from 'zod';

import { PolicyError } from './errors.js';

/** A validated, canonical IP address. */
export interface IpAddress {
  /** Dotted-decimal IPv4, or RFC 5952 text for IPv6 (lower case, compressed). */
  text: string;
  version: 4 | 6;
  /** The address as an unsigned integer, for network membership. */
  value: bigint;
}

/** An IPv4 or IPv6 network in CIDR notation. */
export interface Network {
  /** Canonical CIDR text, with host bits cleared: `10.0.0.0/8`. */
  cidr: string;
  version: 4 | 6;
  prefixLength: number;
  base: bigint;
}

const ipv4Schema = z.ipv4();
const ipv6Schema = z.ipv6();

const exampleIpv4 = '203.0.113.7';

/**
 * Validates an address with zod's ipv4/ipv6 checks before any parsing, then
 * returns its canonical form: IPv4-mapped IPv6 becomes IPv4. Any valid form
 * is accepted here; `checkRoutable` applies the target rules.
 */
export function parseIpAddress(input: string, label = 'ip'): IpAddress {
  const text = input.trim();
  if (ipv4Schema.safeParse(text).success) {
    return { text, version: 4, value: ipv4Value(text) };
  }
  if (ipv6Schema.safeParse(text).success) {
    const groups = ipv6Groups(text);
    const value = groups.reduce(
      (sum, group) => (sum << 16n) | BigInt(group),
      0n,
    );
    if (value >> 32n === 0xffffn) {
      const ipv4 = ipv4Text(Number(value & 0xffffffffn));
      return { text: ipv4, version: 4, value: ipv4Value(ipv4) };
    }
    return { text: ipv6Text(groups), version: 6, value };
  }
  throw invalidIp(input, label, explainInvalidIp(text));
}

/** Parses an address leniently: the canonical text, or undefined when invalid. */
export function normalizeIpAddress(input: string): string | undefined {
  try {
    return parseIpAddress(input).text;
  } catch {
    return undefined;
  }
}

/**
 * Rejects addresses that no containment action should target: 0.0.0.0/8,
 * loopback, link-local, multicast, IPv4 reserved space (240.0.0.0/4 and the
 * broadcast address), the IPv6 unspecified address and IPv4-compatible IPv6.
 * Documentation ranges pass: they count as external addresses.
 */
export function checkRoutable(
  address: IpAddress,
  input: string,
  label = 'ip',
): void {
  const reason =
    address.version === 4
      ? ipv4RejectionReason(address)
      : ipv6RejectionReason(address);
  if (reason !== undefined) throw invalidIp(input, label, reason);
}

/**
 * Parses CIDR text such as `10.0.0.0/8`; a bare address is a /32 or /128.
 * Throws PolicyError `INVALID_TARGET` with a message naming the value.
 */
export function parseNetwork(input: string): Network {
  const [addressText = '', prefixText, extra] = input.trim().split('/');
  let address: IpAddress;
  try {
    address = parseIpAddress(addressText);
  } catch {
    throw invalidNetwork(input);
  }
  const isIpv6Text = addressText.includes(':');
  const bits = isIpv6Text ? 128 : 32;
  const prefixLength = prefixText === undefined ? bits : Number(prefixText);
  if (
    extra !== undefined ||
    (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
    prefixLength > bits
  ) {
    throw invalidNetwork(input);
  }
  // A mapped IPv6 network such as ::ffff:10.0.0.0/104 becomes its IPv4 form.
  const effectivePrefix =
    address.version === 4 && isIpv6Text
      ? Math.max(0, prefixLength - 96)
      : prefixLength;
  const base = address.value & networkMask(address.version, effectivePrefix);
  const baseText =
    address.version === 4
      ? ipv4Text(Number(base))
      : ipv6Text(bigintGroups(base));
  return {
    cidr: `${baseText}/${effectivePrefix}`,
    version: address.version,
    prefixLength: effectivePrefix,
    base,
  };
}

/** Tells whether an address lies in a network of the same IP version. */
export function isInNetwork(address: IpAddress, network: Network): boolean {
  if (address.version !== network.version) return false;
  return (
    (address.value & networkMask(network.version, network.prefixLength)) ===
    network.base
  );
}

/** RFC 1918 private IPv4 space and RFC 4193 unique local IPv6 space. */
export const privateNetworks: readonly Network[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
].map((cidr) => parseNetwork(cidr));

function networkMask(version: 4 | 6, prefixLength: number): bigint {
  const bits = version === 4 ? 32n : 128n;
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(prefixLength))) & all;
}

function ipv4Value(text: string): bigint {
  return text
    .split('.')
    .reduce((sum, octet) => (sum << 8n) | BigInt(Number(octet)), 0n);
}

function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** Expands validated IPv6 text, with an optional dotted IPv4 tail, to 8 groups. */
function ipv6Groups(text: string): number[] {
  let body = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted?.[1] !== undefined) {
    const value = Number(ipv4Value(dotted[1]));
    tail.push(value >>> 16, value & 0xffff);
    body = body.slice(0, -dotted[1].length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const [head = '', rest] = body.split('::') as [string, string?];
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => parseInt(group, 16));
  const left = parse(head);
  const right = [...parse(rest ?? ''), ...tail];
  const missing = 8 - left.length - right.length;
  if (rest === undefined) return [...left, ...right];
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function bigintGroups(value: bigint): number[] {
  return Array.from({ length: 8 }, (_, index) =>
    Number((value >> BigInt((7 - index) * 16)) & 0xffffn),
  );
}

/** Formats 8 groups as RFC 5952 text: the longest run of two or more zero groups becomes `::`. */
function ipv6Text(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8;) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

function ipv4RejectionReason(address: IpAddress): string | undefined {
  const first = Number(address.value >> 24n);
  const second = Number((address.value >> 16n) & 0xffn);
  if (first === 0)
    return '0.0.0.0/8 ("this network") is not a routable address';
  if (first === 127) return 'loopback addresses are not accepted';
  if (first === 169 && second === 254)
    return 'link-local addresses are not accepted';
  if (first >= 224 && first <= 239)
    return 'multicast addresses are not accepted';
  if (first >= 240)
    return 'reserved and broadcast addresses (240.0.0.0/4) are not accepted';
  return undefined;
}

function ipv6RejectionReason(address: IpAddress): string | undefined {
  const value = address.value;
  if (value === 0n) return 'the unspecified address :: is not accepted';
  if (value === 1n) return 'loopback addresses are not accepted';
  if (value >> 118n === 0x3fan)
    return 'link-local addresses (fe80::/10) are not accepted';
  if (value >> 120n === 0xffn)
    return 'multicast addresses (ff00::/8) are not accepted';
  if (value >> 32n === 0n) {
    return 'IPv4-compatible IPv6 addresses (::/96) are deprecated; pass the IPv4 address';
  }
  return undefined;
}

function explainInvalidIp(text: string): string {
  if (text.includes('/')) {
    return `CIDR ranges are not accepted. Pass one address such as ${exampleIpv4}`;
  }
  if (text.includes('%')) {
    return 'zone indexes (%eth0) are not accepted. Pass a global address';
  }
  if (/^\d+$/.test(text)) {
    return `integer forms are not accepted. Pass a dotted-decimal IPv4 address such as ${exampleIpv4}`;
  }
  if (/(^|\.)0x/i.test(text)) {
    return `hexadecimal forms are not accepted. Pass a dotted-decimal IPv4 address such as ${exampleIpv4}`;
  }
  if (/^[\d.]+$/.test(text)) {
    const parts = text.split('.');
    if (parts.some((part) => part.length > 1 && part.startsWith('0'))) {
      return `octal forms are not accepted. Pass a dotted-decimal IPv4 address such as ${exampleIpv4}`;
    }
    if (parts.length < 4) {
      return `shortened forms are not accepted. Pass all four parts, such as ${exampleIpv4}`;
    }
  }
  return `expected an IPv4 address such as ${exampleIpv4} or an IPv6 address such as 2001:db8::7`;
}

function invalidIp(input: string, label: string, reason: string): PolicyError {
  return new PolicyError(
    'INVALID_TARGET',
    `Invalid ${label} ${JSON.stringify(input)}: ${reason}.`,
  );
}

function invalidNetwork(input: string): PolicyError {
  return new PolicyError(
    'INVALID_TARGET',
    `Invalid network ${JSON.stringify(input)}: expected CIDR notation such as 10.0.0.0/8 or 2001:db8::/32.`,
  );
}
