// The fictional company behind every bundled case: its domain, clock,
// external addresses and reference sets. All bundled cases load into one
// simulator, so each of these facts must read the same in every case file.
// Hosts live in hosts.mjs; QIDs, categories and rules in catalog.mjs.

/** DNS domain of the fictional company. */
export const DNS_DOMAIN = 'corp.example';

/** NetBIOS domain of the fictional company. */
export const NETBIOS_DOMAIN = 'CORP';

/** Fixed clock of the recordings (2026-11-20 12:00 UTC); the simulator rebases it. */
export const BASE_MS = Date.UTC(2026, 10, 20, 12, 0, 0);

/** When the asset profiler first saw the fleet, about 200 days before BASE_MS. */
export const FLEET_FIRST_SEEN_MS = BASE_MS - 200 * 24 * 3600 * 1000;

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

/** Privileged accounts, which no offense alone is reason enough to disable. */
export const privilegedAccounts = referenceSets['Privileged Accounts'].elements;

/** The protected infrastructure addresses. */
export const protectedIps = referenceSets['Protected Assets'].elements;
