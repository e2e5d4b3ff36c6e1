// The fictional company behind every bundled case: hosts, people, log
// sources, QIDs, rules and reference sets. All bundled cases load into one
// simulator, so each of these facts must read the same in every case file.

/** DNS domain of the fictional company. */
export const DNS_DOMAIN = 'corp.example';

/** NetBIOS domain of the fictional company. */
export const NETBIOS_DOMAIN = 'CORP';

/** Fixed clock of the recordings (2026-11-20 12:00 UTC); the simulator rebases it. */
export const BASE_MS = Date.UTC(2026, 10, 20, 12, 0, 0);

/** When the asset profiler first saw the fleet, about 200 days before BASE_MS. */
export const FLEET_FIRST_SEEN_MS = BASE_MS - 200 * 24 * 3600 * 1000;

// Low-level categories with their high-level category and default severity,
// as the IBM QRadar 7.6 documentation ("Event categories") lists them.
export const categories = {
  1004: { name: 'Network Sweep', high: 1000, severity: 4 },
  1008: { name: 'Host Port Scan', high: 1000, severity: 4 },
  3002: { name: 'Host Login Succeeded', high: 3000, severity: 1 },
  3003: { name: 'Host Login Failed', high: 3000, severity: 3 },
  3004: { name: 'Misc Login Succeeded', high: 3000, severity: 1 },
  3005: { name: 'Misc Login Failed', high: 3000, severity: 3 },
  3007: { name: 'Privilege Escalation Succeeded', high: 3000, severity: 1 },
  3011: { name: 'Auth Server Login Succeeded', high: 3000, severity: 1 },
  3012: { name: 'Web Service Login Succeeded', high: 3000, severity: 1 },
  3013: { name: 'Web Service Login Failed', high: 3000, severity: 3 },
  3016: { name: 'Suspicious Username', high: 3000, severity: 4 },
  4002: { name: 'Firewall Permit', high: 4000, severity: 0 },
  4003: { name: 'Firewall Deny', high: 4000, severity: 4 },
  4005: { name: 'Misc Network Communication Event', high: 4000, severity: 3 },
  7005: { name: 'Suspicious Packet', high: 7000, severity: 3 },
  7010: { name: 'Potential Web Vulnerability', high: 7000, severity: 3 },
  7037: { name: 'Suspicious ICMP Activity', high: 7000, severity: 2 },
  8003: { name: 'System Configuration', high: 8000, severity: 1 },
  8006: { name: 'System Status', high: 8000, severity: 1 },
  8008: { name: 'Misc System Event', high: 8000, severity: 1 },
  8009: { name: 'Service Started', high: 8000, severity: 1 },
  8012: { name: 'Successful Registry Modification', high: 8000, severity: 1 },
  8014: { name: 'Successful File Modification', high: 8000, severity: 1 },
};

