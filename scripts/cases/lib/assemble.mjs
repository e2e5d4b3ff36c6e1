// Turns a case spec into a case file: runs its event script, derives the
// offense object and address records from the events, and attaches assets,
// reference sets, notes and the expected decision.

import { buildAsset } from './assets.mjs';
import { CaseBuilder } from './case-builder.mjs';
import { isInternal, logSourceOf } from './records.mjs';
import { rules } from './catalog.mjs';
import { referenceSets } from './world.mjs';

const DAY_MS = 24 * 3_600_000;

function networkOf(ip) {
  if (!isInternal(ip)) return 'other';
  const [, second, third] = ip.split('.').map(Number);
  if (second !== 0) return 'Corp.Other';
  if (third === 0 || third === 1) return 'Corp.DMZ_Edge';
  if (third === 5) return 'Corp.Infrastructure';
  if (third === 8 || third === 9) return 'Corp.Administration';
  if (third >= 10 && third <= 13) return 'Corp.Servers';
  return 'Corp.Workstations';
}

/** Stable id of an address record: one id per IP across every case. */
export function addressId(ip) {
  const [a, b, c, d] = ip.split('.').map(Number);
  if (a === 10) return 100_000 + b * 65_536 + c * 256 + d;
  if (a === 192 && b === 0 && c === 2) return 900_000 + d;
  if (a === 198 && b === 51 && c === 100) return 901_000 + d;
  if (a === 203 && b === 0 && c === 113) return 902_000 + d;
  throw new Error(
    `Invalid address ${ip}: cases use 10.0.0.0/8 and the documentation ranges only.`,
  );
}

function countBy(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .sort((left, right) => right[1] - left[1])
    .map(([value]) => value);
}

function byTime(left, right) {
  return left.starttime - right.starttime;
}

function addressRecords(offenseId, records, magnitude) {
  const sources = new Map();
  const destinations = new Map();
  const touch = (map, ip, record) => {
    const entry = map.get(ip) ?? {
      ip,
      count: 0,
      first: record.starttime,
      last: record.starttime,
      links: new Set(),
    };
    entry.count += record.eventcount ?? 1;
    entry.first = Math.min(entry.first, record.starttime);
    entry.last = Math.max(entry.last, record.starttime);
    map.set(ip, entry);
    return entry;
  };
  for (const record of records) {
    const source = touch(sources, record.sourceip, record);
    if (isInternal(record.destinationip)) {
      const destination = touch(destinations, record.destinationip, record);
      source.links.add(addressId(record.destinationip));
      destination.links.add(addressId(record.sourceip));
    }
  }
  const shape = (entry, ipField, linkField) => ({
    id: addressId(entry.ip),
    [ipField]: entry.ip,
    magnitude,
    network: networkOf(entry.ip),
    offense_ids: [offenseId],
    [linkField]: [...entry.links].sort((left, right) => left - right),
    event_flow_count: entry.count,
    first_event_flow_seen: entry.first,
    last_event_flow_seen: entry.last,
    domain_id: 0,
  });
  return {
    sources: [...sources.values()].map((entry) =>
      shape(entry, 'source_ip', 'local_destination_address_ids'),
    ),
    destinations: [...destinations.values()].map((entry) =>
      shape(entry, 'local_destination_ip', 'source_address_ids'),
    ),
  };
}

function describe(spec, offenseEvents) {
  if (spec.offense.description !== undefined) return spec.offense.description;
  const [name] = rules[spec.offense.rules[0]];
  const [topEvent] = countBy(offenseEvents.map((event) => event.qidname));
  return `${name}\n containing ${topEvent}\n`;
}

