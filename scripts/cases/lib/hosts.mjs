// Hosts of the fictional company, written as two tables so that the whole
// network reads at a glance. Each host becomes an asset when a case lists it.

import { DNS_DOMAIN } from './world.mjs';

// Business value as QRadar models it: Weight (0 to 10) and the CVSS
// environmental properties (collateral damage potential, then the
// confidentiality, integrity and availability requirements).
const valueProfiles = {
  infrastructure: [10, 'High', 'High', 'High', 'High'],
  core: [9, 'High', 'High', 'High', 'High'],
  critical: [9, 'High', 'High', 'High', 'High'],
  important: [8, 'Medium-High', 'High', 'High', 'High'],
  exposed: [6, 'Medium-High', 'Medium', 'Medium', 'Medium'],
  standard: [6, 'Low-Medium', 'Medium', 'Medium', 'Medium'],
  business: [5, 'Low-Medium', 'Medium', 'Medium', 'Medium'],
  workstation: [2, 'Low', 'Low', 'Low', 'Low'],
};

const operatingSystems = {
  windows: ['Microsoft', 'Windows Server 2022 Datacenter', '21H2'],
  ubuntu: ['Canonical', 'Ubuntu Server', '22.04 LTS'],
  ftd: ['Cisco', 'Firepower Threat Defense', '7.2'],
  desktop: ['Microsoft', 'Windows 11 Enterprise', '23H2'],
};

const locations = {
  dc: 'Frankfurt DC1, rack B4',
  dmz: 'Frankfurt DC1, DMZ rack C1',
};

// name | IP | log source id (- for none) | log type | OS | value profile |
// business owner | technical owner | location | description | usual users
const serverTable = `
fw01        | 10.0.0.1   | 120 | firepower | ftd     | infrastructure | IT Infrastructure     | Network Operations       | dc  | Perimeter firewall |
vpn01       | 10.0.1.10  | 121 | linux     | ubuntu  | important      | IT Infrastructure     | Network Operations       | dc  | OpenVPN remote access gateway |
adfs01      | 10.0.1.20  | 122 | windows   | windows | important      | IT Infrastructure     | Identity Team            | dc  | AD FS federation server (sts.corp.example) |
bastion01   | 10.0.1.30  | 123 | linux     | ubuntu  | standard       | IT Infrastructure     | Linux Operations         | dc  | SSH bastion for partner access |
mx01        | 10.0.1.40  | 124 | mailgw    | ubuntu  | exposed        | IT Infrastructure     | Messaging Team           | dc  | Inbound mail gateway |
proxy01     | 10.0.1.50  | 125 | squid     | ubuntu  | core           | IT Infrastructure     | Network Operations       | dc  | Outbound web proxy (core network) |
qradar01    | 10.0.5.10  | -   | linux     | ubuntu  | infrastructure | Security Operations   | SOC Engineering          | dc  | QRadar console |
qradar-ec01 | 10.0.5.11  | -   | linux     | ubuntu  | core           | Security Operations   | SOC Engineering          | dc  | QRadar event collector |
dc01        | 10.0.5.20  | 126 | windows   | windows | infrastructure | IT Infrastructure     | Identity Team            | dc  | Domain controller, PDC emulator | administrator
dc02        | 10.0.5.21  | 127 | windows   | windows | infrastructure | IT Infrastructure     | Identity Team            | dc  | Domain controller |
dns01       | 10.0.5.53  | 128 | bind      | ubuntu  | infrastructure | IT Infrastructure     | Network Operations       | dc  | Internal recursive DNS resolver |
jump01      | 10.0.8.10  | 129 | windows   | windows | standard       | IT Infrastructure     | Windows Operations       | dc  | Administration jump host for IT operations |
vulnscan01  | 10.0.9.15  | 130 | linux     | ubuntu  | business       | Security Operations   | Vulnerability Management | dc  | Vulnerability scanner (weekly authenticated scans) |
fs01        | 10.0.10.15 | 131 | windows   | windows | critical       | Finance (Helena Kraus) | Windows Operations      | dc  | Departmental file server (Finance, HR, Sales shares) |
db01        | 10.0.11.20 | 132 | windows   | windows | critical       | Finance (Helena Kraus) | Database Operations     | dc  | SQL Server for payroll and ERP databases |
web01       | 10.0.12.30 | 133 | iis       | windows | exposed        | Human Resources       | Web Operations           | dmz | Public IIS web server (careers site) |
portal01    | 10.0.12.31 | 134 | apache    | ubuntu  | exposed        | Customer Service      | Web Operations           | dmz | Customer portal (Apache httpd) |
app01       | 10.0.13.21 | 136 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 1 |
app02       | 10.0.13.22 | 137 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 2 |
app03       | 10.0.13.23 | 138 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 3 |
app04       | 10.0.13.24 | 139 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 4 |
app05       | 10.0.13.25 | 140 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 5 |
app06       | 10.0.13.26 | 141 | windows   | windows | business       | Finance (Helena Kraus) | Windows Operations      | dc  | ERP application server 6 |
`;