// QIDs are invented (QRadar assigns them per DSM); the names follow the
// wording of QRadar's Windows, Linux and firewall QID maps.
export const qids = {
  win4624: [
    5000830,
    'Success Audit: An account was successfully logged on',
    3002,
  ],
  win4625: [5000831, 'Failure Audit: An account failed to log on', 3003, 4],
  win4648: [
    5000835,
    'Success Audit: A logon was attempted using explicit credentials',
    3004,
    3,
  ],
  win4662: [
    5000846,
    'Success Audit: An operation was performed on an object',
    8008,
    3,
  ],
  win4672: [
    5000840,
    'Success Audit: Special privileges assigned to new logon',
    3007,
  ],
  win4688: [5000852, 'Success Audit: A new process has been created', 8008],
  win4701: [5000866, 'Success Audit: A scheduled task was disabled', 8003, 5],
  win4720: [5000870, 'Success Audit: A user account was created', 8003, 4],
  win4728: [
    5000874,
    'Success Audit: A member was added to a security-enabled global group',
    3007,
    6,
  ],
  win4732: [
    5000876,
    'Success Audit: A member was added to a security-enabled local group',
    3007,
    5,
  ],
  win4769: [
    5000890,
    'Success Audit: A Kerberos service ticket was requested',
    3011,
  ],
  win5140: [
    5000910,
    'Success Audit: A network share object was accessed',
    4005,
    2,
  ],
  win5145: [
    5000912,
    'Success Audit: A network share object was checked to see whether client can be granted desired access',
    4005,
    2,
  ],
  win7036: [5000936, 'The service entered the running state', 8009],
  win7040: [5000938, 'The start type of a service was changed', 8003, 3],
  win7045: [5000940, 'A service was installed in the system', 8003, 4],
  sysmon1: [5001001, 'Process Create', 8008],
  sysmon3: [5001003, 'Network connection detected', 4005, 1],
  sysmon7: [5001007, 'Image loaded', 8008],
  sysmon10: [5001010, 'Process accessed', 8008, 2],
  sysmon11: [5001011, 'File created', 8014],
  sysmon13: [5001013, 'Registry value set', 8012],
  vpnAuthFailed: [5102001, 'OpenVPN: User authentication failed', 3005],
  vpnConnected: [5102002, 'OpenVPN: Peer connection initiated', 3004],
  vpnSession: [5102003, 'OpenVPN: Session information', 8006],
  sshFailed: [5102101, 'SSH: Failed password', 3003],
  sshInvalidUser: [5102102, 'SSH: Invalid user', 3016],
  sshAccepted: [5102103, 'SSH: Accepted publickey', 3002],
  fwAllow: [5103001, 'Firepower: Connection allowed', 4002],
  fwBlock: [5103002, 'Firepower: Connection blocked', 4003],
  fwWouldBlock: [
    5103003,
    'Firepower: Intrusion event would have dropped (STREAM5_BAD_RST)',
    7005,
  ],
  fwUnusualPing: [
    5103004,
    'Firepower: Unusual ICMP echo request dropped',
    7037,
  ],
  fwPortScan: [5103005, 'Firepower: TCP portscan detected', 1008, 5],
  fwSweep: [5103006, 'Firepower: Host sweep detected', 1004, 5],
  dnsQuery: [5104001, 'BIND: Client query', 4005, 1],
  proxyAllowed: [5105001, 'Squid: Request allowed', 4002, 1],
  proxyDenied: [5105002, 'Squid: Request denied', 4003, 4],
  mailDelivered: [5106001, 'Mail gateway: Message delivered', 8006],
  mailUrlClicked: [5106002, 'Mail gateway: Rewritten URL clicked', 8006, 3],
  iisRequest: [5107001, 'IIS: HTTP request', 4005, 1],
  apacheRequest: [5107101, 'Apache: HTTP request', 4005, 1],
  apacheAttack: [
    5107102,
    'Apache: Request matched web attack signature',
    7010,
    6,
  ],
  csAuth: [5108001, 'CrowdStrike Falcon: userAuthenticate', 3012],
  csAuthFailed: [
    5108002,
    'CrowdStrike Falcon: userAuthenticate failed',
    3013,
    4,
  ],
  cs2fa: [5108003, 'CrowdStrike Falcon: twoFactorAuthenticate', 3012],
  adfsTokenIssued: [5109001, 'AD FS: Token issued to relying party', 3011],
  exoMailboxAccess: [5109101, 'Exchange Online: MailItemsAccessed', 8006, 2],
};

