import type { Asset, Offense, QRadarClient } from '../../qradar/index.js';
import type { ApprovalRequestRecord } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';

// The reads behind `approvals show` that tell the approver whether a
// request's target belongs to its offense at all.

/** Time budget of all QRadar reads behind one `approvals show`. */
const readBudgetMs = 30_000;
const marginMs = 60_000;
const maxUsernameRows = 1000;

/** The parts of an offense that tell an approver whether a target belongs to it. */
export interface OffenseFacts {
  offense: Offense;
  sourceIps: string[];
  destinationIps: string[];
  /** Assets of the offense's addresses, as lower-case addresses and host names. */
  assets: HostIdentity[];
  /** Lower-case account names of the offense's events; undefined when not searched. */
  usernames: string[] | undefined;
}

/** Addresses and host names of one host, lower case. */
export interface HostIdentity {
  ips: string[];
  hostnames: string[];
}

/** The values of a request's target to look for in the offense. */
export interface TargetIdentity extends HostIdentity {
  usernames: string[];
}

function lowerCase(values: readonly (string | null | undefined)[]): string[] {
  const texts = values
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
  return [...new Set(texts)];
}

function hostOf(asset: Asset): HostIdentity {
  return {
    ips: lowerCase(
      (asset.interfaces ?? []).flatMap((nic) =>
        (nic.ip_addresses ?? []).map((address) => address.value),
      ),
    ),
    hostnames: lowerCase((asset.hostnames ?? []).map((host) => host.name)),
  };
}

/** Strips the domain from `CORP\jdoe` or `jdoe@corp.example`, as the policy does. */
function accountName(username: string): string {
  const backslash = username.indexOf('\\');
  if (backslash !== -1) return username.slice(backslash + 1);
  const at = username.lastIndexOf('@');
  return at === -1 ? username : username.slice(0, at);
}

function looksLikeAddress(text: string): boolean {
  return text.includes(':') || /^[\d.]+$/.test(text);
}

/**
 * Resolves what to look for in the offense: the address of `block_ip`, the
 * asset, address or host name of `isolate_host`, the account of
 * `disable_user`. Returns undefined for targets that are not hosts or users
 * (an offense, an action).
 */
export async function readTargetIdentity(
  client: QRadarClient,
  record: ApprovalRequestRecord,
  signal: AbortSignal,
): Promise<TargetIdentity | undefined> {
  const value = record.target.trim().toLowerCase();
  if (record.targetKind === 'ip') {
    return { ips: [value], hostnames: [], usernames: [] };
  }
  if (record.targetKind === 'user') {
    return { ips: [], hostnames: [], usernames: [accountName(value)] };
  }
  if (record.targetKind !== 'host') return undefined;
  const assetId = /^asset:(\d+)$/.exec(value)?.[1];
  if (assetId !== undefined) {
    const asset = await client.getAsset(Number(assetId), { signal });
    return { ...hostOf(asset), usernames: [] };
  }
  return looksLikeAddress(value)
    ? { ips: [value], hostnames: [], usernames: [] }
    : { ips: [], hostnames: [value], usernames: [] };
}

function offenseTimeClause(offense: Offense, nowMs: number): string {
  const stopMs = Math.min(
    nowMs,
    (offense.last_updated_time ?? nowMs) + marginMs,
  );
  const startMs = Math.min(
    (offense.start_time ?? stopMs - 86_400_000) - marginMs,
    stopMs - marginMs,
  );
  return `START ${startMs} STOP ${stopMs}`;
}

/**
 * Lists the lower-case account names, without domain, of an offense's events
 * with one Ariel search over the offense's time range.
 */
export async function readOffenseUsernames(
  client: QRadarClient,
  offense: Offense,
  signal: AbortSignal,
): Promise<string[]> {
  const query = [
    `SELECT username FROM events WHERE INOFFENSE(${offense.id})`,
    `GROUP BY username LIMIT ${maxUsernameRows}`,
    offenseTimeClause(offense, Date.now()),
  ].join(' ');
  const result = await client.runSearch(query, {
    signal,
    deadlineMs: readBudgetMs,
    maxRows: maxUsernameRows,
  });
  return lowerCase(
    result.rows.map((row) => {
      const username = row['username'];
      return typeof username === 'string' ? accountName(username) : null;
    }),
  );
}

/**
 * Reads an offense, its source and local destination addresses and the
 * assets behind them, leaving `usernames` unset. Throws the client's
 * QRadarError when a read fails.
 */