function buildRelated(spec, c, addresses) {
  return (spec.related ?? []).map((related, index) => {
    const id = (index === 0 ? 200 : 300) + spec.number;
    const start = c.ms(related.t);
    const end = c.ms(related.endT);
    const closed = related.status === 'CLOSED';
    let record = addresses.sources.find(
      (entry) => entry.source_ip === related.source,
    );
    if (record === undefined) {
      record = {
        id: addressId(related.source),
        source_ip: related.source,
        magnitude: related.magnitude,
        network: networkOf(related.source),
        offense_ids: [],
        local_destination_address_ids: [],
        event_flow_count: related.eventCount,
        first_event_flow_seen: start,
        last_event_flow_seen: end,
        domain_id: 0,
      };
      addresses.sources.push(record);
    }
    record.offense_ids.push(id);
    return {
      id,
      description: `${rules[related.rules[0]][0]}\n containing ${related.containing}\n`,
      offense_type: 0,
      offense_source: related.source,
      status: related.status,
      severity: related.severity,
      credibility: related.credibility,
      relevance: related.relevance,
      magnitude: related.magnitude,
      start_time: start,
      last_updated_time: end,
      last_persisted_time: closed ? c.ms(related.closeT) : end + 60_000,
      first_persisted_time: start + 60_000,
      close_time: closed ? c.ms(related.closeT) : null,
      closing_user: closed ? related.closingUser : null,
      closing_reason_id: closed ? related.closingReasonId : null,
      assigned_to: related.assignedTo ?? null,
      follow_up: false,
      protected: false,
      inactive: true,
      event_count: related.eventCount,
      flow_count: 0,
      device_count: 2,
      source_count: 1,
      local_destination_count: 1,
      remote_destination_count: 0,
      username_count: 1,
      category_count: related.categories.length,
      policy_category_count: 0,
      security_category_count: related.categories.length,
      categories: related.categories,
      source_network: networkOf(related.source),
      destination_networks: [networkOf(related.source)],
      source_address_ids: [record.id],
      local_destination_address_ids: [],
      domain_id: 0,
      rules: related.rules.map((ruleId) => ({
        id: ruleId,
        type: rules[ruleId][2],
      })),
      log_sources: [
        logSourceOf('eventcre'),
        logSourceOf(related.logSource),
      ].map(({ kind: _kind, ...source }) => source),
    };
  });
}

function findInjection(spec, result) {
  const found = [];
  result.events.forEach((event, index) => {
    const field = event.injectedField;
    if (field === undefined) return;
    found.push(
      /^[A-Za-z_$][\w$]*$/.test(field)
        ? `events[${index}].${field}`
        : `events[${index}][${JSON.stringify(field)}]`,
    );
  });
  (spec.notes ?? []).forEach((note, index) => {
    if (note.inject) found.push(`offense_notes[${index}].note_text`);
  });
  (spec.assets ?? []).forEach((asset, index) => {
    if (typeof asset === 'object' && asset.inject) {
      const property = result.assets[index].properties.findIndex(
        (entry) => entry.name === asset.inject,
      );
      found.push(`assets[${index}].properties[${property}].value`);
    }
  });
  if (spec.offense.descriptionInjected) found.push('offense.description');
  if (spec.injection === undefined) {
    if (found.length > 0)
      throw new Error(
        `Invalid case ${spec.id}: it plants injected text but declares no injection demand.`,
      );
    return undefined;
  }
  if (found.length !== 1)
    throw new Error(
      `Invalid case ${spec.id}: it must plant exactly one injection, found ${found.length}.`,
    );
  return { field: found[0], demands: spec.injection.demands };
}