// Analytics rules. `kind` is the offense-side rule type (CRE_RULE,
// ADE_RULE, BUILDING_BLOCK_RULE); `type` is what /analytics/rules reports.
export const rules = {
  100201: [
    'VPN: Multiple Authentication Failures From Single Remote Source',
    'EVENT',
    'CRE_RULE',
  ],
  100202: [
    'Authentication: Password Spray From Single Source',
    'EVENT',
    'CRE_RULE',
  ],
  100203: ['Endpoint: LSASS Memory Access or Dump', 'EVENT', 'CRE_RULE'],
  100204: [
    'Endpoint: Remote Execution via WMI or SMB Admin Share',
    'EVENT',
    'CRE_RULE',
  ],
  100205: [
    'Endpoint: Recovery Inhibition and Mass File Rename',
    'EVENT',
    'CRE_RULE',
  ],
  100206: [
    'Network: Periodic Beaconing to Rare External Destination',
    'COMMON',
    'ADE_RULE',
  ],
  100207: [
    'Network: Large Outbound Transfer From Server',
    'COMMON',
    'CRE_RULE',
  ],
  100208: ['Endpoint: File Download via Certutil', 'EVENT', 'CRE_RULE'],
  100209: ['Authentication: Impossible Travel for User', 'EVENT', 'CRE_RULE'],
  100210: ['Recon: Internal Host Port Scan', 'COMMON', 'CRE_RULE'],
  100211: [
    'Endpoint: Remote Service Installed (PsExec-like)',
    'EVENT',
    'CRE_RULE',
  ],
  100212: [
    'Web: User Followed Email Link to Newly Seen External Host',
    'EVENT',
    'CRE_RULE',
  ],
  100213: [
    'Firewall: Excessive Denied Connections From Single Host',
    'EVENT',
    'CRE_RULE',
  ],
  100214: ['Identity: Member Added to Privileged Group', 'EVENT', 'CRE_RULE'],
  100215: ['DNS: Possible DNS Tunnelling', 'EVENT', 'CRE_RULE'],
  100216: [
    'Identity: Directory Replication Requested by Non-DC',
    'EVENT',
    'CRE_RULE',
  ],
  100217: ['Web: Web Server Process Spawned Shell', 'EVENT', 'CRE_RULE'],
  100218: ['Endpoint: Service Binary Path Modified', 'EVENT', 'CRE_RULE'],
  100219: ['Endpoint: SAM or SYSTEM Hive Copied', 'EVENT', 'CRE_RULE'],
  100220: ['Endpoint: Hidden Local Account Created', 'EVENT', 'CRE_RULE'],
  100221: ['Linux: SSH Brute Force From Single Source', 'EVENT', 'CRE_RULE'],
  100222: [
    'Web: Exploit Attempts Against Web Application',
    'EVENT',
    'CRE_RULE',
  ],
  100223: [
    'Endpoint: Office Application Spawned Encoded PowerShell',
    'EVENT',
    'CRE_RULE',
  ],
  100224: [
    'Authentication: Excessive Failures for Single Username',
    'EVENT',
    'CRE_RULE',
  ],
  100301: [
    'BB:CategoryDefinition: Authentication Failures',
    'EVENT',
    'BUILDING_BLOCK_RULE',
  ],
  100302: [
    'BB:HostDefinition: Windows Domain Controllers',
    'EVENT',
    'BUILDING_BLOCK_RULE',
  ],
  100303: [
    'BB:CategoryDefinition: Firewall or ACL Denies',
    'EVENT',
    'BUILDING_BLOCK_RULE',
  ],
  100304: [
    'BB:BehaviorDefinition: Suspicious Process Command Line',
    'EVENT',
    'BUILDING_BLOCK_RULE',
  ],
};

// Log source types. Ids 11, 12 and 18 match recorded console responses; the
// others are invented but fixed.
export const logSourceTypes = {
  windows: [12, 'Microsoft Windows Security Event Log'],
  linux: [11, 'Linux OS'],
  eventcre: [18, 'EventCRE'],
  firepower: [303, 'Cisco FirePower Management Center'],
  bind: [185, 'ISC BIND'],
  squid: [190, 'Squid Web Proxy'],
  mailgw: [4001, 'Universal DSM'],
  iis: [13, 'Microsoft IIS'],
  apache: [10, 'Apache HTTP Server'],
  crowdstrike: [418, 'CrowdStrike Falcon'],
  office365: [397, 'Microsoft Office 365'],
};

/** The rule engine's own log source, listed on every offense. */
export const eventCreLogSource = {
  id: 63,
  name: 'Custom Rule Engine-8 :: qradar01',
  type: 'eventcre',
};

