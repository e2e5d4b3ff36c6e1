import type { AssetRecord, AssetResolver } from './assets.js';
import { PolicyError } from './errors.js';
import {
  checkRoutable,
  isInNetwork,
  parseIpAddress,
  privateNetworks,
  type IpAddress,
  type Network,
} from './ip-address.js';
import type { GatedAction } from './vocabulary.js';

/** Kinds of target the gated actions act on. */
export type TargetKind = 'ip' | 'host' | 'user' | 'offense' | 'action';

interface TargetBase {
  /** Canonical value, bound into approval tokens and written to the audit. */
  value: string;
  /** The target as people read it. */
  label: string;
  /** The caller's input before canonicalization. */
  input: string;
}

/** An address for block_ip. */
export interface IpTarget extends TargetBase {
  kind: 'ip';
  version: 4 | 6;
  /** Internal when RFC 1918, RFC 4193 or one of the policy's internal networks contains it. */
  scope: 'internal' | 'external';
}

/** An endpoint for isolate_host; its value is `asset:<id>` when an asset matched. */
export interface HostTarget extends TargetBase {
  kind: 'host';
  asset: AssetRecord | null;
  /** Canonical addresses of the host: the asset's, or the one passed in. */
  ipAddresses: string[];
  /** Lower-case host names of the host: the asset's (fully qualified first), then the one passed in. */
  hostnames: string[];
}

/** An account for disable_user: the lower-case name, the domain kept apart. */
export interface UserTarget extends TargetBase {
  kind: 'user';
  domain: string | null;
}

/** An offense for update_offense. */
export interface OffenseTarget extends TargetBase {
  kind: 'offense';
  offenseId: number;
}

/** An executed action for rollback_action. */
export interface ActionTarget extends TargetBase {
  kind: 'action';
  actionId: string;
}

/** A canonical target of a gated action. */
export type CanonicalTarget =
  IpTarget | HostTarget | UserTarget | OffenseTarget | ActionTarget;

/** Target kind each gated action takes. */
export const targetKindByAction: Readonly<Record<GatedAction, TargetKind>> = {
  block_ip: 'ip',
  isolate_host: 'host',
  disable_user: 'user',
  update_offense: 'offense',
  rollback_action: 'action',
};

/**
 * Canonicalizes an address for block_ip: validated by zod before parsing,
 * IPv4-mapped IPv6 turned into IPv4, and CIDRs, loopback, link-local,
 * multicast, 0.0.0.0/8, reserved space, octal, hexadecimal and integer forms
 * rejected. Throws PolicyError `INVALID_TARGET` with a message that names the
 * accepted form.
 */
export function canonicalizeIp(
  input: string,
  options: { internalNetworks?: readonly Network[] | undefined } = {},
): IpTarget {
  const address = parseIpAddress(input);
  checkRoutable(address, input);
  return {
    kind: 'ip',
    value: address.text,
    label: address.text,
    input,
    version: address.version,
    scope: addressScope(address, options.internalNetworks ?? []),
  };
}

/** Tells whether an address is internal: private space or a listed network. */
export function addressScope(
  address: IpAddress,
  internalNetworks: readonly Network[],
): 'internal' | 'external' {
  const internal = [...privateNetworks, ...internalNetworks].some((network) =>
    isInNetwork(address, network),
  );
  return internal ? 'internal' : 'external';
}

