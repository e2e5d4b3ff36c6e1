import type { z } from 'zod';

import type { addressSchema } from './addresses.js';
import type { assetSummarySchema, roleSchema } from './assets.js';
import type { eventSummarySchema } from './event-summary.js';
import type { offenseListItemSchema } from './offenses.js';
import {
  countOf,
  listOrNone,
  orNone,
  quoteUntrusted,
  type TextRenderer,
} from './render.js';

// Renderers of the parts that several tools return; each writes its
// server-made lines and quotes its untrusted fields into one TextRenderer.

type Role = z.output<typeof roleSchema>;

/** Formats roles as `critical (reference set Critical Assets)`, or `none`. */
export function formatRoles(roles: readonly Role[]): string {
  return listOrNone(roles.map((role) => `${role.role} (${role.source})`));
}

/** Writes one asset line (ref, criticality, addresses, roles, risk) and its untrusted fields. */
export function renderAsset(
  text: TextRenderer,
  asset: z.output<typeof assetSummarySchema>,
): void {
  const ref = `asset:${asset.id}`;
  text.line(
    `- ${ref}: criticality ${asset.criticality} (${asset.criticality_derivation.join('; ')}); IPs ${listOrNone(asset.ips)}; roles ${formatRoles(asset.roles)}; risk score ${orNone(asset.risk_score)}; vulnerabilities ${orNone(asset.vulnerability_count)}`,
  );
  const untrusted = asset.untrusted;
  text
    .untrusted(`${ref} name`, untrusted.name, 100)
    .untrustedList(`${ref} host names`, untrusted.hostnames)
    .untrusted(`${ref} owner`, untrusted.owner, 100)
    .untrusted(`${ref} location`, untrusted.location, 100)
    .untrusted(`${ref} description`, untrusted.description, 200)
    .untrustedList(`${ref} users`, untrusted.users);
}

/** Formats an address with its scope and roles. */
export function formatAddress(address: z.output<typeof addressSchema>) {
  const roles =
    address.roles.length === 0 ? '' : `, roles ${formatRoles(address.roles)}`;
  return `${address.ip} (${address.scope}${roles})`;
}

/** Writes one offense list line and its untrusted description and source. */
export function renderOffenseItem(
  text: TextRenderer,
  offense: z.output<typeof offenseListItemSchema>,
  matchedBy?: readonly string[],
): void {
  const ref = `offense ${offense.id}`;
  const matched =
    matchedBy === undefined ? '' : `; matched by ${listOrNone(matchedBy)}`;
  text.line(
    `- ${ref}: ${orNone(offense.status)}, magnitude ${orNone(offense.magnitude)}, severity ${orNone(offense.severity)}, type ${orNone(offense.offense_type)}, ${offense.event_count === null ? 'event count unknown' : countOf(offense.event_count, 'event')}; started ${orNone(offense.start_time)}, updated ${orNone(offense.last_updated_time)}; categories ${listOrNone(offense.categories)}; assigned to ${orNone(offense.assigned_to)}${matched}`,
  );
  text
    .untrusted(`${ref} description`, offense.untrusted.description, 200)
    .untrusted(`${ref} offense source`, offense.untrusted.offense_source, 100);
}

function counted<Item extends { count: number }>(
  items: readonly Item[],
  label: (item: Item) => string,
): string {
  return listOrNone(
    items.map((item) => `${label(item)} ${item.count}`),
    '; ',
  );
}

/** Writes an offense's event summary: totals, distinct counts and the top lists. */
export function renderEventSummary(
  text: TextRenderer,
  summary: z.output<typeof eventSummarySchema>,
): void {
  const partial = summary.partial
    ? ' (partial: the grouped rows were cut, so counts are lower bounds)'
    : '';
  const distinct = summary.distinct;
  text.line(
    `Event summary: ${countOf(summary.events, 'event')}, first seen ${orNone(summary.first_seen)}, last seen ${orNone(summary.last_seen)}${partial}`,
    `  distinct: ${countOf(distinct.qids, 'QID')}, ${countOf(distinct.sources, 'source')}, ${countOf(distinct.destinations, 'destination')}, ${countOf(distinct.users, 'user')}`,
    `  top QIDs (events): ${counted(summary.top_qids, (qid) => `${orNone(qid.qid)} ${orNone(qid.name)} [${orNone(qid.category)}]`)}`,
    `  categories: ${counted(summary.categories, (item) => item.name)}`,
    `  sources: ${counted(summary.sources, (item) => item.ip)}`,
    `  destinations: ${counted(summary.destinations, (item) => item.ip)}`,
    `  log sources: ${counted(summary.log_sources, (item) => item.name)}`,
  );
  const users = summary.untrusted.users;
  if (users.length > 0) {
    text.untrustedLine(
      `top users (events): ${users.map((user) => `${quoteUntrusted(user.username, 100)} ${user.count}`).join('; ')}`,
    );
  }
}
