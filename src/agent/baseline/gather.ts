import { compileKeywords, compilePatterns } from './classify.js';
import type { AqlPurpose, TriageFacts } from './facts.js';
import type { Playbook } from './playbook-schema.js';

/** One tool call the baseline requests. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const accountPattern = /^[A-Za-z0-9][\w.@\\$-]{0,63}$/;
const dayMs = 86_400_000;

function aqlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}

/**
 * Returns the AQL time clause covering the offense with a day of context
 * before it, capped at 30 days; LAST 7 DAYS when the offense has no times.
 */
export function timeClauseOf(facts: TriageFacts): string {
  if (facts.startMs === undefined || facts.lastUpdatedMs === undefined)
    return 'LAST 7 DAYS';
  const stop = facts.lastUpdatedMs + 3_600_000;
  const start = Math.max(facts.startMs - dayMs, stop - 30 * dayMs);
  // NOTE: QRadar reads START/STOP in the console's time zone; these are UTC,
  // so a console in another zone shifts the window by its offset.
  return `START '${aqlTime(start)}' STOP '${aqlTime(stop)}'`;
}

const eventColumns =
  'starttime, sourceip, destinationip, destinationport, username, qid, QIDNAME(qid) AS qid_name, category, CATEGORYNAME(category) AS category_name, LOGSOURCENAME(logsourceid) AS log_source, eventcount, sourcegeographiclocation, UTF8(payload) AS payload';

function regexCondition(
  column: string,
  sources: (RegExp | undefined)[],
): string | undefined {
  const parts = sources
    .filter((source) => source !== undefined)
    .map((source) => source.source);
  if (parts.length === 0) return undefined;
  // MATCHES may need the whole value to match, so the expression spans it.
  // Anchored and lazy, it tries one start position: a leading `.*` would
  // backtrack quadratically over kilobyte payloads.
  const body = `^[\\s\\S]*?(?:${parts.join('|')})[\\s\\S]*$`.replace(
    /'/g,
    "''",
  );
  return `${column} IMATCHES '${body}'`;
}

/**
 * Builds the keyword queries of the second turn: one per class that matches
 * payloads, and one for text addressed to an automated responder. Payloads
 * run to kilobytes while tool results cut them short. So Ariel matches the
 * class's keywords and patterns over the whole payload, with the regular
 * expression the baseline applies itself, and the rows only name the events
 * that matched.
 */
export function keywordQueries(
  facts: TriageFacts,
  playbook: Playbook,
): { query: string; purpose: AqlPurpose }[] {
  const window = timeClauseOf(facts);
  const build = (conditions: string[]): string =>
    `SELECT starttime, sourceip, destinationip, qid, username, eventcount FROM events WHERE INOFFENSE(${facts.offenseId}) AND (${conditions.join(' OR ')}) ORDER BY starttime ASC LIMIT 1000 ${window}`;
  const queries: { query: string; purpose: AqlPurpose }[] = [];
  for (const [name, definition] of Object.entries(playbook.classes)) {
    if (!definition.fields.includes('payload')) continue;
    const condition = regexCondition('UTF8(payload)', [
      compileKeywords(definition.keywords),
      compilePatterns(definition.patterns),
    ]);
    if (condition === undefined) continue;
    queries.push({
      query: build([condition]),
      purpose: { kind: 'class', name },
    });
  }
  const injection = playbook.injection;
  const injectionPattern = compileKeywords(injection.keywords);
  const columns = [
    ...(injection.fields.includes('payload') ? ['UTF8(payload)'] : []),
    ...(injection.fields.includes('username') ? ['username'] : []),
  ];
  const conditions = columns
    .map((column) => regexCondition(column, [injectionPattern]))
    .filter((condition): condition is string => condition !== undefined);
  if (conditions.length > 0) {
    queries.push({
      query: build(conditions),
      purpose: { kind: 'class', name: injectionClass },
    });
  }
  return queries;
}

/** Name under which events matched by the injection keywords are marked. */
export const injectionClass = '#injection';

/** Returns the first turn's calls: the offense's decision picture and its events. */
export function firstCalls(offenseId: number): PlannedCall[] {
  return [
    { name: 'get_offense', arguments: { offense_id: offenseId } },
    {
      name: 'get_offense_events',
      arguments: { offense_id: offenseId, limit: 200 },
    },
  ];
}

/**
 * Returns the second turn's calls: the offense's events and flows with
 * category ids, the same sources' other events and flows, the keyword
 * queries, the assets behind internal addresses and the reference sets
 * that mention any involved value.
 */
export function secondCalls(
  facts: TriageFacts,
  playbook: Playbook,
  isInternal: (ip: string) => boolean,
): PlannedCall[] {
  const window = timeClauseOf(facts);
  const offenseIps = [...facts.sourceIps, ...facts.destinationIps].filter(
    (ip) => ipv4.test(ip),
  );
  const eventIps = facts.events
    .flatMap((event) => [event.sourceIp, event.destinationIp])
    .filter(
      (ip): ip is string =>
        ip !== undefined && ipv4.test(ip) && ip !== '0.0.0.0',
    );
  const allIps = [...new Set([...offenseIps, ...eventIps])];
  const sources = [
    ...new Set(facts.sourceIps.filter((ip) => ipv4.test(ip))),
  ].slice(0, 10);

  const calls: PlannedCall[] = [
    {
      name: 'run_aql',
      arguments: {
        query: `SELECT ${eventColumns} FROM events WHERE INOFFENSE(${facts.offenseId}) ORDER BY starttime ASC LIMIT 1000 ${window}`,
      },
    },
  ];
  if (sources.length > 0) {
    calls.push({
      name: 'run_aql',
      arguments: {
        query: `SELECT ${eventColumns} FROM events WHERE sourceip IN (${quoted(sources)}) ORDER BY starttime ASC LIMIT 1000 ${window}`,
      },
    });
  }

  const flowColumns =
    'starttime, sourceip, destinationip, destinationport, sourcebytes, destinationbytes';
  calls.push({
    name: 'run_aql',
    arguments: {
      query: `SELECT ${flowColumns} FROM flows WHERE INOFFENSE(${facts.offenseId}) ORDER BY starttime ASC LIMIT 1000 ${window}`,
    },
  });
  if (sources.length > 0) {
    // The same sources' other flows: context only, which no offense-scoped
    // signal reads.
    calls.push({
      name: 'run_aql',
      arguments: {
        query: `SELECT ${flowColumns} FROM flows WHERE sourceip IN (${quoted(sources)}) ORDER BY starttime ASC LIMIT 1000 ${window}`,
      },
    });
  }

  for (const entry of keywordQueries(facts, playbook)) {
    calls.push({ name: 'run_aql', arguments: { query: entry.query } });
  }

  const knownAssetIps = new Set(facts.assets.flatMap((asset) => asset.ips));
  const assetIps = allIps
    .filter((ip) => isInternal(ip) && !knownAssetIps.has(ip))
    .slice(0, 10);
  if (assetIps.length > 0)
    calls.push({ name: 'get_assets', arguments: { ips: assetIps } });

  const users = [
    ...new Set(
      facts.events
        .map((event) => event.username?.trim())
        .filter(
          (name): name is string =>
            name !== undefined && accountPattern.test(name),
        ),
    ),
  ];
  const hostnames = facts.assets.flatMap((asset) => asset.hostnames);
  const values = [...new Set([...allIps, ...hostnames, ...users])].slice(0, 20);
  if (values.length > 0)
    calls.push({ name: 'check_reference_sets', arguments: { values } });
  return calls;
}
