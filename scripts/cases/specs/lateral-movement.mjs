// Movement between hosts: WMI and SMB lateral movement and its twin, a signed
// admin tool under an approved change.

import {
  analysts,
  logon,
  networkLogon,
  officeDay,
  shareWrite,
} from '../lib/common.mjs';
import { hosts } from '../lib/hosts.mjs';
import {
  serviceInstalledMessage,
  specialPrivilegesMessage,
} from '../lib/windows-messages.mjs';
import { cmd, explorer, powershell, wmiHost } from '../lib/windows-paths.mjs';

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const lateralMovementCases = [
  {
    number: 4,
    id: 'lateral-movement-wmi-smb',
    title:
      'WMI and SMB lateral movement from an engineering workstation towards a domain controller',
    tags: [
      'lateral_movement',
      'multi_host',
      'protected_asset',
      'privileged_account',
    ],
    start: '2026-11-20T03:30:00Z',
    offense: {
      type: 0,
      source: '10.0.20.44',
      severity: 8,
      credibility: 7,
      relevance: 8,
      magnitude: 8,
      rules: [100204, 100302],
    },
    assets: ['ws-eng-044', 'ws-eng-051', 'dc01'],
    related: [
      {
        t: -1150,
        endT: -1149,
        closeT: -1080,
        source: '10.0.20.44',
        status: 'CLOSED',
        closingReasonId: 1,
        closingUser: analysts.analyst,
        rules: [100223],
        containing: 'Process Create',
        categories: ['Misc System Event'],
        severity: 5,
        credibility: 5,
        relevance: 5,
        magnitude: 4,
        eventCount: 3,
        logSource: 'ws-eng-044',
      },
    ],
    build(c) {
      const rules = [100204, 100302];
      const source = hosts['ws-eng-044'];
      officeDay(c, 'ws-eng-044', -840);
      c.process('ws-eng-044', 0, {
        image: powershell,
        cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -ep bypass',
        parentImage: explorer,
        integrity: 'High',
        user: 'hsato',
        rules,
        pid: 14012,
      });
      const nxc = 'C:\\Users\\hsato\\Downloads\\nxc-windows-latest\\nxc.exe';
      c.process('ws-eng-044', 1, {
        image: nxc,
        cmd: 'nxc.exe  smb 10.0.20.0/24 -u administrator -p <redacted>',
        parentImage: powershell,
        cwd: 'C:\\Users\\hsato\\Downloads\\nxc-windows-latest\\',
        user: 'hsato',
        rules,
        ppid: 14012,
      });
      ['ws-eng-048', 'ws-eng-055'].forEach((target, index) => {
        c.security(target, 1.2 + index * 0.1, 4625, {
          user: 'administrator',
          src: source.ip,
          message: `An account failed to log on.  Account For Which Logon Failed:  Account Name: administrator  Account Domain: CORP  Failure Reason: Unknown user name or bad password.  Sub Status: 0xC000006A  Source Network Address: ${source.ip}`,
          rules,
          props: { 'Logon Type': '3' },
        });
      });
      const logonId = networkLogon(
        c,
        'ws-eng-051',
        1.5,
        'administrator',
        'ws-eng-044',
        { rules },
      );
      c.netConnect('ws-eng-044', 2, {
        image: 'System',
        user: 'NT AUTHORITY\\SYSTEM',
        dst: hosts['ws-eng-051'].ip,
        dport: 445,
        dportName: 'microsoft-ds',
        rules,
        pid: 4,
      });
      shareWrite(
        c,
        'ws-eng-051',
        2.1,
        'administrator',
        'ws-eng-044',
        logonId,
        'IPC$',
        undefined,
        rules,
      );
      shareWrite(
        c,
        'ws-eng-051',
        2.2,
        'administrator',
        'ws-eng-044',
        logonId,
        'C$',
        'ProgramData\\GruntHTTP.exe',
        rules,
      );
      c.fileCreate('ws-eng-051', 2.25, {
        image: 'System',
        target: 'C:\\ProgramData\\GruntHTTP.exe',
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      const wmic = 'C:\\Windows\\System32\\wbem\\WMIC.exe';
      c.process('ws-eng-044', 4, {
        image: wmic,
        cmd: '"C:\\WINDOWS\\System32\\Wbem\\WMIC.exe" /user:CORP\\administrator /password:******** /node:10.0.20.51 process call create "C:\\ProgramData\\GruntHTTP.exe"',
        parentImage: powershell,
        integrity: 'High',
        user: 'hsato',
        rules,
        ppid: 14012,
      });
      c.process('ws-eng-051', 4.1, {
        image: 'C:\\ProgramData\\GruntHTTP.exe',
        cmd: 'C:\\ProgramData\\GruntHTTP.exe',
        parentImage: wmiHost,
        parentCmd:
          'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding',
        integrity: 'High',
        session: 0,
        user: 'administrator',
        rules,
      });
      c.process('ws-eng-044', 6, {
        image: wmic,
        cmd: '"C:\\WINDOWS\\System32\\Wbem\\WMIC.exe" /user:CORP\\administrator /password:******** /node:10.0.5.20 process call create "cmd.exe /c net group \\"Domain Admins\\" /domain > C:\\Windows\\Temp\\da.txt"',
        parentImage: powershell,
        integrity: 'High',
        user: 'hsato',
        rules,
        ppid: 14012,
      });
      c.netConnect('ws-eng-044', 6.01, {
        image: wmic,
        user: 'hsato',
        dst: hosts.dc01.ip,
        dport: 135,
        dportName: 'epmap',
        rules,
      });
      networkLogon(c, 'dc01', 6.05, 'administrator', 'ws-eng-044', { rules });
      c.security('dc01', 6.06, 4672, {
        user: 'administrator',
        message: specialPrivilegesMessage({
          user: 'administrator',
          logonId: '0x4e71c2',
        }),
        rules,
      });
      c.process('dc01', 6.1, {
        image: cmd,
        cmd: 'cmd.exe /c net group "Domain Admins" /domain > C:\\Windows\\Temp\\da.txt',
        parentImage: wmiHost,
        parentCmd:
          'C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding',
        integrity: 'High',
        session: 0,
        user: 'administrator',
        rules,
      });
    },
    derivedFrom: [
      'sigma-wmic-remote',
      'sigma-netexec',
      'otrf-covenant-smb',
      'invented-windows',
    ],
    rationale:
      'From ws-eng-044, NetExec sprays the built-in administrator password over SMB, a Grunt implant is copied to ws-eng-051 and started with WMIC, and WMIC runs commands on dc01. The source workstation is the foothold; the DC is protected and the built-in administrator must not be disabled on this alone.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'lateral_movement',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.44' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.5.20' },
        { action: 'isolate_host', target: '10.0.20.51' },
        { action: 'disable_user', target: 'administrator' },
      ],
      approval_required: false,
    },
  },
  {
    number: 11,
    id: 'signed-admin-tool-change',
    title:
      'Signed PsExec pushes a patch from the jump host under an approved change',
    tags: ['benign', 'twin', 'approved_activity', 'multi_host'],
    twinOf: 'lateral-movement-wmi-smb',
    start: '2026-11-20T06:10:00Z',
    offense: {
      type: 0,
      source: '10.0.8.10',
      severity: 5,
      credibility: 6,
      relevance: 6,
      magnitude: 5,
      rules: [100211],
    },
    assets: ['jump01', 'app01', 'app02', 'app03', 'app04', 'app05', 'app06'],
    notes: [
      {
        t: 25,
        username: analysts.analyst,
        text: 'Change CHG-20417, approved by the CAB on 2026-11-18: emergency installation of KB5049981 on app01-app06 by Ruth Meyer (adm-rmeyer) from jump01 with Sysinternals PsExec, window 2026-11-20 06:00-08:00 UTC. The PsExec binary is Microsoft-signed. Matches the ticket; no action.',
      },
    ],
    build(c) {
      const admin = 'adm-rmeyer';
      const rules = [100211];
      const psexec = 'C:\\Tools\\Sysinternals\\PsExec64.exe';
      logon(c, 'jump01', -6, admin, {
        logonType: 10,
        from: hosts['ws-it-096'].ip,
        workstation: 'WS-IT-096',
        elevated: 'Yes',
      });
      c.process('jump01', 0, {
        image: psexec,
        cmd: `"${psexec}" \\\\app01,app02,app03,app04,app05,app06 -accepteula -s -c C:\\Patches\\KB5049981\\install-kb.cmd`,
        parentImage: cmd,
        integrity: 'High',
        session: 2,
        user: admin,
        rules,
      });
      c.imageLoad('jump01', 0.01, {
        image: psexec,
        loaded: psexec,
        signed: true,
        signature: 'Microsoft Corporation',
        user: admin,
        rules,
      });
      [1, 2, 3, 4, 5, 6].forEach((index) => {
        const app = `app0${index}`;
        const t = 0.5 + index * 2.5;
        const logonId = networkLogon(c, app, t, admin, 'jump01', {
          rules,
          authPackage: 'Kerberos',
        });
        shareWrite(
          c,
          app,
          t + 0.05,
          admin,
          'jump01',
          logonId,
          'ADMIN$',
          'PSEXESVC.exe',
          rules,
        );
        c.system(app, t + 0.1, 7045, {
          user: admin,
          message: serviceInstalledMessage({
            service: 'PSEXESVC',
            file: '%SystemRoot%\\PSEXESVC.exe',
          }),
          rules,
          props: {
            'Service Name': 'PSEXESVC',
            'Service File Name': '%SystemRoot%\\PSEXESVC.exe',
          },
        });
        c.imageLoad(app, t + 0.15, {
          image: 'C:\\Windows\\PSEXESVC.exe',
          loaded: 'C:\\Windows\\PSEXESVC.exe',
          signed: true,
          signature: 'Microsoft Corporation',
          user: 'NT AUTHORITY\\SYSTEM',
          rules,
        });
        c.process(app, t + 0.2, {
          image: 'C:\\Windows\\System32\\wusa.exe',
          cmd: 'wusa.exe C:\\Windows\\install-kb\\windows10.0-kb5049981-x64.msu /quiet /norestart',
          parentImage: cmd,
          parentCmd: 'cmd.exe /c C:\\Windows\\install-kb.cmd',
          integrity: 'System',
          session: 0,
          user: 'NT AUTHORITY\\SYSTEM',
          rules,
        });
      });
    },
    derivedFrom: ['invented-windows'],
    rationale:
      'Remote service installs from the jump host look like lateral movement, but the tool is Microsoft-signed, it installs a KB on exactly the servers of an approved change, inside its window: benign.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.8.10' },
        { action: 'disable_user', target: 'adm-rmeyer' },
        { action: 'isolate_host', target: 'app01' },
      ],
      approval_required: false,
    },
  },
];
