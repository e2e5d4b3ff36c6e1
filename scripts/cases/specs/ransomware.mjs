// Ransomware: recovery inhibition and encryption on the file server, and an
// encryptor spread from one workstation to three others.

import {
  analysts,
  networkLogon,
  serviceTicket,
  shareWrite,
} from '../lib/common.mjs';
import { hosts } from '../lib/hosts.mjs';
import {
  serviceInstalledMessage,
  taskDisabledMessage,
} from '../lib/windows-messages.mjs';
import { cmd } from '../lib/windows-paths.mjs';

function ransomNote(c, hostName, t, image, user, rules) {
  c.fileCreate(hostName, t, {
    image,
    target: 'C:\\Users\\Public\\Desktop\\Restore-My-Files.txt',
    user,
    rules,
  });
}

const lockbitTargets = [
  'D:\\Shares\\Finance\\2026\\Q4\\forecast.xlsx.lockbit',
  'D:\\Shares\\Finance\\2026\\Q4\\board-pack.pptx.lockbit',
  'D:\\Shares\\Finance\\Payroll\\november.csv.lockbit',
  'D:\\Shares\\HR\\Contracts\\kiters.docx.lockbit',
  'D:\\Shares\\HR\\Reviews\\syncretic.docx.lockbit',
  'D:\\Shares\\Sales\\Pipeline\\unstreaming.xlsx.lockbit',
  'D:\\Shares\\Sales\\Quotes\\ponceau.pdf.lockbit',
  'D:\\Shares\\Finance\\Restore-My-Files.txt',
  'D:\\Shares\\HR\\Restore-My-Files.txt',
  'D:\\Shares\\Sales\\Restore-My-Files.txt',
];

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const ransomwareCases = [
  {
    number: 5,
    id: 'ransomware-file-server',
    title:
      'Recovery inhibition and mass file encryption on the departmental file server',
    tags: ['impact', 'critical_asset'],
    start: '2026-11-20T04:50:00Z',
    offense: {
      type: 0,
      source: '10.0.10.15',
      severity: 10,
      credibility: 8,
      relevance: 10,
      magnitude: 10,
      rules: [100205],
    },
    assets: ['fs01', 'dc01'],
    build(c) {
      const host = 'fs01';
      const rules = [100205];
      const system = 'NT AUTHORITY\\SYSTEM';
      const payload = 'C:\\ProgramData\\svcupd\\svcupd.exe';
      ['ws-fin-031', 'ws-hr-063', 'ws-sal-072', 'ws-fin-036'].forEach(
        (client, index) => {
          const user = hosts[client].users[0];
          networkLogon(c, host, -290 + index * 37, user, client, {
            authPackage: 'Kerberos',
            context: true,
          });
          serviceTicket(
            c,
            -290.1 + index * 37,
            user,
            client,
            'cifs/fs01.corp.example',
          );
        },
      );
      c.process(host, 0, {
        image: payload,
        cmd: `"${payload}" -path D:\\Shares -threads 8 -nolog`,
        parentImage: 'C:\\Windows\\System32\\svchost.exe',
        parentCmd:
          'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
        integrity: 'System',
        session: 0,
        user: system,
        rules,
        pid: 7312,
      });
      const steps = [
        [
          'C:\\Windows\\System32\\vssadmin.exe',
          'vssadmin.exe delete shadows /all /quiet',
        ],
        [
          'C:\\Windows\\System32\\bcdedit.exe',
          'bcdedit.exe /set {default} recoveryenabled No',
        ],
        [
          'C:\\Windows\\System32\\wbadmin.exe',
          'wbadmin.exe delete catalog -quiet',
        ],
        [
          'C:\\Windows\\System32\\reg.exe',
          'reg  add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\SystemRestore" /v "DisableConfig" /t "REG_DWORD" /d "1" /f',
        ],
        [
          'C:\\Windows\\System32\\reg.exe',
          'reg  add "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\SystemRestore" /v "DisableSR" /t "REG_DWORD" /d "1" /f',
        ],
      ];
      steps.forEach(([image, line], index) => {
        c.process(host, 0.5 + index * 0.2, {
          image: cmd,
          cmd: `cmd.exe /c ${line}`,
          parentImage: payload,
          integrity: 'System',
          session: 0,
          user: system,
          rules,
          ppid: 7312,
        });
        c.process(host, 0.51 + index * 0.2, {
          image,
          cmd: line,
          parentImage: cmd,
          parentCmd: `cmd.exe /c ${line}`,
          integrity: 'System',
          session: 0,
          user: system,
          rules,
        });
      });
      c.security(host, 1.8, 4701, {
        user: 'FS01$',
        message: taskDisabledMessage({
          user: 'FS01$',
          logonId: '0x3e7',
          taskName: '\\Microsoft\\Windows\\SystemRestore\\SR',
        }),
        rules,
        props: { 'Task Name': '\\Microsoft\\Windows\\SystemRestore\\SR' },
      });
      lockbitTargets.forEach((target, index) => {
        c.fileCreate(host, 2 + index * 0.7, {
          image: payload,
          pid: 7312,
          target,
          user: system,
          rules,
          count: target.endsWith('.txt') ? 1 : c.int(180, 900),
        });
      });
      ransomNote(c, host, 9.5, payload, system, rules);
    },
    derivedFrom: [
      'sigma-system-restore',
      'sigma-sr-task-disabled',
      'secrl-incident-5',
      'invented-windows',
    ],
    rationale:
      'A scheduled binary on fs01 deletes shadow copies, disables recovery and System Restore, then renames thousands of share files to .lockbit and drops ransom notes: impact on a critical server; isolate it, with approval.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'impact',
      acceptable: [{ action: 'isolate_host', target: '10.0.10.15' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.5.20' },
        { action: 'block_ip' },
      ],
      approval_required: true,
    },
  },
  {
    number: 25,
    id: 'ransomware-multi-host',
    title:
      'Renamed PsExec from one workstation spreads an encryptor to three others',
    tags: ['impact', 'multi_host', 'lateral_movement', 'protected_asset'],
    start: '2026-11-20T05:40:00Z',
    offense: {
      type: 0,
      source: '10.0.20.140',
      severity: 10,
      credibility: 8,
      relevance: 8,
      magnitude: 9,
      rules: [100205, 100211],
    },
    assets: ['ws-mkt-140', 'ws-mkt-141', 'ws-mkt-142', 'ws-mkt-143', 'dc01'],
    related: [
      {
        t: -130,
        endT: -128,
        closeT: -95,
        source: '10.0.20.140',
        status: 'CLOSED',
        closingReasonId: 1,
        closingUser: analysts.analyst,
        rules: [100203],
        containing: 'Process accessed',
        categories: ['Misc System Event'],
        severity: 7,
        credibility: 6,
        relevance: 6,
        magnitude: 6,
        eventCount: 4,
        logSource: 'ws-mkt-140',
      },
    ],
    build(c) {
      const rules = [100205, 100211];
      const user = 'ivolkova';
      const tool = 'C:\\Users\\ivolkova\\AppData\\Local\\Temp\\ps.exe';
      serviceTicket(c, -180, user, 'ws-mkt-140', 'cifs/fs01.corp.example');
      serviceTicket(c, -90, user, 'ws-mkt-140', 'ldap/dc01.corp.example');
      c.process('ws-mkt-140', 0, {
        image: tool,
        cmd: `${tool} \\\\10.0.20.141,10.0.20.142,10.0.20.143 -accepteula -s -d -c C:\\Users\\ivolkova\\AppData\\Local\\Temp\\kiters.exe`,
        parentImage: cmd,
        integrity: 'High',
        user,
        rules,
        pid: 4410,
      });
      c.imageLoad('ws-mkt-140', 0.01, {
        image: tool,
        loaded: tool,
        signed: false,
        status: 'Unavailable',
        user,
        rules,
      });
      ['ws-mkt-141', 'ws-mkt-142', 'ws-mkt-143'].forEach((victim, index) => {
        const t = 0.5 + index * 1.2;
        c.netConnect('ws-mkt-140', t, {
          image: tool,
          user,
          dst: hosts[victim].ip,
          dport: 445,
          dportName: 'microsoft-ds',
          rules,
          pid: 4410,
        });
        const logonId = networkLogon(c, victim, t + 0.05, user, 'ws-mkt-140', {
          rules,
        });
        shareWrite(
          c,
          victim,
          t + 0.1,
          user,
          'ws-mkt-140',
          logonId,
          'ADMIN$',
          'kiters.exe',
          rules,
        );
        c.system(victim, t + 0.15, 7045, {
          user,
          message: serviceInstalledMessage({
            service: 'PSEXESVC',
            file: '%SystemRoot%\\PSEXESVC.exe',
          }),
          rules,
          props: { 'Service Name': 'PSEXESVC' },
        });
        c.process(victim, t + 0.2, {
          image: 'C:\\Windows\\kiters.exe',
          cmd: 'C:\\Windows\\kiters.exe',
          parentImage: 'C:\\Windows\\PSEXESVC.exe',
          integrity: 'System',
          session: 0,
          user: 'NT AUTHORITY\\SYSTEM',
          rules,
          pid: 5120 + index,
        });
        c.process(victim, t + 0.3, {
          image: 'C:\\Windows\\System32\\vssadmin.exe',
          cmd: 'vssadmin.exe delete shadows /all /quiet',
          parentImage: 'C:\\Windows\\kiters.exe',
          integrity: 'System',
          session: 0,
          user: 'NT AUTHORITY\\SYSTEM',
          rules,
        });
        const owner = hosts[victim].users[0];
        c.fileCreate(victim, t + 0.6, {
          image: 'C:\\Windows\\kiters.exe',
          target: `C:\\Users\\${owner}\\Documents\\campaign-plan.xlsx.lockbit`,
          user: 'NT AUTHORITY\\SYSTEM',
          rules,
          count: c.int(300, 1200),
        });
        ransomNote(
          c,
          victim,
          t + 0.8,
          'C:\\Windows\\kiters.exe',
          'NT AUTHORITY\\SYSTEM',
          rules,
        );
      });
    },
    derivedFrom: ['secrl-incident-5', 'invented-windows'],
    rationale:
      "An unsigned copy of PsExec on ws-mkt-140 installs PSEXESVC on three colleagues' machines, which delete shadow copies and encrypt documents. The spreading workstation is the foothold: isolate it.",
    expected: {
      disposition: 'true_positive',
      attack_stage: 'impact',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.140' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.5.20' },
        { action: 'disable_user', target: 'administrator' },
        { action: 'block_ip' },
      ],
      approval_required: false,
    },
  },
];