/** Builds the case file object of a spec. */
export function assembleCase(spec) {
  const c = new CaseBuilder(spec.number, spec.start);
  spec.build(c);
  const events = [...c.events].sort(byTime);
  const flows = [...c.flows].sort(byTime);
  const offenseId = 100 + spec.number;
  const offenseEvents = events.filter((event) => event.hasoffense);
  const offenseFlows = flows.filter((flow) => flow.hasoffense);
  const offenseRecords = [...offenseEvents, ...offenseFlows].sort(byTime);
  const newest = Math.max(
    ...events.map((event) => event.starttime),
    ...flows.map((flow) => flow.starttime),
  );
  const oldest = Math.min(
    ...events.map((event) => event.starttime),
    ...flows.map((flow) => flow.starttime),
  );
  if (newest - oldest > DAY_MS)
    throw new Error(
      `Invalid case ${spec.id}: its events span more than 24 hours. Move the oldest context events later.`,
    );

  const startTime = offenseRecords[0].starttime;
  const lastUpdated = offenseRecords[offenseRecords.length - 1].starttime;
  const addresses = addressRecords(
    offenseId,
    offenseRecords,
    spec.offense.magnitude,
  );
  const notes = (spec.notes ?? []).map((note, index) => ({
    id: spec.number * 10 + index + 1,
    create_time: c.ms(note.t),
    username: note.username,
    note_text: note.text,
  }));
  const lastNote = Math.max(0, ...notes.map((note) => note.create_time));
  const logSources = countBy(
    offenseEvents.map((event) => event.logsourceid),
  ).map((id) => {
    const event = offenseEvents.find((entry) => entry.logsourceid === id);
    return {
      id,
      name: event.logsourcename,
      type_id: event.devicetype,
      type_name: event.logsourcetypename,
    };
  });
  const creLogSource = logSourceOf('eventcre');
  const categoryNames = countBy(
    offenseEvents.map((event) => event.categoryname),
  );
  const usernames = new Set(
    offenseEvents
      .map((event) => event.username)
      .filter((name) => name !== null),
  );
  const remote = new Set(
    offenseRecords
      .map((record) => record.destinationip)
      .filter((ip) => !isInternal(ip)),
  );
  const sourceIp =
    spec.offense.type === 0 ? spec.offense.source : offenseRecords[0].sourceip;

  const offense = {
    id: offenseId,
    description: describe(spec, offenseEvents),
    offense_type: spec.offense.type,
    offense_source: spec.offense.source,
    status: 'OPEN',
    severity: spec.offense.severity,
    credibility: spec.offense.credibility,
    relevance: spec.offense.relevance,
    magnitude: spec.offense.magnitude,
    start_time: startTime,
    last_updated_time: lastUpdated,
    last_persisted_time: Math.max(lastUpdated + 5_000, lastNote),
    first_persisted_time: Math.min(startTime + 45_000, lastUpdated),
    close_time: null,
    closing_user: null,
    closing_reason_id: null,
    assigned_to: spec.offense.assignedTo ?? null,
    follow_up: false,
    protected: false,
    inactive: false,
    event_count: offenseEvents.reduce(
      (sum, event) => sum + event.eventcount,
      0,
    ),
    flow_count: offenseFlows.length,
    device_count: logSources.length + 1,
    source_count: addresses.sources.length,
    local_destination_count: addresses.destinations.length,
    remote_destination_count: remote.size,
    username_count: usernames.size,
    category_count: categoryNames.length,
    policy_category_count: 0,
    security_category_count: categoryNames.length,
    categories: categoryNames,
    source_network: networkOf(sourceIp),
    destination_networks: [
      ...new Set(addresses.destinations.map((entry) => entry.network)),
    ],
    source_address_ids: addresses.sources
      .map((entry) => entry.id)
      .sort((a, b) => a - b),
    local_destination_address_ids: addresses.destinations
      .map((entry) => entry.id)
      .sort((a, b) => a - b),
    domain_id: 0,
    rules: spec.offense.rules.map((ruleId) => ({
      id: ruleId,
      type: rules[ruleId][2],
    })),
    log_sources: [
      {
        id: creLogSource.id,
        name: creLogSource.name,
        type_id: creLogSource.type_id,
        type_name: creLogSource.type_name,
      },
      ...logSources,
    ],
  };

  const relatedOffenses = buildRelated(spec, c, addresses);
  const ruleIds = [
    ...new Set([
      ...spec.offense.rules,
      ...(spec.related ?? []).flatMap((related) => related.rules),
    ]),
  ];
  const assets = (spec.assets ?? []).map((asset, index) => {
    const { host, overrides } =
      typeof asset === 'string' ? { host: asset, overrides: {} } : asset;
    return buildAsset(host, 1000 + spec.number * 10 + index, newest, overrides);
  });

  const result = {
    id: spec.id,
    title: spec.title,
    tags: spec.tags,
    offense,
    rules: ruleIds.map((ruleId) => ({
      id: ruleId,
      name: rules[ruleId][0],
      type: rules[ruleId][1],
    })),
    events,
    flows,
    assets,
    reference_sets: structuredClone(referenceSets),
    offense_notes: notes,
    related_offenses: relatedOffenses,
    source_addresses: addresses.sources,
    local_destination_addresses: addresses.destinations,
  };
  const injection = findInjection(spec, result);
  if (injection !== undefined) result.injection = injection;
  if (spec.twinOf !== undefined) result.twin_of = spec.twinOf;
  result.rationale = spec.rationale;
  result.expected = spec.expected;
  return result;
}
