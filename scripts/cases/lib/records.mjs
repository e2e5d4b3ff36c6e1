// Builds the records of one case: events and flows with QRadar's AQL column
// names, filled in from the company tables so that names, categories and
// log sources read the same in every case.

import {
  categories,
  eventCreLogSource,
  externalLogSources,
  logSourceTypes,
  qids,
} from './catalog.mjs';
import { fqdn, hosts } from './hosts.mjs';
import { geography } from './world.mjs';

const logSourcePrefixes = {
  windows: 'WindowsAuthServer',
  linux: 'LinuxServer',
  firepower: 'CiscoFirepower',
  bind: 'ISCBind',
  squid: 'SquidProxy',
  mailgw: 'MailGateway',
  iis: 'MicrosoftIIS',
  apache: 'ApacheHttpServer',
  crowdstrike: 'CrowdStrikeFalcon',
  eventcre: 'EventCRE',
};

// Credibility (0 to 10) per kind of log source, as an administrator would
// set it on the log sources; the values are our own choice.
const credibilityByType = {
  windows: 5,
  linux: 5,
  firepower: 7,
  bind: 5,
  squid: 6,
  mailgw: 6,
  iis: 5,
  apache: 5,
  crowdstrike: 8,
  office365: 7,
  eventcre: 8,
};

/** Tells whether an IPv4 address lies in a private network. */
export function isInternal(ip) {
  const [first, second] = ip.split('.').map(Number);
  return (
    first === 10 ||
    (first === 172 && second >= 16 && second <= 31) ||
    (first === 192 && second === 168)
  );
}

/** Returns QRadar's geographic label of an address. */
export function locationOf(ip) {
  if (isInternal(ip)) return 'other';
  const location = geography[ip];
  if (location === undefined)
    throw new Error(
      `Location of external address ${ip} not found: add it to geography in lib/world.mjs.`,
    );
  return location;
}

/** Returns {id, name, type_id, type_name, kind} for a host name or an external log source key. */
export function logSourceOf(key) {
  if (key === 'eventcre') {
    const [typeId, typeName] = logSourceTypes.eventcre;
    return {
      id: eventCreLogSource.id,
      name: eventCreLogSource.name,
      type_id: typeId,
      type_name: typeName,
      kind: 'eventcre',
    };
  }
  const external = externalLogSources[key];
  if (external !== undefined) {
    const [typeId, typeName] = logSourceTypes[external.type];
    return {
      id: external.id,
      name: external.name,
      type_id: typeId,
      type_name: typeName,
      kind: external.type,
    };
  }
  const entry = hosts[key];
  if (entry === undefined || entry.logSourceId === null)
    throw new Error(
      `Log source of ${key} not found: give the host a log source id in lib/hosts.mjs.`,
    );
  const [typeId, typeName] = logSourceTypes[entry.logType];
  return {
    id: entry.logSourceId,
    name: `${logSourcePrefixes[entry.logType]} @ ${fqdn(entry)}`,
    type_id: typeId,
    type_name: typeName,
    kind: entry.logType,
  };
}

function direction(source, destination) {
  const from = isInternal(source) ? 'L' : 'R';
  const to = isInternal(destination) ? 'L' : 'R';
  return `${from}2${to}`;
}

/**
 * Builds one event record. `fields.qid` is a key of the QID table and
 * `fields.ls` a host name or external log source key.
 */
export function buildEvent(timeMs, fields) {
  const [qid, qidName, categoryId, qidSeverity] = qids[fields.qid] ?? [];
  if (qid === undefined)
    throw new Error(
      `QID key ${fields.qid} not found: add it to qids in lib/catalog.mjs.`,
    );
  const category = categories[categoryId];
  const logSource = logSourceOf(fields.ls);
  const severity = fields.severity ?? qidSeverity ?? category.severity;
  const credibility = fields.credibility ?? credibilityByType[logSource.kind];
  const relevance = fields.relevance ?? 5;
  const source = fields.src;
  const destination = fields.dst ?? fields.src;
  const record = {
    starttime: timeMs,
    endtime: timeMs + (fields.durationMs ?? 0),
    devicetime: timeMs - (fields.deviceLagMs ?? 0),
    sourceip: source,
    sourceport: fields.sport ?? 0,
    destinationip: destination,
    destinationport: fields.dport ?? 0,
    protocolid: fields.proto ?? 6,
    username: fields.user ?? null,
    qid,
    qidname: qidName,
    category: categoryId,
    categoryname: category.name,
    highlevelcategory: category.high,
    logsourceid: logSource.id,
    logsourcename: logSource.name,
    logsourcetypename: logSource.type_name,
    devicetype: logSource.type_id,
    eventcount: fields.count ?? 1,
    severity,
    credibility,
    relevance,
    magnitude: Math.max(
      1,
      Math.round((2 * severity + credibility + relevance) / 4),
    ),
    eventdirection: direction(source, destination),
    sourcegeographiclocation: locationOf(source),
    destinationgeographiclocation: locationOf(destination),
    domainid: 0,
    hasoffense: !fields.context,
    creeventlist: fields.context ? [] : (fields.rules ?? []),
  };
  if (fields.context) record.offense_ids = [];
  Object.assign(record, fields.props ?? {});
  record.payload = fields.payload;
  return record;
}

/** Builds one flow record (QFlow or NetFlow) with byte and packet counts. */
export function buildFlow(timeMs, fields) {
  const durationMs = Math.round((fields.durationS ?? 1) * 1000);
  const record = {
    starttime: timeMs,
    endtime: timeMs + durationMs,
    firstpackettime: timeMs,
    lastpackettime: timeMs + durationMs,
    sourceip: fields.src,
    sourceport: fields.sport,
    destinationip: fields.dst,
    destinationport: fields.dport,
    protocolid: fields.proto ?? 6,
    sourcebytes: fields.sourceBytes,
    destinationbytes: fields.destinationBytes,
    sourcepackets:
      fields.sourcePackets ??
      Math.max(1, Math.round(fields.sourceBytes / 1200)),
    destinationpackets:
      fields.destinationPackets ??
      Math.max(1, Math.round(fields.destinationBytes / 1200)),
    flowdirection: direction(fields.src, fields.dst),
    flowtype: 0,
    flowbias: fields.bias ?? 'outbound',
    applicationid: fields.applicationId ?? 1011,
    sourcegeographiclocation: locationOf(fields.src),
    destinationgeographiclocation: locationOf(fields.dst),
    domainid: 0,
    hasoffense: !fields.context,
    creeventlist: fields.context ? [] : (fields.rules ?? []),
  };
  if (fields.context) record.offense_ids = [];
  return record;
}
