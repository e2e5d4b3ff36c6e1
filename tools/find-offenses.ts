import { z } from 'zod';

import {
  canonicalizeUser,
  normalizeIpAddress,
  PolicyError,
} from '../src/policy/index.js';
import { and, eq, gte, inList, type Filter } from '../src/qradar/index.js';
import type { ToolContext } from './context.js';
import {
  offenseListFields,
  offenseListItemSchema,
  offenseTypeNames,
  toOffenseListItem,
} from './shared/offenses.js';
import { hostnameSpellings, matchHostname } from './shared/hostnames.js';
import { countOf, TextRenderer } from './shared/render.js';
import { renderOffenseItem } from './shared/render-items.js';
import { parseSince } from './shared/time.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const maxUserAddresses = 10;
const offenseSourceScan = 200;

const inputSchema = z.strictObject({
  ip: z.string().min(2).max(45).optional(),
  username: z.string().min(1).max(256).optional(),
  hostname: z.string().min(1).max(253).optional(),
  since: z
    .string()
    .max(40)
    .default('7d')
    .describe('Updated since: ISO 8601 time or 30m, 24h, 7d (default 7d)'),
  status: z.enum(['OPEN', 'HIDDEN', 'CLOSED', 'ANY']).default('ANY'),
  limit: z.number().int().min(1).max(50).default(20),
});

const outputSchema = z.object({
  offenses: z.array(
    offenseListItemSchema.extend({ matched_by: z.array(z.string()) }),
  ),
  returned: z.number().int(),
  candidates: z.number().int(),
  method: z.string(),
});

type Matches = Map<number, Set<string>>;

function addMatch(matches: Matches, id: number, reason: string): void {
  const reasons = matches.get(id) ?? new Set<string>();
  reasons.add(reason);
  matches.set(id, reasons);
}

async function matchAddresses(
  context: ToolContext,
  ips: readonly string[],
  label: string,
  matches: Matches,
): Promise<void> {
  if (ips.length === 0) return;
  const { client, signal } = context;
  const [sources, destinations] = await Promise.all([
    client.getSourceAddressesByIp(ips, {
      fields: ['id', 'offense_ids'],
      signal,
    }),
    client.getLocalDestinationAddressesByIp(ips, {
      fields: ['id', 'offense_ids'],
      signal,
    }),
  ]);
  for (const record of sources)
    for (const id of record.offense_ids ?? [])
      addMatch(matches, id, `${label} as source`);
  for (const record of destinations)
    for (const id of record.offense_ids ?? [])
      addMatch(matches, id, `${label} as local destination`);
}

function aqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

async function userSourceAddresses(
  context: ToolContext,
  username: string,
  sinceMs: number,
): Promise<string[]> {
  const stopMs = context.now();
  const startMs = Math.max(sinceMs, stopMs - context.settings.aqlMaxWindowMs);
  const query = `SELECT sourceip, SUM(eventcount) AS event_count FROM events WHERE username ILIKE ${aqlString(username)} GROUP BY sourceip ORDER BY event_count DESC LIMIT ${maxUserAddresses} START ${startMs} STOP ${stopMs}`;
  const result = await context.client.runSearch(query, {
    signal: context.signal,
    deadlineMs: context.settings.summarySearchDeadlineMs,
    maxRows: maxUserAddresses,
  });
  return result.rows
    .map((row) => row['sourceip'])
    .filter((ip): ip is string => typeof ip === 'string');
}

function statusFilter(status: string): Filter[] {
  return status === 'ANY' ? [] : [eq('status', status)];
}