export async function readOffenseFacts(
  client: QRadarClient,
  offenseId: number,
  signal: AbortSignal,
): Promise<OffenseFacts> {
  const offense = await client.getOffense(offenseId, { signal });
  const sourceIds = offense.source_address_ids ?? [];
  const destinationIds = offense.local_destination_address_ids ?? [];
  const [sources, destinations] = await Promise.all([
    sourceIds.length === 0
      ? []
      : client.getSourceAddresses(sourceIds, { signal }),
    destinationIds.length === 0
      ? []
      : client.getLocalDestinationAddresses(destinationIds, { signal }),
  ]);
  const sourceIps = lowerCase(sources.map((address) => address.source_ip));
  const destinationIps = lowerCase(
    destinations.map((address) => address.local_destination_ip),
  );
  const addresses = [...new Set([...sourceIps, ...destinationIps])];
  const assets =
    addresses.length === 0
      ? []
      : await client.getAssetsByIps(addresses, { signal });
  return {
    offense,
    sourceIps,
    destinationIps,
    assets: assets.map(hostOf),
    usernames: undefined,
  };
}

function intersects(left: readonly string[], right: readonly string[]) {
  return left.some((value) => right.includes(value));
}

/**
 * Lists where the target appears in the offense, such as `source address`
 * or `asset dc01.corp.example`; an empty list means it appears nowhere that
 * was checked. Host names in the list come from QRadar and are not yet
 * sanitized.
 */
export function findTargetInOffense(
  target: TargetIdentity,
  facts: OffenseFacts,
): string[] {
  const places: string[] = [];
  const offenseSource = facts.offense.offense_source?.trim().toLowerCase();
  if (intersects(target.ips, facts.sourceIps)) places.push('source address');
  if (intersects(target.ips, facts.destinationIps))
    places.push('local destination address');
  if (
    offenseSource !== undefined &&
    [...target.ips, ...target.hostnames, ...target.usernames].includes(
      offenseSource,
    )
  ) {
    places.push('offense source');
  }
  for (const asset of facts.assets) {
    if (
      intersects(target.ips, asset.ips) ||
      intersects(target.hostnames, asset.hostnames)
    ) {
      places.push(`asset ${asset.hostnames[0] ?? asset.ips[0] ?? ''}`);
    }
  }
  if (intersects(target.usernames, facts.usernames ?? []))
    places.push('event username');
  return places;
}

function inert(value: unknown, maxLength = 120): string {
  return sanitizeText(value, { singleLine: true, maxLength });
}

function counted(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function checkedParts(facts: OffenseFacts): string {
  const addresses = new Set([...facts.sourceIps, ...facts.destinationIps]);
  const parts = [
    counted(addresses.size, 'address', 'addresses'),
    counted(facts.assets.length, 'asset host', 'asset hosts'),
  ];
  if (facts.usernames !== undefined)
    parts.push(counted(facts.usernames.length, 'username', 'usernames'));
  return parts.join(', ');
}

/**
 * Builds the `approvals show` lines about the offense: its status, magnitude
 * and description (sanitized and marked untrusted) and whether the target
 * appears in it, with a warning when it does not. Never throws, because a
 * failed read becomes a line that reports it.
 */
export async function describeOffense(
  client: QRadarClient,
  record: ApprovalRequestRecord,
): Promise<string[]> {
  if (record.offenseId === null) return ['Offense      -'];
  const offenseId = record.offenseId;
  const signal = AbortSignal.timeout(readBudgetMs);

  let facts: OffenseFacts;
  try {
    facts = await readOffenseFacts(client, offenseId, signal);
  } catch (error) {
    return [
      `Offense      ${offenseId} (details unavailable: ${inert((error as Error).message, 300)})`,
      'In offense   not checked, because the offense could not be read',
    ];
  }
  const { offense } = facts;
  const lines = [
    `Offense      ${offenseId}: status ${inert(offense.status ?? 'unknown', 20)}, magnitude ${offense.magnitude ?? 'unknown'}`,
    `Description  (from QRadar, untrusted) ${inert(offense.description?.trim() ?? '', 300)}`,
  ];

  let target: TargetIdentity | undefined;
  try {
    target = await readTargetIdentity(client, record, signal);
  } catch (error) {
    lines.push(
      `In offense   not checked, because the target could not be read: ${inert((error as Error).message, 300)}`,
    );
    return lines;
  }
  if (target === undefined) return lines;
  if (target.usernames.length > 0) {
    try {
      facts.usernames = await readOffenseUsernames(client, offense, signal);
    } catch (error) {
      lines.push(
        `In offense   not checked, because the Ariel search for event usernames failed: ${inert((error as Error).message, 300)}`,
      );
      return lines;
    }
  }

  const places = findTargetInOffense(target, facts);
  lines.push(
    places.length === 0
      ? `In offense   WARNING: target not seen in offense ${offenseId} (checked ${checkedParts(facts)})`
      : `In offense   ${places.map((place) => inert(place, 100)).join(', ')}`,
  );
  return lines;
}
