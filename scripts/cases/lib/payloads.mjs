// Raw log text for case events, in the formats QRadar receives: WinCollect
// key=value for Windows Security and Sysmon, syslog for OpenVPN, sshd, BIND,
// Squid and Apache, CEF for Firepower and CrowdStrike, W3C for IIS.

import { createHash } from 'node:crypto';

import { fqdn } from './hosts.mjs';
import { DNS_DOMAIN, NETBIOS_DOMAIN } from './world.mjs';

const months = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

const pad = (value, width = 2) => String(value).padStart(width, '0');

/** Formats epoch ms as an RFC 3164 syslog time, such as `Nov 20 09:05:03`. */
export function syslogTime(ms) {
  const date = new Date(ms);
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return `${months[date.getUTCMonth()]} ${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Formats epoch ms as Sysmon's UtcTime, such as `2026-11-20 09:05:03.120`. */
export function utcTime(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Formats epoch ms as ISO 8601 with milliseconds. */
export function isoTime(ms) {
  return new Date(ms).toISOString();
}

function digest(algorithm, text) {
  return createHash(algorithm).update(text).digest('hex').toUpperCase();
}

/** Returns stable invented file hashes for an image path, in Sysmon's Hashes form. */
export function fileHashes(image, salt = '') {
  const seed = `${image.toLowerCase()}|${salt}`;
  return `SHA1=${digest('sha1', seed)},MD5=${digest('md5', seed)},SHA256=${digest('sha256', seed)},IMPHASH=${digest('md5', `imp|${seed}`)}`;
}

// Version metadata that Sysmon reports for well-known Windows binaries.
const windowsBinaries = {
  'certutil.exe': [
    '10.0.22621.4317 (WinBuild.160101.0800)',
    'CertUtil.exe',
    'CertUtil.exe',
  ],
  'rundll32.exe': [
    '10.0.22621.1 (WinBuild.160101.0800)',
    'Windows host process (Rundll32)',
    'RUNDLL32.EXE',
  ],
  'wmic.exe': [
    '10.0.22621.3085 (WinBuild.160101.0800)',
    'WMI Commandline Utility',
    'wmic.exe',
  ],
  'powershell.exe': [
    '10.0.22621.4249 (WinBuild.160101.0800)',
    'Windows PowerShell',
    'PowerShell.EXE',
  ],
  'cmd.exe': [
    '10.0.22621.4249 (WinBuild.160101.0800)',
    'Windows Command Processor',
    'Cmd.Exe',
  ],
  'reg.exe': [
    '10.0.22621.1 (WinBuild.160101.0800)',
    'Registry Console Tool',
    'reg.exe',
  ],
  'vssadmin.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'Command Line Interface for Microsoft® Volume Shadow Copy Service ',
    'VSSADMIN.EXE',
  ],
  'bcdedit.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'Boot Configuration Data Editor',
    'bcdedit.exe',
  ],
  'wbadmin.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'Command Line Interface for Microsoft® BLB Backup',
    'WBADMIN.EXE',
  ],
  'sc.exe': [
    '10.0.22621.1 (WinBuild.160101.0800)',
    'Service Control Manager Configuration Tool',
    'sc.exe',
  ],
  'esentutl.exe': [
    '10.0.22621.1 (WinBuild.160101.0800)',
    'Extensible Storage Engine Utilities',
    'esentutl.exe',
  ],
  'net.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Net Command', 'net.exe'],
  'net1.exe': [
    '10.0.22621.1 (WinBuild.160101.0800)',
    'Net Command',
    'net1.exe',
  ],
  'whoami.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'whoami - displays logged on user information',
    'whoami.exe',
  ],
  'ipconfig.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'IP Configuration Utility',
    'ipconfig.exe',
  ],
  'taskmgr.exe': [
    '10.0.20348.2700 (WinBuild.160101.0800)',
    'Task Manager',
    'Taskmgr.exe',
  ],
  'mstsc.exe': [
    '10.0.22621.4249 (WinBuild.160101.0800)',
    'Remote Desktop Connection',
    'mstsc.exe',
  ],
  'sqlcmd.exe': [
    '16.0.1000.6',
    'T-SQL execution command line utility',
    'sqlcmd.exe',
  ],
  'winword.exe': ['16.0.17928.20156', 'Microsoft Word', 'WinWord.exe'],
  'outlook.exe': ['16.0.17928.20156', 'Microsoft Outlook', 'Outlook.exe'],
  'msedge.exe': ['130.0.2849.80', 'Microsoft Edge', 'msedge.exe'],
  'explorer.exe': [
    '10.0.22621.4317 (WinBuild.160101.0800)',
    'Windows Explorer',
    'EXPLORER.EXE',
  ],
  'wusa.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'Windows Update Standalone Installer',
    'wusa.exe',
  ],
  'psexec64.exe': ['2.43', 'Execute processes remotely', 'psexec.c'],
  'psexesvc.exe': ['2.43', 'PsExec Service', 'psexesvc.exe'],
  'w3wp.exe': [
    '10.0.20348.1 (WinBuild.160101.0800)',
    'IIS Worker Process',
    'w3wp.exe',
  ],
};

/** Returns Sysmon's FileVersion, Description, Product, Company and OriginalFileName for an image. */
export function imageMetadata(image) {
  const file = image.split('\\').pop().toLowerCase();
  const known = windowsBinaries[file];
  if (known === undefined) return ['-', '-', '-', '-', '-'];
  const [version, description, original] = known;
  const sysinternals = file.startsWith('psexe');
  const office = ['winword.exe', 'outlook.exe'].includes(file);
  const edge = file === 'msedge.exe';
  const sql = file === 'sqlcmd.exe';
  let product = 'Microsoft® Windows® Operating System';
  if (sysinternals) product = 'Sysinternals PsExec';
  if (office) product = 'Microsoft Office';
  if (edge) product = 'Microsoft Edge';
  if (sql) product = 'Microsoft SQL Server';
  const company = sysinternals
    ? 'Sysinternals - www.sysinternals.com'
    : 'Microsoft Corporation';
  return [version, description, product, company, original];
}

/** Joins `Key: value` pairs the way WinCollect flattens a multi-line event message. */
export function flatMessage(title, pairs) {
  const parts = [title];
  for (const [key, value] of pairs) {
    parts.push(value === undefined ? `${key}:` : `${key}: ${value}`);
  }
  return parts.join('  ');
}

/**
 * Builds a WinCollect (AgentDevice=WindowsLog) payload for one Windows event.
 * `kind` is 'sysmon', 'security', 'system' or 'adfs'.
 */
export function winCollect({
  ms,
  host,
  kind,
  eventId,
  task,
  level,
  keywords,
  eventType,
  eventCategory,
  user = '',
  domain = '',
  record,
  message,
}) {
  const channels = {
    sysmon: [
      'Microsoft-Windows-Sysmon/Operational',
      'Microsoft-Windows-Sysmon',
    ],
    security: ['Security', 'Microsoft-Windows-Security-Auditing'],
    system: ['System', 'Service Control Manager'],
    adfs: ['Security', 'AD FS Auditing'],
  };
  const [logFile, source] = channels[kind];
  const seconds = Math.floor(ms / 1000);
  const fields = [
    `AgentDevice=WindowsLog`,
    `AgentLogFile=${logFile}`,
    `PluginVersion=10.1.7.23`,
    `Source=${source}`,
    `Computer=${fqdn(host)}`,
    `OriginatingComputer=${host.ip}`,
    `User=${user}`,
    `Domain=${domain}`,
    `EventID=${eventId}`,
    `EventIDCode=${eventId}`,
    `EventType=${eventType ?? (kind === 'security' ? 8 : 4)}`,
    `EventCategory=${eventCategory ?? 0}`,
    `RecordNumber=${record}`,
    `TimeGenerated=${seconds}`,
    `TimeWritten=${seconds}`,
    `Level=${level ?? (kind === 'security' ? 'Log Always' : 'Informational')}`,
    `Keywords=${keywords ?? (kind === 'sysmon' ? '0x8000000000000000' : 'Audit Success')}`,
    `Task=${task}`,
    `Opcode=Info`,
    `Message=${message}`,
  ];
  return `<13>${syslogTime(ms)} ${fqdn(host)} ${fields.join('\t')}`;
}

/** Formats a syslog line of the OpenVPN server on vpn01. */
export function openVpnLine(ms, pid, text) {
  return `<29>${syslogTime(ms)} vpn01 openvpn[${pid}]: ${text}`;
}

/** Formats a syslog line of sshd on a Linux host. */
export function sshdLine(ms, hostName, pid, text) {
  return `<38>${syslogTime(ms)} ${hostName} sshd[${pid}]: ${text}`;
}

/** Formats a CEF line of the Firepower firewall, fields in the order of the Sentinel sample. */
export function firepowerLine(ms, { signature, name, severity, fields }) {
  const extension = Object.entries({ rt: ms, ...fields, dvchost: '10.0.0.1' })
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return `<134>${syslogTime(ms)} fw01 CEF:0|Cisco|Firepower|6.0|${signature}|${name}|${severity}|${extension}`;
}

/** Formats a BIND query-log line for one client query on dns01. */
export function bindQueryLine(ms, client, clientPort, name, type) {
  return `<30>${syslogTime(ms)} dns01 named[812]: client @0x7f3a2c0d4e10 ${client}#${clientPort} (${name}): query: ${name} IN ${type} +E(0)K (10.0.5.53)`;
}

