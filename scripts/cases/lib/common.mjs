// Event patterns that many cases share: ordinary logons, network logons and
// share access, Kerberos tickets, proxy requests, DNS queries and firewall
// connections.

import { bindQueryLine, firepowerLine, squidLine } from './payloads.mjs';
import { hosts } from './hosts.mjs';
import {
  logonMessage,
  serviceTicketMessage,
  shareAccessMessage,
} from './windows-messages.mjs';
import { edge, explorer, outlook } from './windows-paths.mjs';

/** QRadar user names of the SOC staff who write notes on offenses. */
export const analysts = { lead: 'ewalsh', analyst: 'mlang' };

/** Adds a 4624 logon on a host; `o.from` is the source IP of network and remote logons. */
export function logon(c, hostName, t, user, o = {}) {
  const host = hosts[hostName];
  const logonType = o.logonType ?? 2;
  const from =
    o.from ?? (logonType === 2 || logonType === 11 ? '127.0.0.1' : host.ip);
  const message = logonMessage({
    user,
    logonType,
    workstation: o.workstation ?? host.name.toUpperCase(),
    sourceIp: from,
    sourcePort: logonType === 2 ? 0 : c.int(49200, 64000),
    logonId: c.logonId(),
    process: logonType === 2 ? 'C:\\Windows\\System32\\svchost.exe' : '-',
    authPackage: o.authPackage ?? 'Kerberos',
    elevated: o.elevated ?? 'No',
  });
  return c.security(hostName, t, 4624, {
    user,
    src: from === '127.0.0.1' ? host.ip : from,
    dst: host.ip,
    message,
    context: o.context ?? true,
    rules: o.rules,
    props: { 'Logon Type': String(logonType) },
  });
}

/** Adds a 4769 Kerberos service ticket request on dc01 for a client host. */
export function serviceTicket(c, t, user, clientHost, service, o = {}) {
  const client = hosts[clientHost];
  return c.security('dc01', t, 4769, {
    user,
    src: client.ip,
    dst: hosts.dc01.ip,
    message: serviceTicketMessage({ user, service, clientIp: client.ip }),
    context: o.context ?? true,
    rules: o.rules,
  });
}

/** Adds one Squid access-log event of a client host through proxy01. */
export function proxyRequest(c, t, clientHost, o) {
  const client = hosts[clientHost];
  const denied = o.result?.startsWith('TCP_DENIED') ?? false;
  const status = o.status ?? (denied ? 403 : 200);
  const url = o.url;
  return c.event(t, {
    qid: denied ? 'proxyDenied' : 'proxyAllowed',
    ls: 'proxy01',
    src: client.ip,
    dst: o.server,
    sport: c.int(49200, 64000),
    dport: url.startsWith('https') ? 443 : 80,
    user: o.user ?? client.users[0],
    payload: squidLine(c.ms(t), {
      elapsedMs: o.elapsedMs ?? c.int(40, 900),
      client: client.ip,
      result: o.result ?? 'TCP_MISS',
      status,
      bytes: o.bytes,
      method: o.method ?? 'GET',
      url,
      user: o.user ?? client.users[0],
      server: o.server,
      mime: o.mime ?? 'text/html',
    }),
    props: {
      URL: url,
      'HTTP Method': o.method ?? 'GET',
      'HTTP Status': String(status),
      'Bytes Received': String(o.bytes),
      ...(o.agent ? { 'User Agent': o.agent } : {}),
    },
    context: o.context,
    rules: o.rules,
    count: o.count,
  });
}

/** Adds one BIND query-log event on dns01. */
export function dnsQuery(c, t, clientHost, name, type, o = {}) {
  const client = hosts[clientHost];
  const port = c.int(49200, 64000);
  return c.event(t, {
    qid: 'dnsQuery',
    ls: 'dns01',
    src: client.ip,
    dst: hosts.dns01.ip,
    sport: port,
    dport: 53,
    proto: 17,
    payload: bindQueryLine(c.ms(t), client.ip, port, name, type),
    props: { 'DNS Query': name, 'DNS Query Type': type },
    context: o.context,
    rules: o.rules,
    count: o.count,
  });
}

/** Adds one Firepower connection event (CEF), allowed or blocked. */
export function firewallConnection(c, t, o) {
  const inside = o.src.startsWith('10.');
  const outbound = !o.dst.startsWith('10.');
  const fields = {
    bytesIn: o.bytesIn ?? 66,
    bytesOut: o.bytesOut ?? 691,
    start: c.ms(t),
    src: o.src,
    dst: o.dst,
    deviceExternalId: 1,
    act: o.action,
    app: o.app ?? 'HTTPS',
    externalId: c.int(3000, 9000),
    spt: o.sport ?? c.int(49200, 64000),
    dpt: o.dport,
    proto: o.proto ?? 6,
    ...(o.reason ? { reason: o.reason } : {}),
    requestClientApplication: o.clientApp ?? 'SSL client',
    cs1: '00000000-0000-0000-0000-000064d5d5ed',
    cs2: o.ruleId ?? 268434457,
    deviceInboundInterface: inside ? 'LAN-inside' : 'WAN-outside',
    deviceOutboundInterface: outbound ? 'WAN-outside' : 'LAN-inside',
    cs3: inside ? 'LAN' : 'WAN',
    cs4: outbound ? 'WAN' : 'LAN',
    cs1Label: 'fwPolicy',
    cs2Label: 'fwRule',
    cs3Label: 'ingressZone',
    cs4Label: 'egressZone',
  };
  const qid = o.qid ?? (o.action === 'Allow' ? 'fwAllow' : 'fwBlock');
  return c.event(t, {
    qid,
    ls: 'fw01',
    src: o.src,
    dst: o.dst,
    sport: fields.spt,
    dport: o.dport,
    proto: fields.proto,
    user: o.user,
    payload: firepowerLine(c.ms(t), {
      signature: o.signature ?? 'RNA:1003:1',
      name: o.name ?? 'CONNECTION STATISTICS',
      severity: o.severity ?? 7,
      fields,
    }),
    props: {
      'Bytes Sent': String(fields.bytesOut),
      'Bytes Received': String(fields.bytesIn),
      Application: fields.app,
      'Firewall Action': o.action,
    },
    context: o.context,
    rules: o.rules,
    count: o.count,
  });
}