// Characters that Active Directory forbids in account names, plus
// whitespace; control characters are checked apart for a clearer message.
const forbiddenInAccount = /[\s"/\\[\]:;|=,+*?<>@]/;
const domainPattern = /^[a-z0-9][a-z0-9_.-]{0,252}$/;
// Control characters, bidi overrides and zero-width characters.
const controlCharacters =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * Canonicalizes an account for disable_user: `CORP\jdoe`,
 * `jdoe@corp.example` and `jdoe` are all user `jdoe`, with the domain (lower
 * case) kept apart. Throws PolicyError `INVALID_TARGET`.
 */
export function canonicalizeUser(input: string): UserTarget {
  const text = input.trim();
  if (controlCharacters.test(text)) {
    throw invalidUser(
      input,
      'control, escape and invisible characters are not accepted',
    );
  }
  let name = text;
  let domain: string | null = null;
  const backslash = text.indexOf('\\');
  const at = text.lastIndexOf('@');
  if (backslash !== -1) {
    domain = text.slice(0, backslash);
    name = text.slice(backslash + 1);
  } else if (at !== -1) {
    name = text.slice(0, at);
    domain = text.slice(at + 1);
  }
  name = name.toLowerCase();
  domain = domain?.toLowerCase() ?? null;
  if (name === '' || name.length > 256 || forbiddenInAccount.test(name)) {
    throw invalidUser(
      input,
      'expected an account name such as jdoe, CORP\\jdoe or jdoe@corp.example',
    );
  }
  if (domain !== null && !domainPattern.test(domain)) {
    throw invalidUser(
      input,
      `the domain ${JSON.stringify(domain)} is not a valid domain name`,
    );
  }
  return {
    kind: 'user',
    value: name,
    label: domain === null ? name : `${name} (domain ${domain})`,
    input,
    domain,
  };
}

const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

/**
 * Canonicalizes an endpoint for isolate_host: an address (checked as for
 * block_ip) or a host name (lower case), resolved to its asset when the
 * resolver finds one, so that the asset's addresses and names are one
 * target (`asset:<id>`) whatever spelling the caller used. The resolver
 * receives the name as given (trimmed, without a trailing dot), because
 * QRadar compares asset host names case-sensitively. Throws PolicyError
 * `INVALID_TARGET`; resolver errors propagate.
 */
export async function canonicalizeHost(
  input: string,
  options: {
    resolver?: AssetResolver | undefined;
    internalNetworks?: readonly Network[] | undefined;
    signal?: AbortSignal | undefined;
  } = {},
): Promise<HostTarget> {
  const text = input.trim();
  const looksLikeAddress =
    text.includes(':') || /^[\d.]+$/.test(text) || text.includes('/');
  let query: { ip: string } | { hostname: string };
  let primary: string;
  if (looksLikeAddress) {
    primary = canonicalizeIp(text, options).value;
    query = { ip: primary };
  } else {
    const hostname = text.replace(/\.$/, '');
    primary = hostname.toLowerCase();
    if (controlCharacters.test(primary) || !hostnamePattern.test(primary)) {
      throw new PolicyError(
        'INVALID_TARGET',
        `Invalid host ${JSON.stringify(input)}: expected an IP address or a host name such as ws-042.corp.example.`,
      );
    }
    query = { hostname };
  }
  const asset =
    options.resolver === undefined
      ? undefined
      : await options.resolver.findAsset(
          query,
          options.signal === undefined ? {} : { signal: options.signal },
        );
  const ipAddresses = uniqueAddresses([
    ...('ip' in query ? [query.ip] : []),
    ...(asset?.ipAddresses ?? []),
  ]);
  // The asset's names come first, so that every spelling of one host gives
  // the same first name, which the reference-set executor writes.
  const hostnames = unique([
    ...orderHostnames(asset?.hostnames ?? []),
    ...('hostname' in query ? [primary] : []),
  ]);
  if (asset === undefined) {
    return {
      kind: 'host',
      value: primary,
      label: primary,
      input,
      asset: null,
      ipAddresses,
      hostnames,
    };
  }
  const names = [...hostnames, ...ipAddresses].slice(0, 3).join(', ');
  return {
    kind: 'host',
    value: `asset:${asset.id}`,
    label: `${names} (asset ${asset.id})`,
    input,
    asset,
    ipAddresses,
    hostnames,
  };
}

/** Builds the target of update_offense. */
export function offenseTarget(offenseId: number): OffenseTarget {
  if (!Number.isSafeInteger(offenseId) || offenseId < 0) {
    throw new PolicyError(
      'INVALID_TARGET',
      `Invalid offense_id ${JSON.stringify(offenseId)}: expected a non-negative integer such as 42.`,
    );
  }
  const value = String(offenseId);
  return {
    kind: 'offense',
    value,
    label: `offense ${value}`,
    input: value,
    offenseId,
  };
}

/** Builds the target of rollback_action. */
export function actionTarget(actionId: string): ActionTarget {
  const value = actionId.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new PolicyError(
      'INVALID_TARGET',
      `Invalid action_id ${JSON.stringify(actionId)}: expected an id from list_actions such as act_3f9a1c0b7d2e.`,
    );
  }
  return {
    kind: 'action',
    value,
    label: `action ${value}`,
    input: actionId,
    actionId: value,
  };
}

function uniqueAddresses(addresses: readonly string[]): string[] {
  const canonical: string[] = [];
  for (const address of addresses) {
    try {
      canonical.push(parseIpAddress(address).text);
    } catch {
      // An asset may list a malformed address; it cannot match anything.
    }
  }
  return unique(canonical);
}

/** Lower-cases host names, fully qualified names first, each group in its given order. */
function orderHostnames(names: readonly string[]): string[] {
  const lower = unique(
    names.map((name) => name.trim().replace(/\.$/, '').toLowerCase()),
  ).filter((name) => name !== '');
  return [
    ...lower.filter((name) => name.includes('.')),
    ...lower.filter((name) => !name.includes('.')),
  ];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function invalidUser(input: string, reason: string): PolicyError {
  return new PolicyError(
    'INVALID_TARGET',
    `Invalid username ${JSON.stringify(input)}: ${reason}.`,
  );
}
