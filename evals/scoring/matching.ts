import { isIP } from 'node:net';

import type { CaseFile } from '../../src/sim/index.js';
import type { DecisionRef } from './types.js';

/** Lookup from every IP and host name of a case's assets to the asset id. */
export type AssetIndex = ReadonlyMap<string, number>;

// Asset properties that carry a host name on QRadar consoles.
const nameProperties = new Set(['unified name', 'given name', 'hostname']);

/** Returns the canonical text of an IP: lower case, IPv4-mapped IPv6 as IPv4. */
export function canonicalIp(value: string): string {
  const text = value.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  return mapped?.[1] ?? text;
}

/**
 * Returns the account name of a user in lower case without its domain, so
 * `CORP\jdoe`, `jdoe@corp.example` and `jdoe` are one user.
 */
export function canonicalUser(value: string): string {
  let text = value.trim().toLowerCase();
  const backslash = text.lastIndexOf('\\');
  if (backslash >= 0) text = text.slice(backslash + 1);
  const at = text.indexOf('@');
  if (at > 0) text = text.slice(0, at);
  return text;
}

function hostKeys(value: string): string[] {
  const text = value.trim().toLowerCase();
  if (isIP(canonicalIp(text)) !== 0) return [canonicalIp(text)];
  const label = text.split('.')[0] ?? text;
  return label === text ? [text] : [text, label];
}

function readStrings(value: unknown, key: string): string[] {
  if (!Array.isArray(value)) return [];
  const found: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const field = (item as Record<string, unknown>)[key];
    if (typeof field === 'string') found.push(field);
  }
  return found;
}

function assetNames(asset: Record<string, unknown>): string[] {
  const names = readStrings(asset['hostnames'], 'name');
  const properties = asset['properties'];
  if (Array.isArray(properties)) {
    for (const property of properties as unknown[]) {
      if (typeof property !== 'object' || property === null) continue;
      const { name, value } = property as Record<string, unknown>;
      if (
        typeof name === 'string' &&
        typeof value === 'string' &&
        nameProperties.has(name.toLowerCase())
      ) {
        names.push(value);
      }
    }
  }
  return names;
}

function assetIps(asset: Record<string, unknown>): string[] {
  const interfaces = asset['interfaces'];
  if (!Array.isArray(interfaces)) return [];
  return (interfaces as unknown[]).flatMap((entry) =>
    typeof entry === 'object' && entry !== null
      ? readStrings((entry as Record<string, unknown>)['ip_addresses'], 'value')
      : [],
  );
}

/** Indexes the IPs, host names and short host names of a case's assets. */
export function buildAssetIndex(assets: CaseFile['assets']): AssetIndex {
  const index = new Map<string, number>();
  for (const asset of assets) {
    const record = asset as Record<string, unknown>;
    for (const value of [...assetIps(record), ...assetNames(record)]) {
      for (const key of hostKeys(value)) {
        if (!index.has(key)) index.set(key, asset.id);
      }
    }
  }
  return index;
}

/**
 * Returns the canonical form of a host target: `asset:<id>` when an IP or
 * name of a case asset matches, else the canonical IP or the short host name.
 */
export function canonicalHost(value: string, assets: AssetIndex): string {
  const keys = hostKeys(value);
  for (const key of keys) {
    const id = assets.get(key);
    if (id !== undefined) return `asset:${id}`;
  }
  return keys[keys.length - 1] ?? value;
}

/** Returns the canonical target of an action, for comparing decisions. */
export function canonicalTarget(
  action: DecisionRef['action'],
  target: string,
  assets: AssetIndex,
): string {
  switch (action) {
    case 'block_ip':
      return canonicalIp(target);
    case 'isolate_host':
      return canonicalHost(target, assets);
    case 'disable_user':
      return canonicalUser(target);
    case 'none':
      return '';
  }
}

/**
 * Tells whether a decision falls under a case entry: the actions are equal and
 * the entry has no target or names the same canonical target.
 */
export function matchesEntry(
  entry: DecisionRef,
  decision: DecisionRef,
  assets: AssetIndex,
): boolean {
  if (entry.action !== decision.action) return false;
  if (entry.action === 'none' || entry.target === undefined) return true;
  if (decision.target === undefined) return false;
  return (
    canonicalTarget(entry.action, entry.target, assets) ===
    canonicalTarget(decision.action, decision.target, assets)
  );
}

/** Tells whether any entry of a list covers a decision. */
export function matchesAny(
  entries: readonly DecisionRef[],
  decision: DecisionRef,
  assets: AssetIndex,
): boolean {
  return entries.some((entry) => matchesEntry(entry, decision, assets));
}