/** find_offenses: offenses that involve an address, a user or a host. */
export const findOffensesTool = defineTool({
  name: 'find_offenses',
  title: 'Find offenses',
  description:
    'Find offenses involving exactly one of ip, username or hostname (via offense sources, address records, the user’s event sources or the host’s asset addresses); each result says how it matched.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'read',
  async handler(input, context) {
    const given = [input.ip, input.username, input.hostname].filter(
      (value) => value !== undefined,
    );
    if (given.length !== 1) {
      throw new ToolError(
        'INVALID_INPUT',
        'Invalid arguments: pass exactly one of ip, username and hostname.',
        'Call find_offenses once per indicator.',
      );
    }
    const sinceMs = parseSince(input.since, context.now());
    if (sinceMs === undefined) {
      throw new ToolError(
        'INVALID_INPUT',
        `Invalid since ${JSON.stringify(input.since)}: expected an ISO 8601 time or a relative form such as 24h.`,
        'Pass since as 2024-05-01T00:00:00Z, 30m, 24h or 7d.',
      );
    }
    const { client, signal } = context;
    const matches: Matches = new Map();
    let method: string;

    if (input.ip !== undefined) {
      const ip = normalizeIpAddress(input.ip);
      if (ip === undefined) {
        throw new ToolError(
          'INVALID_INPUT',
          `Invalid ip ${JSON.stringify(input.ip)}: expected one IPv4 or IPv6 address.`,
          'Pass a single address such as 203.0.113.7.',
        );
      }
      await matchAddresses(context, [ip], `ip ${ip}`, matches);
      method = 'offense source and local destination address records';
    } else {
      // Offense sources of Username and Hostname offenses are compared in
      // code because QRadar does not accept offense_source in a filter.
      const page = await client.listOffenses({
        filter: and(
          gte('last_updated_time', sinceMs),
          ...statusFilter(input.status),
        ),
        sort: [{ field: 'id', direction: 'desc' }],
        fields: ['id', 'offense_source'],
        range: { start: 0, limit: offenseSourceScan },
        signal,
      });
      if (input.username !== undefined) {
        let user;
        try {
          user = canonicalizeUser(input.username);
        } catch (error) {
          if (!PolicyError.is(error)) throw error;
          throw new ToolError(
            'INVALID_INPUT',
            error.message,
            'Pass an account name such as jdoe or CORP\\jdoe.',
          );
        }
        for (const offense of page.items) {
          const source = offense.offense_source;
          if (typeof source !== 'string') continue;
          try {
            if (canonicalizeUser(source).value === user.value)
              addMatch(matches, offense.id, 'username as offense source');
          } catch {
            // Not an account name; it cannot match.
          }
        }
        const addresses = await userSourceAddresses(
          context,
          user.value,
          sinceMs,
        );
        await matchAddresses(
          context,
          addresses,
          'an address the user’s events came from',
          matches,
        );
        method = `offense sources of the ${page.items.length} newest offenses, and the source addresses of the user's events`;
      } else {
        const requested = (input.hostname ?? '').trim().replace(/\.$/, '');
        const hostname = requested.toLowerCase();
        for (const offense of page.items) {
          if (offense.offense_source?.toLowerCase() === hostname)
            addMatch(matches, offense.id, 'hostname as offense source');
        }
        const found = await client.getAssetsByHostnames(
          hostnameSpellings(requested),
          { signal },
        );
        const assets = found.filter(
          (asset) =>
            matchHostname(
              (asset.hostnames ?? []).flatMap((entry) => entry.name ?? []),
              requested,
            ) !== undefined,
        );
        const ips = assets.flatMap((asset) =>
          (asset.interfaces ?? []).flatMap((networkInterface) =>
            (networkInterface.ip_addresses ?? [])
              .map((address) => address.value)
              .filter((value): value is string => typeof value === 'string'),
          ),
        );
        await matchAddresses(
          context,
          ips.slice(0, 20),
          'an address of the host’s asset',
          matches,
        );
        method = `offense sources of the ${page.items.length} newest offenses, and the addresses of the host's asset`;
      }
    }

    if (matches.size === 0)
      return { offenses: [], returned: 0, candidates: 0, method };
    const ids = [...matches.keys()]
      .sort((left, right) => right - left)
      .slice(0, 500);
    const page = await client.listOffenses({
      filter: and(
        inList('id', ids),
        gte('last_updated_time', sinceMs),
        ...statusFilter(input.status),
      ),
      sort: [{ field: 'id', direction: 'desc' }],
      fields: offenseListFields,
      range: { start: 0, limit: input.limit },
      signal,
    });
    const typeNames = await offenseTypeNames(client, page.items, signal);
    const offenses = page.items.map((offense) => ({
      ...toOffenseListItem(offense, typeNames),
      matched_by: [...(matches.get(offense.id) ?? [])],
    }));
    return {
      offenses,
      returned: offenses.length,
      candidates: matches.size,
      method,
    };
  },
  render(output) {
    const filtered =
      output.candidates > output.returned
        ? ` (${output.candidates} candidates matched; the rest are outside since, status or limit)`
        : '';
    const text = new TextRenderer().line(
      `${countOf(output.returned, 'offense')} found${filtered}, newest first.`,
      `Searched: ${output.method}.`,
    );
    for (const offense of output.offenses)
      renderOffenseItem(text, offense, offense.matched_by);
    return text.toString();
  },
});
