// Event-type tables that QRadar keeps: low-level categories, QIDs, analytics
// rules and log source types, shared by every case.

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
  modsecTraversal: [5107102, 'ModSecurity: Path traversal attack', 7010, 6],
  modsecSqli: [5107103, 'ModSecurity: SQL injection attack', 7010, 6],
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

// Log source types. Ids 12 (Windows) and 18 (EventCRE) match recorded console
// responses; the others are invented but fixed.
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
