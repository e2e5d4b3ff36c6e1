// Collects the events and flows of one case on its own clock, with a seeded
// random source so that regenerating the cases gives identical files.

import { buildEvent, buildFlow } from './records.mjs';
import {
  domainUser,
  fileHashes,
  flatMessage,
  imageMetadata,
  utcTime,
  winCollect,
} from './payloads.mjs';
import { hosts } from './hosts.mjs';

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const sysmonTasks = {
  1: ['SysmonTask-SYSMON_CREATE_PROCESS', 1],
  3: ['SysmonTask-SYSMON_NETWORK_CONNECT', 3],
  7: ['SysmonTask-SYSMON_IMAGE_LOAD', 7],
  10: ['SysmonTask-SYSMON_PROCESS_ACCESS', 10],
  11: ['SysmonTask-SYSMON_FILE_CREATE', 11],
  13: ['SysmonTask-SYSMON_REG_SETVALUE', 13],
};

const securityTasks = {
  4624: ['SE_ADT_LOGON_LOGON', 12544],
  4625: ['SE_ADT_LOGON_LOGON', 12544],
  4648: ['SE_ADT_LOGON_LOGON', 12544],
  4662: ['SE_ADT_DSACCESS_DSACCESS', 14080],
  4672: ['SE_ADT_LOGON_SPECIALLOGON', 12548],
  4688: ['SE_ADT_DETAILEDTRACKING_PROCESSCREATION', 13312],
  4701: ['SE_ADT_OBJECTACCESS_OTHER', 12804],
  4720: ['SE_ADT_ACCOUNTMANAGEMENT_USERACCOUNT', 13824],
  4728: ['SE_ADT_ACCOUNTMANAGEMENT_SECURITYGROUP', 13826],
  4732: ['SE_ADT_ACCOUNTMANAGEMENT_SECURITYGROUP', 13826],
  4769: ['SE_ADT_ACCOUNTLOGON_KERBOPS', 14337],
  5140: ['SE_ADT_OBJECTACCESS_FILESHARE', 12808],
  5145: ['SE_ADT_OBJECTACCESS_DETAILED_FILESHARE', 12811],
};

/** Events, flows and clock of one case under construction. */
export class CaseBuilder {
  /** Starts a case at `start` (ISO 8601); event offsets are minutes after it. */
  constructor(number, start) {
    this.number = number;
    this.startMs = Date.parse(start);
    if (Number.isNaN(this.startMs))
      throw new Error(`Invalid start time ${start}`);
    this.random = mulberry32(number * 7919 + 17);
    this.events = [];
    this.flows = [];
    this.records = new Map();
  }

  /** Converts minutes after the case start to epoch ms. */
  ms(minutes) {
    return this.startMs + Math.round(minutes * 60_000);
  }