const workstation = {
  role: 'workstation',
  os: ['Microsoft', 'Windows 11 Enterprise', '23H2'],
  weight: 2,
  cdp: 'Low',
  cr: 'Low',
  ir: 'Low',
  ar: 'Low',
  logType: 'windows',
};
const windowsServer = {
  role: 'server',
  os: ['Microsoft', 'Windows Server 2022 Datacenter', '21H2'],
  logType: 'windows',
};
const linuxServer = {
  role: 'server',
  os: ['Canonical', 'Ubuntu Server', '22.04 LTS'],
  logType: 'linux',
};

function host(name, ip, logSourceId, base, fields) {
  return { name, ip, logSourceId, ...base, ...fields };
}

function desk(name, ip, logSourceId, user, fullName, department, floor) {
  return host(name, ip, logSourceId, workstation, {
    users: [user],
    description: `${department} workstation of ${fullName}`,
    businessOwner: `${department} (${fullName})`,
    technicalOwner: 'Desktop Support',
    location: `Frankfurt HQ, floor ${floor}`,
  });
}

const infra = 'IT Infrastructure';
const dcRack = 'Frankfurt DC1, rack B4';

/** Every host that appears in a case, keyed by short host name. */
export const hosts = Object.fromEntries(
  [
    host(
      'fw01',
      '10.0.0.1',
      120,
      {
        role: 'server',
        os: ['Cisco', 'Firepower Threat Defense', '7.2'],
        logType: 'firepower',
      },
      {
        weight: 10,
        cdp: 'High',
        cr: 'High',
        ir: 'High',
        ar: 'High',
        description: 'Perimeter firewall',
        businessOwner: infra,
        technicalOwner: 'Network Operations',
        location: dcRack,
      },
    ),
    host('vpn01', '10.0.1.10', 121, linuxServer, {
      weight: 8,
      cdp: 'Medium-High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'OpenVPN remote access gateway',
      businessOwner: infra,
      technicalOwner: 'Network Operations',
      location: dcRack,
    }),
    host('adfs01', '10.0.1.20', 122, windowsServer, {
      fqdn: 'sts.corp.example',
      weight: 8,
      cdp: 'Medium-High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'AD FS federation server (sts.corp.example)',
      businessOwner: infra,
      technicalOwner: 'Identity Team',
      location: dcRack,
    }),
    host('bastion01', '10.0.1.30', 123, linuxServer, {
      weight: 6,
      cdp: 'Low-Medium',
      cr: 'Medium',
      ir: 'Medium',
      ar: 'Medium',
      description: 'SSH bastion for partner access',
      businessOwner: infra,
      technicalOwner: 'Linux Operations',
      location: dcRack,
    }),
    host(
      'mx01',
      '10.0.1.40',
      124,
      { ...linuxServer, logType: 'mailgw' },
      {
        weight: 7,
        cdp: 'Medium-High',
        cr: 'High',
        ir: 'Medium',
        ar: 'High',
        description: 'Inbound mail gateway',
        businessOwner: infra,
        technicalOwner: 'Messaging Team',
        location: dcRack,
      },
    ),
    host(
      'proxy01',
      '10.0.1.50',
      125,
      { ...linuxServer, logType: 'squid' },
      {
        weight: 9,
        cdp: 'High',
        cr: 'Medium',
        ir: 'High',
        ar: 'High',
        description: 'Outbound web proxy (core network)',
        businessOwner: infra,
        technicalOwner: 'Network Operations',
        location: dcRack,
      },
    ),
    host('qradar01', '10.0.5.10', null, linuxServer, {
      weight: 10,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'QRadar console',
      businessOwner: 'Security Operations',
      technicalOwner: 'SOC Engineering',
      location: dcRack,
    }),
    host('qradar-ec01', '10.0.5.11', null, linuxServer, {
      weight: 9,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'QRadar event collector',
      businessOwner: 'Security Operations',
      technicalOwner: 'SOC Engineering',
      location: dcRack,
    }),
    host('dc01', '10.0.5.20', 126, windowsServer, {
      weight: 10,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'Domain controller, PDC emulator',
      businessOwner: infra,
      technicalOwner: 'Identity Team',
      location: dcRack,
      users: ['administrator'],
    }),
    host('dc02', '10.0.5.21', 127, windowsServer, {
      weight: 10,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'Domain controller',
      businessOwner: infra,
      technicalOwner: 'Identity Team',
      location: dcRack,
    }),
    host(
      'dns01',
      '10.0.5.53',
      128,
      { ...linuxServer, logType: 'bind' },
      {
        weight: 10,
        cdp: 'High',
        cr: 'Medium',
        ir: 'High',
        ar: 'High',
        description: 'Internal recursive DNS resolver',
        businessOwner: infra,
        technicalOwner: 'Network Operations',
        location: dcRack,
      },
    ),
    host('jump01', '10.0.8.10', 129, windowsServer, {
      weight: 6,
      cdp: 'Low-Medium',
      cr: 'Medium',
      ir: 'Medium',
      ar: 'Medium',
      description: 'Administration jump host for IT operations',
      businessOwner: infra,
      technicalOwner: 'Windows Operations',
      location: dcRack,
    }),
    host('vulnscan01', '10.0.9.15', 130, linuxServer, {
      weight: 5,
      cdp: 'Low-Medium',
      cr: 'Medium',
      ir: 'Medium',
      ar: 'Low',
      description: 'Vulnerability scanner (weekly authenticated scans)',
      businessOwner: 'Security Operations',
      technicalOwner: 'Vulnerability Management',
      location: dcRack,
    }),
    host('fs01', '10.0.10.15', 131, windowsServer, {
      weight: 9,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'Departmental file server (Finance, HR, Sales shares)',
      businessOwner: 'Finance (Helena Kraus)',
      technicalOwner: 'Windows Operations',
      location: dcRack,
    }),
    host('db01', '10.0.11.20', 132, windowsServer, {
      weight: 9,
      cdp: 'High',
      cr: 'High',
      ir: 'High',
      ar: 'High',
      description: 'SQL Server for payroll and ERP databases',
      businessOwner: 'Finance (Helena Kraus)',
      technicalOwner: 'Database Operations',
      location: dcRack,
    }),
    host(
      'web01',
      '10.0.12.30',
      133,
      { ...windowsServer, logType: 'iis' },
      {
        weight: 6,
        cdp: 'Medium-High',
        cr: 'Medium',
        ir: 'Medium',
        ar: 'Medium',
        description: 'Public IIS web server (careers site)',
        businessOwner: 'Human Resources',
        technicalOwner: 'Web Operations',
        location: 'Frankfurt DC1, DMZ rack C1',
      },
    ),
    host(
      'portal01',
      '10.0.12.31',
      134,
      { ...linuxServer, logType: 'apache' },
      {
        weight: 6,
        cdp: 'Medium-High',
        cr: 'Medium',
        ir: 'Medium',
        ar: 'Medium',
        description: 'Customer portal (Apache httpd)',
        businessOwner: 'Customer Service',
        technicalOwner: 'Web Operations',
        location: 'Frankfurt DC1, DMZ rack C1',
      },
    ),
    ...[1, 2, 3, 4, 5, 6].map((index) =>
      host(`app0${index}`, `10.0.13.2${index}`, 135 + index, windowsServer, {
        weight: 5,
        cdp: 'Low-Medium',
        cr: 'Medium',
        ir: 'Medium',
        ar: 'Medium',
        description: `ERP application server ${index}`,
        businessOwner: 'Finance (Helena Kraus)',
        technicalOwner: 'Windows Operations',
        location: dcRack,
      }),
    ),
    desk(
      'ws-fin-031',
      '10.0.20.31',
      150,
      'pokafor',
      'Peter Okafor',
      'Finance',
      3,
    ),
    desk(
      'ws-fin-036',
      '10.0.20.36',
      151,
      'eandersson',
      'Erik Andersson',
      'Finance',
      3,
    ),
    desk(
      'ws-fin-038',
      '10.0.20.38',
      152,
      'scarter',
      'Sofia Carter',
      'Finance',
      3,
    ),
    desk(
      'ws-fin-039',
      '10.0.20.39',
      175,
      'mtanaka',
      'Mei Tanaka',
      'Finance',
      3,
    ),
    desk('ws-fin-040', '10.0.20.40', 176, 'dkaur', 'Divya Kaur', 'Finance', 3),
    desk(
      'ws-eng-044',
      '10.0.20.44',
      153,
      'hsato',
      'Hana Sato',
      'Engineering',
      4,
    ),
    desk(
      'ws-eng-048',
      '10.0.20.48',
      154,
      'vpatel',
      'Vikram Patel',
      'Engineering',
      4,
    ),
    desk(
      'ws-eng-051',
      '10.0.20.51',
      155,
      'mrossi',
      'Marco Rossi',
      'Engineering',
      4,
    ),
    desk(
      'ws-eng-055',
      '10.0.20.55',
      156,
      'bhall',
      'Ben Hall',
      'Engineering',
      4,
    ),
    desk(
      'ws-mkt-057',
      '10.0.20.57',
      157,
      'asilva',
      'Ana Silva',
      'Marketing',
      2,
    ),
    desk(
      'ws-mkt-058',
      '10.0.20.58',
      158,
      'cdubois',
      'Claire Dubois',
      'Marketing',
      2,
    ),
    desk(
      'ws-hr-063',
      '10.0.20.63',
      159,
      'rdiaz',
      'Rosa Diaz',
      'Human Resources',
      5,
    ),
    desk(
      'ws-hr-064',
      '10.0.20.64',
      160,
      'jmoreau',
      'Julien Moreau',
      'Human Resources',
      5,
    ),
    desk(
      'ws-hr-066',
      '10.0.20.66',
      161,
      'yito',
      'Yuki Ito',
      'Human Resources',
      5,
    ),
    desk('ws-sal-072', '10.0.20.72', 162, 'tcohen', 'Tom Cohen', 'Sales', 2),
    desk(
      'ws-sal-077',
      '10.0.20.77',
      163,
      'fkarimi',
      'Farah Karimi',
      'Sales',
      2,
    ),
    desk(
      'ws-ops-088',
      '10.0.20.88',
      164,
      'gobrien',
      "Grace O'Brien",
      'Operations',
      1,
    ),
    desk('ws-ops-089', '10.0.20.89', 165, 'wlee', 'Wei Lee', 'Operations', 1),
    desk(
      'ws-ops-090',
      '10.0.20.90',
      166,
      'nfischer',
      'Nina Fischer',
      'Operations',
      1,
    ),
    desk(
      'ws-it-095',
      '10.0.20.95',
      167,
      'jkowalski',
      'Jan Kowalski',
      'IT Operations',
      1,
    ),
    desk(
      'ws-it-096',
      '10.0.20.96',
      177,
      'rmeyer',
      'Ruth Meyer',
      'IT Operations',
      1,
    ),
    desk(
      'ws-ops-104',
      '10.0.20.104',
      168,
      'kbrandt',
      'Karl Brandt',
      'Operations',
      1,
    ),
    desk(
      'ws-dev-130',
      '10.0.20.130',
      169,
      'nmensah',
      'Nana Mensah',
      'Software Development',
      4,
    ),
    desk(
      'ws-dev-133',
      '10.0.20.133',
      170,
      'omurphy',
      'Orla Murphy',
      'Software Development',
      4,
    ),
    desk(
      'ws-mkt-140',
      '10.0.20.140',
      171,
      'ivolkova',
      'Irina Volkova',
      'Marketing',
      2,
    ),
    desk(
      'ws-mkt-141',
      '10.0.20.141',
      172,
      'pjensen',
      'Paul Jensen',
      'Marketing',
      2,
    ),
    desk(
      'ws-mkt-142',
      '10.0.20.142',
      173,
      'lgarcia',
      'Lucia Garcia',
      'Marketing',
      2,
    ),
    desk(
      'ws-mkt-143',
      '10.0.20.143',
      174,
      'dkim',
      'Daniel Kim',
      'Marketing',
      2,
    ),
  ].map((entry) => [entry.name, entry]),
);

