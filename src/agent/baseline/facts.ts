import type { ModelMessage, ToolCallBlock } from '../provider.js';

/** One event or flow, normalized from get_offense_events and run_aql rows. */
export interface EventFact {
  /** Ref to cite, when get_offense_events returned this event. */
  ref: string | undefined;
  timeMs: number | undefined;
  sourceIp: string | undefined;
  destinationIp: string | undefined;
  destinationPort: number | undefined;
  /** QRadar's geographic location of the source, such as `Europe.Germany`. */
  sourceRegion: string | undefined;
  username: string | undefined;
  qid: number | undefined;
  qidName: string;
  /** Low-level category id; its thousands give the high-level category. */
  category: number | undefined;
  categoryName: string;
  logSource: string;
  count: number;
  payload: string;
  /** Classes whose payload keywords Ariel matched on this event. */
  matchedClasses: Set<string>;
  /** Bytes sent by the source (flows only). */
  bytesOut: number;
  inOffense: boolean;
  database: 'events' | 'flows';
}

/** An asset as get_offense and get_assets describe it. */
export interface AssetFact {
  ref: string;
  ips: string[];
  hostnames: string[];
  criticality: 'low' | 'medium' | 'high' | 'critical' | undefined;
  roles: string[];
  /** Free text of the asset (description, owner); partly attacker-set. */
  text: string;
}

/** A note on the offense. */
export interface NoteFact {
  ref: string;
  text: string;
  author: string;
}

