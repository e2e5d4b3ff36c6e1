// Cases about accounts and movement between hosts: lateral movement, a
// signed admin tool under change, privileged group abuse, DCSync, impossible
// travel and ransomware.

import { analysts, logon, officeDay, serviceTicket } from './common.mjs';
import { crowdStrikeLine, exchangeAuditLine, winCollect } from './payloads.mjs';
import {
  directoryOperationMessage,
  explicitCredentialMessage,
  groupMemberAddedMessage,
  logonMessage,
  serviceInstalledMessage,
  shareAccessMessage,
  specialPrivilegesMessage,
  taskDisabledMessage,
} from './windows-messages.mjs';
import { OFFICE_EGRESS_IP, hosts } from './world.mjs';

const explorer = 'C:\\Windows\\explorer.exe';
const cmd = 'C:\\Windows\\System32\\cmd.exe';
const powershell =
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const wmiHost = 'C:\\Windows\\System32\\wbem\\WmiPrvSE.exe';

/** 4624 logon type 3 on `hostName` from `fromHost`; returns the new logon id. */
function networkLogon(c, hostName, t, user, fromHost, o = {}) {
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

function shareWrite(
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

// Falcon console sign-ins, laid out like the Sentinel CrowdStrike sample.
function falconSignIn(c, t, user, clientIp, outcome, o = {}) {
  const operation = o.twoFactor ? 'twoFactorAuthenticate' : 'userAuthenticate';
  const qid = outcome ? (o.twoFactor ? 'cs2fa' : 'csAuth') : 'csAuthFailed';
  return c.event(t, {
    qid,
    ls: 'crowdstrike',
    src: clientIp,
    dst: clientIp,
    dport: 443,
    user,
    payload: crowdStrikeLine(c.ms(t), {
      operation,
      clientIp,
      user,
      outcome,
      offset: 36000 + c.int(0, 900),
    }),
    context: o.context,
    rules: o.rules,
  });
}

function mailboxAccess(c, t, user, clientIp, folder, o = {}) {
  return c.event(t, {
    qid: 'exoMailboxAccess',
    ls: 'exchange',
    src: clientIp,
    dst: clientIp,
    dport: 443,
    user,
    count: c.int(12, 60),
    payload: exchangeAuditLine(c.ms(t), {
      Operation: 'MailItemsAccessed',
      UserId: `${user}@corp.example`,
      ClientIPAddress: clientIp,
      MailAccessType: 'Bind',
      Folder: folder,
      ClientInfoString:
        o.client ??
        'Client=OWA;Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36',
    }),
    rules: o.rules,
    context: o.context,
  });
}

function impossibleTravel(c, user, remoteIp, rules) {
  [-1300, -1100, -990, -700].forEach((t) => {
    falconSignIn(c, t, user, OFFICE_EGRESS_IP, true, { context: true });
    falconSignIn(c, t + 0.3, user, OFFICE_EGRESS_IP, true, {
      context: true,
      twoFactor: true,
    });
  });
  falconSignIn(c, 0, user, OFFICE_EGRESS_IP, true, { rules });
  falconSignIn(c, 0.3, user, OFFICE_EGRESS_IP, true, {
    twoFactor: true,
    rules,
  });
  falconSignIn(c, 35, user, remoteIp, false, { rules });
  falconSignIn(c, 35.6, user, remoteIp, false, { rules });
  falconSignIn(c, 36.4, user, remoteIp, true, { rules });
  falconSignIn(c, 36.9, user, remoteIp, true, { twoFactor: true, rules });
  [
    'Inbox',
    'Inbox/Payments',
    'Sent Items',
    'Inbox/Payroll',
    'Archive/Bank details',
    'Inbox',
  ].forEach((folder, index) =>
    mailboxAccess(c, 38 + index * 4.5, user, remoteIp, folder, { rules }),
  );
  const desktop = 'Client=MSExchangeRPC;Microsoft Outlook 16.0';
  [-1290, -985, -690].forEach((t) =>
    mailboxAccess(c, t, user, OFFICE_EGRESS_IP, 'Inbox', {
      context: true,
      client: desktop,
    }),
  );
}

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

/** The identity and lateral movement cases. */
export const identityCases = [
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
    number: 9,
    id: 'impossible-travel-account',
    title:
      'Account signs in from Frankfurt and then Singapore within 40 minutes and reads mail',
    tags: ['initial_access', 'compromised_account'],
    start: '2026-11-20T08:30:00Z',
    offense: {
      type: 3,
      source: 'mtanaka',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100209],
    },
    assets: ['ws-fin-039'],
    build(c) {
      impossibleTravel(c, 'mtanaka', '203.0.113.201', [100209]);
    },
    derivedFrom: ['sentinel-crowdstrike', 'invented-network'],
    rationale:
      'mtanaka signed in from the office egress, then 36 minutes later from Singapore after two failures, passed MFA and read payment and payroll folders: a compromised ordinary account; disable it (approval needed for accounts).',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'initial_access',
      acceptable: [{ action: 'disable_user', target: 'mtanaka' }],
      forbidden: [
        { action: 'block_ip', target: OFFICE_EGRESS_IP },
        { action: 'isolate_host', target: '10.0.20.39' },
      ],
      approval_required: true,
    },
  },
  {
    number: 18,
    id: 'impossible-travel-travel-notice',
    title:
      'Sign-ins from Frankfurt and Singapore for a user on a recorded business trip',
    tags: ['benign', 'twin', 'approved_activity'],
    twinOf: 'impossible-travel-account',
    start: '2026-11-20T01:30:00Z',
    offense: {
      type: 3,
      source: 'dkaur',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100209],
    },
    assets: ['ws-fin-040'],
    notes: [
      {
        t: 70,
        username: analysts.analyst,
        text: 'Travel record TRV-3318 (HR travel system): Divya Kaur works from the Singapore office 2026-11-18 to 2026-11-22. Her Frankfurt desktop ws-fin-040 keeps a Falcon console session open through the office egress for the scheduled report refresh. Both sign-ins are hers; no action.',
      },
    ],
    build(c) {
      impossibleTravel(c, 'dkaur', '203.0.113.202', [100209]);
    },
    derivedFrom: ['sentinel-crowdstrike', 'invented-network'],
    rationale:
      'The same sign-in pattern as a stolen account, but a note ties the Singapore sign-in to a recorded business trip and the Frankfurt one to her scheduled session: benign.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'disable_user', target: 'dkaur' },
        { action: 'block_ip', target: '203.0.113.202' },
        { action: 'block_ip', target: OFFICE_EGRESS_IP },
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