/** Log sources that are not hosts of the company network. */
export const externalLogSources = {
  crowdstrike: {
    id: 190,
    name: 'CrowdStrike Falcon @ falcon.crowdstrike.example',
    type: 'crowdstrike',
  },
  exchange: {
    id: 191,
    name: 'Office 365 @ corp.example tenant',
    type: 'office365',
  },
};

/** Returns the host whose IP is `ip`, or undefined for external addresses. */
export function hostByIp(ip) {
  return Object.values(hosts).find((entry) => entry.ip === ip);
}

/** Fully qualified DNS name of a host. */
export function fqdn(entry) {
  return entry.fqdn ?? `${entry.name}.${DNS_DOMAIN}`;
}

// Country labels for external addresses, in QRadar's "Continent.Country"
// form. Documentation ranges have no real location; these are fiction.
export const geography = {
  '192.0.2.10': 'Europe.Ireland',
  '192.0.2.20': 'Europe.United Kingdom',
  '192.0.2.44': 'Europe.Germany',
  '192.0.2.61': 'Europe.Germany',
  '192.0.2.73': 'Europe.Austria',
  '192.0.2.88': 'Europe.Germany',
  '192.0.2.131': 'Europe.Netherlands',
  '198.51.100.10': 'Europe.Germany',
  '198.51.100.23': 'Europe.Lithuania',
  '198.51.100.61': 'South America.Brazil',
  '198.51.100.77': 'Europe.Germany',
  '198.51.100.90': 'North America.United States',
  '198.51.100.140': 'Europe.Ireland',
  '198.51.100.180': 'Europe.Ireland',
  '198.51.100.200': 'Europe.Germany',
  '198.51.100.210': 'Europe.Netherlands',
  '203.0.113.9': 'Asia.Vietnam',
  '203.0.113.45': 'Europe.Moldova',
  '203.0.113.66': 'North America.Canada',
  '203.0.113.80': 'Asia.Hong Kong',
  '203.0.113.85': 'Europe.Bulgaria',
  '203.0.113.99': 'Europe.Ukraine',
  '203.0.113.120': 'South America.Chile',
  '203.0.113.130': 'Asia.Indonesia',
  '203.0.113.140': 'Africa.Nigeria',
  '203.0.113.150': 'Europe.Latvia',
  '203.0.113.201': 'Asia.Singapore',
  '203.0.113.202': 'Asia.Singapore',
};