/** Everything the baseline read, normalized. */
export interface TriageFacts {
  offenseId: number;
  offenseRef: string;
  description: string;
  magnitude: number | undefined;
  eventCount: number | undefined;
  startMs: number | undefined;
  lastUpdatedMs: number | undefined;
  categories: string[];
  ruleNames: string[];
  sourceIps: string[];
  destinationIps: string[];
  events: EventFact[];
  assets: AssetFact[];
  notes: NoteFact[];
  /** Lower-cased value (IP, host name, user) to the roles covering it. */
  roles: Map<string, Set<string>>;
  /** Scope the server gave an address; absent means decide by network. */
  scopes: Map<string, 'internal' | 'external' | 'unroutable'>;
  /** Internal networks from qradar://policy, when the server offers it. */
  policyNetworks: string[];
  /** Names of the tools whose results are present. */
  toolsSeen: Set<string>;
}

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function number(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

function timeOf(value: unknown): number | undefined {
  const numeric = number(value);
  if (numeric !== undefined) return numeric;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

function addRole(facts: TriageFacts, value: string, role: string): void {
  const key = value.toLowerCase();
  const roles = facts.roles.get(key) ?? new Set<string>();
  roles.add(role);
  facts.roles.set(key, roles);
}

function rolesOf(value: unknown): string[] {
  return asArray(value)
    .map((entry) =>
      typeof entry === 'string' ? entry : text(asRecord(entry)['role']),
    )
    .filter((role): role is string => role !== undefined);
}

function readAddresses(
  facts: TriageFacts,
  list: unknown,
  into: string[],
): void {
  for (const entry of asArray(list)) {
    const record = asRecord(entry);
    const ip = text(record['ip']);
    if (ip === undefined) continue;
    if (!into.includes(ip)) into.push(ip);
    const scope = record['scope'];
    if (
      scope === 'internal' ||
      scope === 'external' ||
      scope === 'unroutable'
    ) {
      facts.scopes.set(ip, scope);
    }
    for (const role of rolesOf(record['roles'])) addRole(facts, ip, role);
  }
}

function readAsset(facts: TriageFacts, value: unknown): void {
  const record = asRecord(value);
  const id = text(record['id']);
  if (id === undefined) return;
  const untrusted = asRecord(record['untrusted']);
  const ips = asArray(record['ips'])
    .map(text)
    .filter((ip): ip is string => ip !== undefined);
  const hostnames = [...asArray(untrusted['hostnames']), untrusted['name']]
    .map(text)
    .filter((name): name is string => name !== undefined);

  const criticality = record['criticality'];
  const roles = rolesOf(record['roles']);
  const asset: AssetFact = {
    ref: `asset:${id}`,
    ips,
    hostnames,
    criticality:
      criticality === 'low' ||
      criticality === 'medium' ||
      criticality === 'high' ||
      criticality === 'critical'
        ? criticality
        : undefined,
    roles,
    text: [untrusted['description'], untrusted['owner']]
      .map(text)
      .filter((value): value is string => value !== undefined)
      .join(' '),
  };

  if (facts.assets.some((known) => known.ref === asset.ref)) return;
  facts.assets.push(asset);
  for (const value of [...ips, ...hostnames]) {
    for (const role of roles) addRole(facts, value, role);
  }
}

function readOffense(facts: TriageFacts, data: Json): void {
  const offense = asRecord(data['offense']);
  const untrusted = asRecord(offense['untrusted']);
  facts.description = text(untrusted['description']) ?? '';
  facts.magnitude = number(offense['magnitude']);
  facts.eventCount = number(offense['event_count']);
  facts.startMs = timeOf(offense['start_time']);
  facts.lastUpdatedMs = timeOf(offense['last_updated_time']);
  facts.categories = asArray(data['categories'])
    .map(text)
    .filter((value): value is string => value !== undefined);
  facts.ruleNames = asArray(data['rules'])
    .map((rule) => text(asRecord(rule)['name']))
    .filter((value): value is string => value !== undefined);
  const addresses = asRecord(data['addresses']);
  readAddresses(facts, addresses['sources'], facts.sourceIps);
  readAddresses(facts, addresses['local_destinations'], facts.destinationIps);
  for (const asset of asArray(data['assets'])) readAsset(facts, asset);
  for (const note of asArray(data['notes'])) {
    const record = asRecord(note);
    const noteUntrusted = asRecord(record['untrusted']);
    facts.notes.push({
      ref: `note:${text(record['id']) ?? facts.notes.length + 1}`,
      text: text(noteUntrusted['text']) ?? '',
      author: text(noteUntrusted['author']) ?? '',
    });
  }
}

function readOffenseEvents(facts: TriageFacts, data: Json): void {
  for (const entry of asArray(data['events'])) {
    const event = asRecord(entry);
    const untrusted = asRecord(event['untrusted']);
    facts.events.push({
      ref: text(event['ref']),
      timeMs: timeOf(event['time']),
      sourceIp: text(event['source_ip']),
      destinationIp: text(event['destination_ip']),
      destinationPort: number(event['destination_port']),
      sourceRegion: undefined,
      username: text(untrusted['username']),
      qid: number(event['qid']),
      qidName: text(event['qid_name']) ?? '',
      category: undefined,
      categoryName: text(event['category']) ?? '',
      logSource: text(event['log_source']) ?? '',
      count: number(event['event_count']) ?? 1,
      payload: text(untrusted['payload']) ?? '',
      bytesOut: 0,
      matchedClasses: new Set(),
      inOffense: true,
      database: 'events',
    });
  }
}

function eventKey(
  event: Pick<EventFact, 'timeMs' | 'sourceIp' | 'destinationIp' | 'qid'>,
): string {
  return [event.timeMs, event.sourceIp, event.destinationIp, event.qid].join(
    '|',
  );
}

function markClass(facts: TriageFacts, data: Json, name: string): void {
  const rows = asArray(asRecord(data['untrusted'])['rows']);
  for (const entry of rows) {
    const row = asRecord(entry);
    const key = eventKey({
      timeMs: timeOf(row['starttime']),
      sourceIp: text(row['sourceip']),
      destinationIp: text(row['destinationip']),
      qid: number(row['qid']),
    });
    for (const event of facts.events) {
      if (event.inOffense && eventKey(event) === key) {
        event.matchedClasses.add(name);
      }
    }
  }
}

function readAqlRows(
  facts: TriageFacts,
  data: Json,
  purpose: EventPurpose,
): void {
  const rows = asArray(asRecord(data['untrusted'])['rows']);
  // Events of get_offense_events not yet matched by a row, by key. Each row
  // matches at most one, so equal keys (a burst in one millisecond) pair up.
  const unmatched = new Map<string, EventFact[]>();
  for (const event of facts.events) {
    if (event.ref === undefined || event.category !== undefined) continue;
    const key = eventKey(event);
    unmatched.set(key, [...(unmatched.get(key) ?? []), event]);
  }
  const seen = new Set(
    facts.events.filter((event) => event.ref === undefined).map(eventKey),
  );
  for (const entry of rows) {
    const row = asRecord(entry);
    const fact: EventFact = {
      ref: undefined,
      timeMs: timeOf(row['starttime']),
      sourceIp: text(row['sourceip']),
      destinationIp: text(row['destinationip']),
      destinationPort: number(row['destinationport']),
      sourceRegion: text(row['sourcegeographiclocation']),
      username: text(row['username']),
      qid: number(row['qid']),
      qidName: text(row['qid_name']) ?? '',
      category: number(row['category']),
      categoryName: text(row['category_name']) ?? '',
      logSource: text(row['log_source']) ?? '',
      count: number(row['eventcount']) ?? 1,
      payload: text(row['payload']) ?? '',
      bytesOut: number(row['sourcebytes']) ?? 0,
      matchedClasses: new Set(),
      inOffense: purpose.startsWith('offense'),
      database: purpose.endsWith('flows') ? 'flows' : 'events',
    };
    const key = eventKey(fact);
    const known = purpose.endsWith('flows')
      ? undefined
      : unmatched.get(key)?.shift();
    if (known !== undefined) {
      // The same event as get_offense_events returned: keep its ref.
      known.category = fact.category;
      known.sourceRegion = fact.sourceRegion;
      if (fact.payload.length > known.payload.length)
        known.payload = fact.payload;
      if (fact.username !== undefined) known.username = fact.username;
      continue;
    }
    // Context queries overlap the offense query; count each event once.
    if (purpose !== 'offense_events' && seen.has(key)) continue;
    if (
      facts.events.some(
        (event) => event.ref !== undefined && eventKey(event) === key,
      )
    ) {
      if (purpose !== 'offense_events') continue;
    }
    seen.add(key);
    facts.events.push(fact);
  }
}

function readReferenceSets(facts: TriageFacts, data: Json): void {
  for (const entry of asArray(data['results'])) {
    const record = asRecord(entry);
    const value = text(record['value']);
    if (value === undefined) continue;
    for (const set of asArray(record['sets'])) {
      for (const role of rolesOf(asRecord(set)['roles']))
        addRole(facts, value, role);
    }
  }
}

function readPolicy(facts: TriageFacts, data: unknown): void {
  const record = asRecord(data);
  const networks =
    record['internal_networks'] ??
    record['internalNetworks'] ??
    asRecord(record['networks'])['internal'];
  for (const network of asArray(networks)) {
    const cidr = text(network) ?? text(asRecord(network)['cidr']);
    if (cidr !== undefined) facts.policyNetworks.push(cidr);
  }
}

/** Event and flow queries of the baseline: the offense's own, or context. */
export type EventPurpose =
  'offense_events' | 'context_events' | 'offense_flows' | 'context_flows';

/** Purpose of one of the baseline's run_aql queries. */
export type AqlPurpose =
  { kind: EventPurpose } | { kind: 'class'; name: string };

/** Tells the event and flow queries of the baseline apart by their text. */
export function defaultPurposeOf(query: string): AqlPurpose | undefined {
  if (query.includes(' FROM flows ')) {
    return {
      kind: query.includes('INOFFENSE(') ? 'offense_flows' : 'context_flows',
    };
  }
  if (query.includes('INOFFENSE(') && !query.includes(' ILIKE ')) {
    return { kind: 'offense_events' };
  }
  if (query.includes(' FROM events ') && !query.includes(' ILIKE ')) {
    return { kind: 'context_events' };
  }
  return undefined;
}

/**
 * Normalizes the structured results of the tools the baseline called (and
 * the policy resource, when given) into TriageFacts. Results that are
 * errors or missing leave their part empty.
 */
export function extractFacts(
  offenseId: number,
  messages: readonly ModelMessage[],
  purposeOf: (query: string) => AqlPurpose | undefined = defaultPurposeOf,
): TriageFacts {
  const facts: TriageFacts = {
    offenseId,
    offenseRef: `offense:${offenseId}`,
    description: '',
    magnitude: undefined,
    eventCount: undefined,
    startMs: undefined,
    lastUpdatedMs: undefined,
    categories: [],
    ruleNames: [],
    sourceIps: [],
    destinationIps: [],
    events: [],
    assets: [],
    notes: [],
    roles: new Map(),
    scopes: new Map(),
    policyNetworks: [],
    toolsSeen: new Set(),
  };
  const calls = new Map<string, ToolCallBlock>();
  const results: {
    name: string;
    data: Json;
    call: ToolCallBlock | undefined;
  }[] = [];
  for (const message of messages) {
    for (const block of message.content) {
      if (block.type === 'tool_call') calls.set(block.id, block);
      else if (block.type === 'text' && block.data !== undefined)
        readPolicy(facts, block.data);
      else if (block.type === 'tool_result' && !block.isError) {
        results.push({
          name: block.name,
          data: asRecord(block.data),
          call: calls.get(block.callId),
        });
      }
    }
  }
  // get_offense_events first, so AQL rows of the same events merge into them.
  const order = [
    'get_offense',
    'get_offense_events',
    'run_aql',
    'get_assets',
    'check_reference_sets',
  ];
  results.sort(
    (left, right) => order.indexOf(left.name) - order.indexOf(right.name),
  );
  for (const result of results) {
    facts.toolsSeen.add(result.name);
    if (result.name === 'get_offense') readOffense(facts, result.data);
    else if (result.name === 'get_offense_events')
      readOffenseEvents(facts, result.data);
    else if (result.name === 'get_assets') {
      for (const asset of asArray(result.data['assets']))
        readAsset(facts, asset);
    } else if (result.name === 'check_reference_sets')
      readReferenceSets(facts, result.data);
    else if (result.name === 'run_aql') {
      const query = result.call?.arguments['query'];
      const purpose = typeof query === 'string' ? purposeOf(query) : undefined;
      if (purpose === undefined) continue;
      if (purpose.kind === 'class') markClass(facts, result.data, purpose.name);
      else readAqlRows(facts, result.data, purpose.kind);
    }
  }
  return facts;
}