// name | IP | log source id | user | full name | department | floor
const workstationTable = `
ws-fin-031 | 10.0.20.31  | 150 | pokafor    | Peter Okafor   | Finance              | 3
ws-fin-036 | 10.0.20.36  | 151 | eandersson | Erik Andersson | Finance              | 3
ws-fin-038 | 10.0.20.38  | 152 | scarter    | Sofia Carter   | Finance              | 3
ws-fin-039 | 10.0.20.39  | 175 | mtanaka    | Mei Tanaka     | Finance              | 3
ws-fin-040 | 10.0.20.40  | 176 | dkaur      | Divya Kaur     | Finance              | 3
ws-eng-044 | 10.0.20.44  | 153 | hsato      | Hana Sato      | Engineering          | 4
ws-eng-048 | 10.0.20.48  | 154 | vpatel     | Vikram Patel   | Engineering          | 4
ws-eng-051 | 10.0.20.51  | 155 | mrossi     | Marco Rossi    | Engineering          | 4
ws-eng-055 | 10.0.20.55  | 156 | bhall      | Ben Hall       | Engineering          | 4
ws-mkt-057 | 10.0.20.57  | 157 | asilva     | Ana Silva      | Marketing            | 2
ws-mkt-058 | 10.0.20.58  | 158 | cdubois    | Claire Dubois  | Marketing            | 2
ws-hr-063  | 10.0.20.63  | 159 | rdiaz      | Rosa Diaz      | Human Resources      | 5
ws-hr-064  | 10.0.20.64  | 160 | jmoreau    | Julien Moreau  | Human Resources      | 5
ws-hr-066  | 10.0.20.66  | 161 | yito       | Yuki Ito       | Human Resources      | 5
ws-sal-072 | 10.0.20.72  | 162 | tcohen     | Tom Cohen      | Sales                | 2
ws-sal-077 | 10.0.20.77  | 163 | fkarimi    | Farah Karimi   | Sales                | 2
ws-ops-088 | 10.0.20.88  | 164 | gobrien    | Grace O'Brien  | Operations           | 1
ws-ops-089 | 10.0.20.89  | 165 | wlee       | Wei Lee        | Operations           | 1
ws-ops-090 | 10.0.20.90  | 166 | nfischer   | Nina Fischer   | Operations           | 1
ws-it-095  | 10.0.20.95  | 167 | jkowalski  | Jan Kowalski   | IT Operations        | 1
ws-it-096  | 10.0.20.96  | 177 | rmeyer     | Ruth Meyer     | IT Operations        | 1
ws-ops-104 | 10.0.20.104 | 168 | kbrandt    | Karl Brandt    | Operations           | 1
ws-dev-130 | 10.0.20.130 | 169 | nmensah    | Nana Mensah    | Software Development | 4
ws-dev-133 | 10.0.20.133 | 170 | omurphy    | Orla Murphy    | Software Development | 4
ws-mkt-140 | 10.0.20.140 | 171 | ivolkova   | Irina Volkova  | Marketing            | 2
ws-mkt-141 | 10.0.20.141 | 172 | pjensen    | Paul Jensen    | Marketing            | 2
ws-mkt-142 | 10.0.20.142 | 173 | lgarcia    | Lucia Garcia   | Marketing            | 2
ws-mkt-143 | 10.0.20.143 | 174 | dkim       | Daniel Kim     | Marketing            | 2
`;

function rows(table) {
  return table
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

function withValue(profile) {
  const [weight, cdp, cr, ir, ar] = valueProfiles[profile];
  return { weight, cdp, cr, ir, ar };
}

const servers = rows(serverTable).map(
  ([
    name,
    ip,
    logSourceId,
    logType,
    os,
    profile,
    businessOwner,
    technicalOwner,
    location,
    description,
    users,
  ]) => ({
    name,
    ip,
    logSourceId: logSourceId === '-' ? null : Number(logSourceId),
    logType,
    role: 'server',
    os: operatingSystems[os],
    ...withValue(profile),
    businessOwner,
    technicalOwner,
    location: locations[location],
    description,
    users: users ? users.split(',') : [],
    ...(name === 'adfs01' ? { fqdn: `sts.${DNS_DOMAIN}` } : {}),
  }),
);

const workstations = rows(workstationTable).map(
  ([name, ip, logSourceId, user, fullName, department, floor]) => ({
    name,
    ip,
    logSourceId: Number(logSourceId),
    logType: 'windows',
    role: 'workstation',
    os: operatingSystems.desktop,
    ...withValue('workstation'),
    businessOwner: `${department} (${fullName})`,
    technicalOwner: 'Desktop Support',
    location: `Frankfurt HQ, floor ${floor}`,
    description: `${department} workstation of ${fullName}`,
    users: [user],
  }),
);

/** Every host that appears in a case, keyed by short host name. */
export const hosts = Object.fromEntries(
  [...servers, ...workstations].map((entry) => [entry.name, entry]),
);

/** Returns the fully qualified DNS name of a host. */
export function fqdn(entry) {
  return entry.fqdn ?? `${entry.name}.${DNS_DOMAIN}`;
}