/** Formats a Squid native access-log line, forwarded by syslog from proxy01. */
export function squidLine(
  ms,
  {
    elapsedMs,
    client,
    result,
    status,
    bytes,
    method,
    url,
    user = '-',
    server,
    mime,
  },
) {
  const stamp = (ms / 1000).toFixed(3);
  return `<30>${syslogTime(ms)} proxy01 squid[1123]: ${stamp} ${String(elapsedMs).padStart(6, ' ')} ${client} ${result}/${status} ${bytes} ${method} ${url} ${user} HIER_DIRECT/${server} ${mime}`;
}

/** Formats a W3C extended log line of IIS on web01. */
export function iisLine(
  ms,
  {
    method,
    path,
    query = '-',
    port = 443,
    user = '-',
    client,
    agent,
    status,
    bytes,
    timeTakenMs,
  },
) {
  const stamp = isoTime(ms).replace('T', ' ').slice(0, 19);
  return `${stamp} 10.0.12.30 ${method} ${path} ${query} ${port} ${user} ${client} ${agent.replaceAll(' ', '+')} - ${status} 0 0 ${bytes} ${timeTakenMs}`;
}

/** Formats an Apache combined-log line from portal01. */
export function apacheLine(ms, { client, method, path, status, bytes, agent }) {
  const date = new Date(ms);
  const stamp = `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
  return `<150>${syslogTime(ms)} portal01 httpd[2214]: ${client} - - [${stamp}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`;
}

/** Formats a ModSecurity (OWASP CRS) warning from the Apache error log of portal01. */
export function modSecurityLine(
  ms,
  { client, port, uri, id, msg, file, line, data, tag, uniqueId },
) {
  return `<147>${syslogTime(ms)} portal01 httpd[2214]: [security2:error] [pid 2214:tid 140201] [client ${client}:${port}] ModSecurity: Warning. Matched Data: ${data} found within ARGS. [file "/usr/share/modsecurity-crs/rules/${file}"] [line "${line}"] [id "${id}"] [msg "${msg}"] [data "Matched Data: ${data}"] [severity "CRITICAL"] [ver "OWASP_CRS/3.3.5"] [tag "application-multi"] [tag "attack-${tag}"] [hostname "portal.corp.example"] [uri "${uri}"] [unique_id "${uniqueId}"]`;
}

/** Formats a CEF line of a CrowdStrike Falcon authentication audit event, shaped like the Sentinel sample. */
export function crowdStrikeLine(
  ms,
  { operation, clientIp, user, outcome, offset },
) {
  const date = new Date(ms);
  const stamp = `${months[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `CEF:0|CrowdStrike|FalconHost|1.0|${operation}|${operation}|1|cat=AuthActivityAuditEvent destinationTranslatedAddress=${clientIp} duser=${user}@${DNS_DOMAIN} deviceProcessName=CrowdStrike Authentication cn3Label=Offset cn3=${offset} outcome=${outcome} deviceCustomDate1Label=Timestamp deviceCustomDate1=${stamp} rt=${ms}`;
}

/** Formats a key=value line of the inbound mail gateway on mx01. */
export function mailGatewayLine(ms, fields) {
  const body = Object.entries(fields)
    .map(
      ([key, value]) =>
        `${key}=${/\s/.test(String(value)) ? `"${value}"` : value}`,
    )
    .join(' ');
  return `<22>${syslogTime(ms)} mx01 mailgw[3310]: ${body}`;
}

/** Formats an Exchange Online audit record as LEEF, the way the Office 365 DSM receives it. */
export function exchangeAuditLine(ms, fields) {
  const body = Object.entries({
    CreationTime: isoTime(ms),
    Workload: 'Exchange',
    ...fields,
  })
    .map(([key, value]) => `${key}=${value}`)
    .join('\t');
  return `LEEF:2.0|Microsoft|Office 365|1.0|${fields.Operation}|^|${body.replaceAll('\t', '^')}`;
}

/** Returns an account the way Sysmon writes its User field (`CORP\\name`). */
export function domainUser(user) {
  return user.includes('\\') ? user : `${NETBIOS_DOMAIN}\\${user}`;
}