/** Encodes a PowerShell command the way `-EncodedCommand` expects (UTF-16LE, base64). */
export function encodePowerShell(command) {
  return Buffer.from(command, 'utf16le').toString('base64');
}

/** Returns `count` times spaced by `stepMinutes` with seeded jitter of up to `jitterMinutes`. */
export function spaced(c, first, count, stepMinutes, jitterMinutes = 0) {
  return Array.from({ length: count }, (_, index) => {
    const jitter =
      jitterMinutes === 0 ? 0 : (c.random() * 2 - 1) * jitterMinutes;
    return first + index * stepMinutes + jitter;
  });
}

/**
 * Adds the ordinary start of a working day on a workstation as context
 * events: logon, Kerberos tickets, Outlook, Edge and a few proxied requests.
 */
export function officeDay(c, hostName, first) {
  const host = hosts[hostName];
  const user = host.users[0];
  logon(c, hostName, first, user);
  serviceTicket(c, first + 0.1, user, hostName, 'cifs/fs01.corp.example');
  serviceTicket(c, first + 0.3, user, hostName, 'HTTP/proxy01.corp.example');
  c.process(hostName, first + 1, {
    image: outlook,
    cmd: `"${outlook}" `,
    parentImage: explorer,
    cwd: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\',
    user,
    context: true,
  });
  c.process(hostName, first + 2, {
    image: edge,
    cmd: `"${edge}" --profile-directory=Default`,
    parentImage: explorer,
    cwd: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\',
    user,
    context: true,
  });
  proxyRequest(c, first + 2.2, hostName, {
    url: 'https://news.example/world',
    server: '192.0.2.20',
    bytes: 48211,
    mime: 'text/html',
    context: true,
  });
  proxyRequest(c, first + 3, hostName, {
    url: 'https://outlook.office365.example/mail/',
    server: '192.0.2.10',
    bytes: 18734,
    mime: 'text/html',
    context: true,
  });
  proxyRequest(c, first + 41, hostName, {
    url: 'https://teams.office365.example/api/presence',
    server: '192.0.2.10',
    bytes: 913,
    mime: 'application/json',
    context: true,
  });
  proxyRequest(c, first + 63, hostName, {
    url: 'https://outlook.office365.example/owa/service.svc',
    server: '192.0.2.10',
    bytes: 5120,
    mime: 'application/json',
    context: true,
  });
  proxyRequest(c, first + 118, hostName, {
    url: 'https://news.example/business',
    server: '192.0.2.20',
    bytes: 39422,
    mime: 'text/html',
    context: true,
  });
}

/** Adds a 4624 network logon (type 3) on `hostName` from `fromHost` and returns its logon id. */
export function networkLogon(c, hostName, t, user, fromHost, o = {}) {
  const from = hosts[fromHost];
  const logonId = c.logonId();
  const message = logonMessage({
    user,
    logonType: 3,
    workstation: from.name.toUpperCase(),
    sourceIp: from.ip,
    sourcePort: c.int(49200, 64000),
    logonId,
    authPackage: o.authPackage ?? 'NTLM',
    elevated: 'Yes',
  });
  c.security(hostName, t, 4624, {
    user,
    src: from.ip,
    message,
    rules: o.rules,
    context: o.context,
    props: { 'Logon Type': '3' },
  });
  return logonId;
}

export function shareWrite(
  c,
  hostName,
  t,
  user,
  fromHost,
  logonId,
  share,
  relativeTarget,
  rules,
) {
  const from = hosts[fromHost];
  const base = {
    user,
    logonId,
    sourceIp: from.ip,
    sourcePort: c.int(49200, 64000),
    share: `\\\\*\\${share}`,
    sharePath:
      share === 'IPC$'
        ? ''
        : `\\??\\C:\\${share === 'ADMIN$' ? 'Windows' : ''}`,
  };
  c.security(hostName, t, 5140, {
    user,
    src: from.ip,
    message: shareAccessMessage({
      ...base,
      detailed: false,
      accesses: 'ReadData (or ListDirectory)',
    }),
    rules,
    props: { 'Share Name': base.share },
  });
  if (relativeTarget === undefined) return;
  c.security(hostName, t + 0.01, 5145, {
    user,
    src: from.ip,
    message: shareAccessMessage({
      ...base,
      detailed: true,
      relativeTarget,
      accesses:
        'WriteData (or AddFile) AppendData (or AddSubdirectory or CreatePipeInstance) WriteEA WriteAttributes',
    }),
    rules,
    props: { 'Share Name': base.share, 'Relative Target Name': relativeTarget },
  });
}