  /** Draws a seeded integer between `low` and `high`, both included. */
  int(low, high) {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  /** Draws a seeded element of a list. */
  pick(list) {
    return list[this.int(0, list.length - 1)];
  }

  /** Draws a seeded upper-case GUID in braces, as Sysmon writes it. */
  guid() {
    const hex = (length) =>
      Array.from({ length }, () => this.int(0, 15).toString(16))
        .join('')
        .toUpperCase();
    return `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
  }

  /** Draws a seeded logon id such as `0x3e7a21`. */
  logonId() {
    return `0x${this.int(0x100000, 0xffffff).toString(16)}`;
  }

  #nextRecord(hostName) {
    const current =
      this.records.get(hostName) ??
      100_000 + this.number * 1_000 + this.int(0, 500);
    this.records.set(hostName, current + this.int(1, 40));
    return current;
  }

  /** Adds one event at `t` minutes after the start; see buildEvent for the fields. */
  event(t, fields) {
    const record = buildEvent(this.ms(t), fields);
    if (fields.inject)
      Object.defineProperty(record, 'injectedField', {
        value: fields.inject,
        enumerable: false,
      });
    this.events.push(record);
    return record;
  }

  /** Adds one flow at `t` minutes after the start; see buildFlow for the fields. */
  flow(t, fields) {
    const record = buildFlow(this.ms(t), fields);
    this.flows.push(record);
    return record;
  }

  #windowsEvent(
    hostName,
    t,
    kind,
    eventId,
    {
      user,
      domain,
      message,
      fields,
      eventUser = '',
      eventDomain = '',
      keywords,
    },
  ) {
    const host = hosts[hostName];
    const timeMs = this.ms(t);
    const tasks = kind === 'sysmon' ? sysmonTasks : securityTasks;
    const [task, eventCategory] = tasks[eventId] ?? ['None', 0];
    const payload = winCollect({
      ms: timeMs,
      host,
      kind,
      eventId,
      task,
      eventCategory,
      keywords,
      user: eventUser,
      domain: eventDomain,
      record: this.#nextRecord(hostName),
      message,
    });
    const qid = kind === 'sysmon' ? `sysmon${eventId}` : `win${eventId}`;
    return this.event(t, {
      ...fields,
      src: fields.src ?? host.ip,
      dst: fields.dst ?? host.ip,
      proto: fields.proto ?? 255,
      ls: hostName,
      user,
      qid,
      payload,
    });
  }

  /** Adds a Sysmon 1 (process create) event on a Windows host; `o.user` may carry a domain. */
  process(hostName, t, o) {
    const [version, description, product, company, original] = imageMetadata(
      o.image,
    );
    const message = flatMessage('Process Create:', [
      ['RuleName', '-'],
      ['UtcTime', utcTime(this.ms(t))],
      ['ProcessGuid', this.guid()],
      ['ProcessId', o.pid ?? this.int(1000, 14000)],
      ['Image', o.image],
      ['FileVersion', version],
      ['Description', description],
      ['Product', product],
      ['Company', company],
      ['OriginalFileName', original],
      ['CommandLine', o.cmd],
      ['CurrentDirectory', o.cwd ?? 'C:\\Windows\\system32\\'],
      ['User', domainUser(o.user)],
      ['LogonGuid', this.guid()],
      ['LogonId', o.logonId ?? this.logonId()],
      ['TerminalSessionId', o.session ?? 1],
      ['IntegrityLevel', o.integrity ?? 'Medium'],
      ['Hashes', fileHashes(o.image, o.hashSalt)],
      ['ParentProcessGuid', this.guid()],
      ['ParentProcessId', o.ppid ?? this.int(1000, 14000)],
      ['ParentImage', o.parentImage],
      ['ParentCommandLine', o.parentCmd ?? o.parentImage],
      ['ParentUser', domainUser(o.parentUser ?? o.user)],
    ]);
    const props = {
      'Process CommandLine': o.cmd,
      Image: o.image,
      'Parent Image': o.parentImage,
      ...o.props,
    };
    return this.#windowsEvent(hostName, t, 'sysmon', 1, {
      user: bare(o.user),
      message,
      fields: { ...o, props },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Sysmon 11 (file created) event. */
  fileCreate(hostName, t, o) {
    const message = flatMessage('File created:', [
      ['RuleName', '-'],
      ['UtcTime', utcTime(this.ms(t))],
      ['ProcessGuid', this.guid()],
      ['ProcessId', o.pid ?? this.int(1000, 14000)],
      ['Image', o.image],
      ['TargetFilename', o.target],
      ['CreationUtcTime', utcTime(this.ms(t))],
      ['User', domainUser(o.user)],
    ]);
    const props = { Image: o.image, 'Target Filename': o.target, ...o.props };
    return this.#windowsEvent(hostName, t, 'sysmon', 11, {
      user: bare(o.user),
      message,
      fields: { ...o, props },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Sysmon 10 (process accessed) event. */
  processAccess(hostName, t, o) {
    const message = flatMessage('Process accessed:', [
      ['RuleName', '-'],
      ['UtcTime', utcTime(this.ms(t))],
      ['SourceProcessGUID', this.guid()],
      ['SourceProcessId', o.sourcePid],
      ['SourceThreadId', this.int(1000, 9000)],
      ['SourceImage', o.sourceImage],
      ['TargetProcessGUID', this.guid()],
      ['TargetProcessId', o.targetPid],
      ['TargetImage', o.targetImage],
      ['GrantedAccess', o.access],
      ['CallTrace', o.callTrace],
      ['SourceUser', domainUser(o.user)],
      ['TargetUser', 'NT AUTHORITY\\SYSTEM'],
    ]);
    const props = {
      Image: o.sourceImage,
      'Target Image': o.targetImage,
      'Granted Access': o.access,
      ...o.props,
    };
    return this.#windowsEvent(hostName, t, 'sysmon', 10, {
      user: bare(o.user),
      message,
      fields: { ...o, props },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Sysmon 3 (network connection) event from the host to `o.dst`. */
  netConnect(hostName, t, o) {
    const host = hosts[hostName];
    const sport = o.sport ?? this.int(49200, 64000);
    const message = flatMessage('Network connection detected:', [
      ['RuleName', '-'],
      ['UtcTime', utcTime(this.ms(t))],
      ['ProcessGuid', this.guid()],
      ['ProcessId', o.pid ?? this.int(1000, 14000)],
      ['Image', o.image],
      ['User', domainUser(o.user)],
      ['Protocol', 'tcp'],
      ['Initiated', 'true'],
      ['SourceIsIpv6', 'false'],
      ['SourceIp', host.ip],
      ['SourceHostname', `${host.name}.corp.example`],
      ['SourcePort', sport],
      ['SourcePortName', '-'],
      ['DestinationIsIpv6', 'false'],
      ['DestinationIp', o.dst],
      ['DestinationHostname', o.dstHostname ?? '-'],
      ['DestinationPort', o.dport],
      ['DestinationPortName', o.dportName ?? '-'],
    ]);
    const props = { Image: o.image, ...o.props };
    return this.#windowsEvent(hostName, t, 'sysmon', 3, {
      user: bare(o.user),
      message,
      fields: {
        ...o,
        props,
        src: host.ip,
        dst: o.dst,
        sport,
        dport: o.dport,
        proto: 6,
      },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Sysmon 13 (registry value set) event. */
  registrySet(hostName, t, o) {
    const message = flatMessage('Registry value set:', [
      ['RuleName', '-'],
      ['EventType', 'SetValue'],
      ['UtcTime', utcTime(this.ms(t))],
      ['ProcessGuid', this.guid()],
      ['ProcessId', o.pid ?? this.int(600, 14000)],
      ['Image', o.image],
      ['TargetObject', o.key],
      ['Details', o.details],
      ['User', domainUser(o.user)],
    ]);
    const props = {
      Image: o.image,
      'Registry Key': o.key,
      'Registry Value Data': o.details,
      ...o.props,
    };
    return this.#windowsEvent(hostName, t, 'sysmon', 13, {
      user: bare(o.user),
      message,
      fields: { ...o, props },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Sysmon 7 (image loaded) event, which carries the signature of an executable. */
  imageLoad(hostName, t, o) {
    const [version, description, product, company, original] = imageMetadata(
      o.loaded,
    );
    const message = flatMessage('Image loaded:', [
      ['RuleName', '-'],
      ['UtcTime', utcTime(this.ms(t))],
      ['ProcessGuid', this.guid()],
      ['ProcessId', o.pid ?? this.int(1000, 14000)],
      ['Image', o.image],
      ['ImageLoaded', o.loaded],
      ['FileVersion', version],
      ['Description', description],
      ['Product', product],
      ['Company', company],
      ['OriginalFileName', original],
      ['Hashes', fileHashes(o.loaded, o.hashSalt)],
      ['Signed', String(o.signed)],
      ['Signature', o.signature ?? '-'],
      ['SignatureStatus', o.status ?? (o.signed ? 'Valid' : 'Unavailable')],
      ['User', domainUser(o.user)],
    ]);
    const props = {
      Image: o.image,
      'Loaded Image': o.loaded,
      'Signature Status': o.status ?? (o.signed ? 'Valid' : 'Unavailable'),
      ...o.props,
    };
    return this.#windowsEvent(hostName, t, 'sysmon', 7, {
      user: bare(o.user),
      message,
      fields: { ...o, props },
      eventUser: 'SYSTEM',
      eventDomain: 'NT AUTHORITY',
    });
  }

  /** Adds a Windows Security event; `o.message` comes from windows-messages.mjs. */
  security(hostName, t, eventId, o) {
    const failure = eventId === 4625;
    return this.#windowsEvent(hostName, t, 'security', eventId, {
      user: o.user === undefined ? null : bare(o.user),
      message: o.message,
      keywords: failure ? 'Audit Failure' : 'Audit Success',
      fields: {
        ...o,
        src: o.src ?? hosts[hostName].ip,
        dst: o.dst ?? hosts[hostName].ip,
        proto: o.src ? 6 : 255,
      },
    });
  }

  /** Adds a Windows System log event from the Service Control Manager. */
  system(hostName, t, eventId, o) {
    return this.#windowsEvent(hostName, t, 'system', eventId, {
      user: o.user === undefined ? null : bare(o.user),
      message: o.message,
      keywords: 'Classic',
      fields: o,
    });
  }
}

function bare(user) {
  if (user === null || user === undefined) return null;
  return user.split('\\').pop();
}