/** Public egress address of the Frankfurt office (source NAT for all staff). */
export const OFFICE_EGRESS_IP = '198.51.100.10';

// Reference sets of the shipped role names. Every case carries all of them,
// because `eval` loads each case alone; `sim` merges them by name.
export const referenceSets = {
  'Protected Assets': {
    element_type: 'IP',
    elements: [
      '10.0.0.1',
      '10.0.1.50',
      '10.0.5.10',
      '10.0.5.11',
      '10.0.5.20',
      '10.0.5.21',
      '10.0.5.53',
    ],
  },
  'Protected Hostnames': {
    element_type: 'ALNIC',
    elements: [
      'fw01',
      'proxy01',
      'qradar01',
      'qradar-ec01',
      'dc01',
      'dc02',
      'dns01',
      'dc01.corp.example',
      'dc02.corp.example',
      'dns01.corp.example',
      'qradar01.corp.example',
    ],
  },
  'Critical Assets': {
    element_type: 'IP',
    elements: ['10.0.1.10', '10.0.1.20', '10.0.10.15', '10.0.11.20'],
  },
  'Authorized Scanners': { element_type: 'IP', elements: ['10.0.9.15'] },
  'Approved Destinations': {
    element_type: 'IP',
    elements: ['198.51.100.200', '198.51.100.210'],
  },
  'Privileged Accounts': {
    element_type: 'ALNIC',
    elements: [
      'administrator',
      'bg-admin',
      'adm-jkowalski',
      'adm-rmeyer',
      'svc-backup',
      'krbtgt',
    ],
  },
};

/** Accounts that the PLAYBOOK says never to disable on the strength of an offense. */
export const privilegedAccounts = referenceSets['Privileged Accounts'].elements;

/** The protected infrastructure addresses. */
export const protectedIps = referenceSets['Protected Assets'].elements;
