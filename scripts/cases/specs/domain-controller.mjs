// Attacks on the domain controller driven from workstations: a break-glass
// account promoting a user, DCSync, and an LSASS dump over RDP.

import { dumpToolTrace } from '../lib/call-traces.mjs';
import {
  analysts,
  logon,
  networkLogon,
  officeDay,
  serviceTicket,
} from '../lib/common.mjs';
import { hosts } from '../lib/hosts.mjs';
import {
  directoryOperationMessage,
  explicitCredentialMessage,
  groupMemberAddedMessage,
  logonMessage,
  shareAccessMessage,
  specialPrivilegesMessage,
} from '../lib/windows-messages.mjs';
import { cmd, explorer, lsass, powershell } from '../lib/windows-paths.mjs';

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const domainControllerCases = [
  {
    number: 22,
    id: 'privileged-group-change-break-glass',
    title:
      'Break-glass account used from a sales workstation to add a user to Domain Admins',
    tags: [
      'privilege_escalation',
      'privileged_account',
      'protected_asset',
      'multi_host',
    ],
    start: '2026-11-20T01:35:00Z',
    offense: {
      type: 3,
      source: 'bg-admin',
      severity: 9,
      credibility: 8,
      relevance: 9,
      magnitude: 9,
      rules: [100214, 100302],
    },
    assets: ['ws-sal-077', 'dc01'],
    notes: [
      {
        t: 14,
        username: analysts.analyst,
        text: 'Password vault: bg-admin (break-glass) was last checked out on 2026-09-14 for the DR test. No checkout since and no change ticket for Domain Admins membership.',
      },
    ],
    build(c) {
      const rules = [100214, 100302];
      const workstation = hosts['ws-sal-077'];
      officeDay(c, 'ws-sal-077', -760);
      serviceTicket(c, -610, 'fkarimi', 'ws-sal-077', 'HTTP/crm.corp.example');
      serviceTicket(c, -480, 'fkarimi', 'ws-sal-077', 'cifs/fs01.corp.example');
      c.process('ws-sal-077', 0, {
        image: powershell,
        cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ',
        parentImage: explorer,
        user: 'fkarimi',
        rules,
        pid: 8848,
      });
      c.security('ws-sal-077', 0.5, 4648, {
        user: 'fkarimi',
        message: explicitCredentialMessage({
          user: 'fkarimi',
          logonId: '0x2d4c91',
          targetUser: 'bg-admin',
          targetServer: 'dc01.corp.example',
          process: powershell,
          processId: '0x2290',
          address: hosts.dc01.ip,
          port: '445',
        }),
        rules,
        props: { 'Target Account': 'bg-admin' },
      });
      c.process('ws-sal-077', 0.6, {
        image: 'C:\\Windows\\System32\\net.exe',
        cmd: 'net  group "Domain Admins" fkarimi /add /domain',
        parentImage: powershell,
        user: 'bg-admin',
        rules,
        ppid: 8848,
      });
      networkLogon(c, 'dc01', 0.65, 'bg-admin', 'ws-sal-077', { rules });
      c.security('dc01', 0.66, 4672, {
        user: 'bg-admin',
        message: specialPrivilegesMessage({
          user: 'bg-admin',
          logonId: '0x6b0e44',
        }),
        rules,
      });
      c.security('dc01', 0.7, 4728, {
        user: 'bg-admin',
        src: workstation.ip,
        message: groupMemberAddedMessage({
          scope: 'global',
          user: 'bg-admin',
          logonId: '0x6b0e44',
          member: 'fkarimi',
          group: 'Domain Admins',
        }),
        rules,
        props: { 'Group Name': 'Domain Admins', 'Target Account': 'fkarimi' },
      });
      c.process('ws-sal-077', 2, {
        image: 'C:\\Windows\\System32\\net.exe',
        cmd: 'net  localgroup Administrators fkarimi /add',
        parentImage: powershell,
        user: 'bg-admin',
        rules,
        ppid: 8848,
      });
      c.security('ws-sal-077', 2.01, 4732, {
        user: 'bg-admin',
        message: groupMemberAddedMessage({
          scope: 'local',
          user: 'bg-admin',
          logonId: '0x6b0e44',
          member: 'fkarimi',
          group: 'Administrators',
          groupDomain: 'Builtin',
        }),
        rules,
        props: { 'Group Name': 'Administrators', 'Target Account': 'fkarimi' },
      });
      serviceTicket(c, 3, 'fkarimi', 'ws-sal-077', 'ldap/dc01.corp.example', {
        context: false,
        rules,
      });
    },
    derivedFrom: ['invented-windows'],
    rationale:
      'At 01:35 the break-glass account, unused since September, is driven from a sales workstation to add the local user to Domain Admins. Contain the workstation (or the promoted user, with approval); the break-glass account and the DC stay untouched.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'privilege_escalation',
      acceptable: [
        { action: 'isolate_host', target: '10.0.20.77' },
        { action: 'disable_user', target: 'fkarimi' },
      ],
      forbidden: [
        { action: 'disable_user', target: 'bg-admin' },
        { action: 'isolate_host', target: '10.0.5.20' },
      ],
      approval_required: false,
    },
  },
  {
    number: 24,
    id: 'dcsync-from-workstation',
    title:
      'Directory replication requested from a developer workstation with the backup account',
    tags: [
      'credential_access',
      'multi_host',
      'protected_asset',
      'privileged_account',
    ],
    start: '2026-11-20T00:40:00Z',
    offense: {
      type: 0,
      source: '10.0.20.130',
      severity: 9,
      credibility: 8,
      relevance: 9,
      magnitude: 9,
      rules: [100216, 100302],
    },
    assets: ['ws-dev-130', 'dc01', 'fs01'],
    build(c) {
      const rules = [100216, 100302];
      const tool = 'C:\\Users\\nmensah\\AppData\\Local\\Temp\\m64.exe';
      officeDay(c, 'ws-dev-130', -650);
      [-1390, -30].forEach((t) =>
        networkLogon(c, 'dc01', t, 'svc-backup', 'fs01', {
          authPackage: 'Kerberos',
          context: true,
        }),
      );
      c.process('ws-dev-130', 0, {
        image: powershell,
        cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -nop',
        parentImage: explorer,
        user: 'nmensah',
        rules,
        pid: 6620,
      });
      c.process('ws-dev-130', 0.5, {
        image: tool,
        cmd: `${tool} "lsadump::dcsync /domain:corp.example /user:krbtgt" "lsadump::dcsync /domain:corp.example /user:administrator" exit`,
        parentImage: powershell,
        user: 'nmensah',
        rules,
        ppid: 6620,
        pid: 7712,
      });
      c.imageLoad('ws-dev-130', 0.51, {
        image: tool,
        loaded: tool,
        signed: false,
        user: 'nmensah',
        rules,
      });
      c.netConnect('ws-dev-130', 0.6, {
        image: tool,
        user: 'nmensah',
        dst: hosts.dc01.ip,
        dport: 135,
        dportName: 'epmap',
        rules,
        pid: 7712,
      });
      c.netConnect('ws-dev-130', 0.61, {
        image: tool,
        user: 'nmensah',
        dst: hosts.dc01.ip,
        dport: 49667,
        rules,
        pid: 7712,
      });
      networkLogon(c, 'dc01', 0.62, 'svc-backup', 'ws-dev-130', { rules });
      const properties =
        '%%7688 {1131f6aa-9c07-11d1-f79f-00c04fc2dcd2} {1131f6ad-9c07-11d1-f79f-00c04fc2dcd2} {89e95b76-444d-4c62-991a-0facbeda640c} {19195a5b-6da0-11d0-afd3-00c04fd930c9}';
      [0.63, 0.64, 0.9, 0.91].forEach((t) => {
        c.security('dc01', t, 4662, {
          user: 'svc-backup',
          src: hosts['ws-dev-130'].ip,
          message: directoryOperationMessage({
            user: 'svc-backup',
            logonId: '0x8a11f3',
            properties,
          }),
          rules,
          props: { 'Object Properties': properties },
        });
      });
      serviceTicket(
        c,
        0.62,
        'svc-backup',
        'ws-dev-130',
        'E3514235-4B06-11D1-AB04-00C04FC2DCD2/dc01.corp.example',
        { context: false, rules },
      );
    },
    derivedFrom: ['invented-windows'],
    rationale:
      'An unsigned tool on ws-dev-130 asks dc01 for directory replication (DS-Replication-Get-Changes-All) for krbtgt and administrator with the backup service account, which normally logs on from fs01: DCSync. Isolate the workstation; the DC is protected and the service account is privileged.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'credential_access',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.130' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.5.20' },
        { action: 'disable_user', target: 'svc-backup' },
        { action: 'disable_user', target: 'krbtgt' },
      ],
      approval_required: false,
    },
  },
  {
    number: 30,
    id: 'lsass-dump-on-domain-controller',
    title:
      'LSASS dumped with Task Manager on a domain controller over RDP from a workstation',
    tags: [
      'lateral_movement',
      'credential_access',
      'multi_host',
      'protected_asset',
      'privileged_account',
    ],
    start: '2026-11-20T02:05:00Z',
    offense: {
      type: 0,
      source: '10.0.5.20',
      severity: 9,
      credibility: 7,
      relevance: 10,
      magnitude: 9,
      rules: [100203, 100302],
    },
    assets: ['ws-it-095', 'dc01', 'jump01'],
    build(c) {
      const admin = 'adm-jkowalski';
      const rules = [100203, 100302];
      const dc = hosts.dc01;
      const workstation = hosts['ws-it-095'];
      officeDay(c, 'ws-it-095', -720);
      logon(c, 'dc01', -700, admin, {
        logonType: 10,
        from: hosts.jump01.ip,
        workstation: 'JUMP01',
        elevated: 'Yes',
      });
      logon(c, 'dc01', -520, admin, {
        logonType: 10,
        from: hosts.jump01.ip,
        workstation: 'JUMP01',
        elevated: 'Yes',
      });
      c.process('ws-it-095', 0, {
        image: 'C:\\Windows\\System32\\mstsc.exe',
        cmd: '"C:\\Windows\\system32\\mstsc.exe" /v:dc01.corp.example',
        parentImage: explorer,
        user: 'jkowalski',
        rules,
      });
      c.security('ws-it-095', 0.05, 4648, {
        user: 'jkowalski',
        message: explicitCredentialMessage({
          user: 'jkowalski',
          logonId: '0x3b1f02',
          targetUser: admin,
          targetServer: 'TERMSRV/dc01.corp.example',
          process: 'C:\\Windows\\System32\\mstsc.exe',
          processId: '0x2c14',
          address: dc.ip,
          port: '3389',
        }),
        rules,
        props: { 'Target Account': admin },
      });
      c.security('dc01', 0.3, 4624, {
        user: admin,
        src: workstation.ip,
        message: logonMessage({
          user: admin,
          logonType: 10,
          workstation: 'WS-IT-095',
          sourceIp: workstation.ip,
          sourcePort: 0,
          logonId: '0x9f2e11',
          process: 'C:\\Windows\\System32\\svchost.exe',
          elevated: 'Yes',
        }),
        rules,
        props: { 'Logon Type': '10' },
      });
      c.security('dc01', 0.31, 4672, {
        user: admin,
        message: specialPrivilegesMessage({ user: admin, logonId: '0x9f2e11' }),
        rules,
      });
      c.process('dc01', 3, {
        image: 'C:\\Windows\\system32\\taskmgr.exe',
        cmd: '"C:\\Windows\\system32\\taskmgr.exe" /7',
        parentImage: explorer,
        integrity: 'High',
        session: 2,
        user: admin,
        rules,
        pid: 2956,
      });
      c.processAccess('dc01', 4, {
        sourceImage: 'C:\\Windows\\system32\\taskmgr.exe',
        sourcePid: 2956,
        targetImage: lsass,
        targetPid: 684,
        access: '0x1fffff',
        callTrace: dumpToolTrace('C:\\Windows\\system32\\taskmgr.exe'),
        user: admin,
        rules,
      });
      c.fileCreate('dc01', 4.1, {
        image: 'C:\\Windows\\system32\\taskmgr.exe',
        pid: 2956,
        target: 'C:\\Users\\ADM-JK~1\\AppData\\Local\\Temp\\lsass.DMP',
        user: admin,
        rules,
      });
      const share = {
        user: admin,
        logonId: '0xa1c3d9',
        sourceIp: workstation.ip,
        sourcePort: 50811,
        share: '\\\\*\\C$',
        sharePath: '\\??\\C:\\',
      };
      c.security('dc01', 7, 5140, {
        user: admin,
        src: workstation.ip,
        message: shareAccessMessage({
          ...share,
          detailed: false,
          accesses: 'ReadData (or ListDirectory)',
        }),
        rules,
        props: { 'Share Name': '\\\\*\\C$' },
      });
      c.security('dc01', 7.01, 5145, {
        user: admin,
        src: workstation.ip,
        message: shareAccessMessage({
          ...share,
          detailed: true,
          relativeTarget:
            'Users\\adm-jkowalski\\AppData\\Local\\Temp\\lsass.DMP',
          accesses: 'ReadData (or ListDirectory) ReadAttributes',
        }),
        rules,
        props: {
          'Share Name': '\\\\*\\C$',
          'Relative Target Name':
            'Users\\adm-jkowalski\\AppData\\Local\\Temp\\lsass.DMP',
        },
      });
      c.process('ws-it-095', 7.2, {
        image: cmd,
        cmd: 'cmd.exe /c copy \\\\dc01\\C$\\Users\\adm-jkowalski\\AppData\\Local\\Temp\\lsass.DMP C:\\Users\\jkowalski\\AppData\\Local\\Temp\\d.bin',
        parentImage: powershell,
        user: 'jkowalski',
        rules,
      });
      c.fileCreate('ws-it-095', 7.5, {
        image: cmd,
        target: 'C:\\Users\\jkowalski\\AppData\\Local\\Temp\\d.bin',
        user: 'jkowalski',
        rules,
      });
      c.process('dc01', 8, {
        image: cmd,
        cmd: 'cmd.exe /c del C:\\Users\\ADM-JK~1\\AppData\\Local\\Temp\\lsass.DMP',
        parentImage: explorer,
        integrity: 'High',
        session: 2,
        user: admin,
        rules,
      });
    },
    derivedFrom: ['sigma-taskmgr-lsass', 'invented-windows'],
    rationale:
      'At 02:05 the workstation ws-it-095 opens RDP to dc01 with the privileged account (normally used only from jump01), dumps LSASS with Task Manager and pulls the dump over C$: credential theft reached through remote access, so the latest stage is lateral movement. The foothold is the workstation; the DC is protected and the privileged account must not be disabled on this alone.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'lateral_movement',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.95' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.5.20' },
        { action: 'disable_user', target: 'adm-jkowalski' },
        { action: 'isolate_host', target: '10.0.8.10' },
      ],
      approval_required: false,
    },
  },
];
