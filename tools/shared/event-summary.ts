import { z } from 'zod';

import type { ArielRow } from '../../src/qradar/index.js';
import { isoTimeSchema } from './schemas.js';
import { toIsoTime } from './time.js';
import { untrustedText } from './untrusted.js';

/** Groups the summary search returns at most; more are reported as partial. */
export const summaryGroupLimit = 2000;

const topCount = 5;

/**
 * Builds the one Ariel query behind an offense's event summary: event
 * counts grouped by QID, category, source, destination, user and log
 * source, from which every top list is computed.
 */
export function buildEventSummaryQuery(
  offenseId: number,
  timeClause: string,
): string {
  return [
    'SELECT qid, QIDNAME(qid) AS qid_name, CATEGORYNAME(category) AS category_name,',
    'sourceip, destinationip, username, LOGSOURCENAME(logsourceid) AS log_source,',
    'SUM(eventcount) AS event_count, MIN(starttime) AS first_seen, MAX(starttime) AS last_seen',
    `FROM events WHERE INOFFENSE(${offenseId})`,
    'GROUP BY qid, category, sourceip, destinationip, username, logsourceid',
    `ORDER BY event_count DESC LIMIT ${summaryGroupLimit} ${timeClause}`,
  ].join(' ');
}

const countSchema = z.number().int();

/** An offense's events, summarized: top lists with counts, first and last seen. */
export const eventSummarySchema = z.object({
  events: countSchema,
  first_seen: isoTimeSchema,
  last_seen: isoTimeSchema,
  top_qids: z.array(
    z.object({
      qid: z.number().int().nullable(),
      name: z.string().nullable(),
      category: z.string().nullable(),
      count: countSchema,
    }),
  ),
  categories: z.array(z.object({ name: z.string(), count: countSchema })),
  sources: z.array(z.object({ ip: z.string(), count: countSchema })),
  destinations: z.array(z.object({ ip: z.string(), count: countSchema })),
  log_sources: z.array(z.object({ name: z.string(), count: countSchema })),
  distinct: z.object({
    qids: countSchema,
    sources: countSchema,
    destinations: countSchema,
    users: countSchema,
  }),
  /** Set when the grouped rows were cut at summaryGroupLimit. */
  partial: z.boolean(),
  untrusted: z.object({
    users: z.array(z.object({ username: z.string(), count: countSchema })),
  }),
});

/** An offense's event summary. */
export type EventSummary = z.input<typeof eventSummarySchema>;

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.round(value))
    : 0;
}

class Tally<Key> {
  readonly #counts = new Map<Key, number>();

  add(key: Key | null, amount: number): void {
    if (key === null) return;
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + amount);
  }

  get size(): number {
    return this.#counts.size;
  }

  top(limit: number): [Key, number][] {
    return [...this.#counts.entries()]
      .sort((left, right) => right[1] - left[1])
      .slice(0, limit);
  }
}

/** Aggregates the grouped rows of buildEventSummaryQuery into the summary. */
export function summarizeEventGroups(
  rows: readonly ArielRow[],
  partial: boolean,
): EventSummary {
  const qids = new Tally<string>();
  const qidInfo = new Map<
    string,
    { qid: number | null; name: string | null; category: string | null }
  >();
  const categories = new Tally<string>();
  const sources = new Tally<string>();
  const destinations = new Tally<string>();
  const logSources = new Tally<string>();
  const users = new Tally<string>();
  let events = 0;
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = 0;
  for (const row of rows) {
    const amount = count(row['event_count']);
    events += amount;
    const qid = typeof row['qid'] === 'number' ? row['qid'] : null;
    const qidKey = String(qid);
    qids.add(qidKey, amount);
    if (!qidInfo.has(qidKey)) {
      qidInfo.set(qidKey, {
        qid,
        name: text(row['qid_name']),
        category: text(row['category_name']),
      });
    }
    categories.add(text(row['category_name']), amount);
    sources.add(text(row['sourceip']), amount);
    destinations.add(text(row['destinationip']), amount);
    logSources.add(text(row['log_source']), amount);
    const username = text(row['username']);
    users.add(username === null ? null : untrustedText(username, 100), amount);
    const first = row['first_seen'];
    const last = row['last_seen'];
    if (typeof first === 'number') firstMs = Math.min(firstMs, first);
    if (typeof last === 'number') lastMs = Math.max(lastMs, last);
  }
  return {
    events,
    first_seen: Number.isFinite(firstMs) ? toIsoTime(firstMs) : null,
    last_seen: toIsoTime(lastMs),
    top_qids: qids.top(topCount).map(([key, amount]) => ({
      qid: qidInfo.get(key)?.qid ?? null,
      name: qidInfo.get(key)?.name ?? null,
      category: qidInfo.get(key)?.category ?? null,
      count: amount,
    })),
    categories: categories
      .top(topCount)
      .map(([name, amount]) => ({ name, count: amount })),
    sources: sources
      .top(topCount)
      .map(([ip, amount]) => ({ ip, count: amount })),
    destinations: destinations
      .top(topCount)
      .map(([ip, amount]) => ({ ip, count: amount })),
    log_sources: logSources
      .top(topCount)
      .map(([name, amount]) => ({ name, count: amount })),
    distinct: {
      qids: qids.size,
      sources: sources.size,
      destinations: destinations.size,
      users: users.size,
    },
    partial,
    untrusted: {
      users: users
        .top(topCount)
        .map(([username, amount]) => ({ username, count: amount })),
    },
  };
}
