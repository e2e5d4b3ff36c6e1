// QRadar asset objects for the hosts of a case. QRadar has no criticality
// field: business value is carried by Weight (0 to 10) and the four CVSS
// environmental properties, plus owner and location properties.

import { fqdn, hosts } from './hosts.mjs';
import { FLEET_FIRST_SEEN_MS } from './world.mjs';

// Property type ids: 1001 and 1002 are QRadar's own; the others are
// invented but fixed across cases.
const propertyTypeIds = {
  'Given Name': 1001,
  'Unified Name': 1002,
  Description: 1004,
  Location: 1005,
  'Business Owner': 1006,
  'Technical Owner': 1008,
  Weight: 1010,
  'CVSS Collateral Damage Potential': 1011,
  'CVSS Confidentiality Requirement': 1012,
  'CVSS Integrity Requirement': 1013,
  'CVSS Availability Requirement': 1014,
};

function macFor(ip) {
  const octets = ip.split('.').map(Number);
  const hex = (value) => value.toString(16).padStart(2, '0').toUpperCase();
  return `00:50:56:${hex(octets[1])}:${hex(octets[2])}:${hex(octets[3])}`;
}

/**
 * Builds the asset object of a host. `overrides` replaces property values by
 * name (used to plant attacker-controlled text in an asset field).
 */
export function buildAsset(hostName, assetId, lastSeenMs, overrides = {}) {
  const host = hosts[hostName];
  if (host === undefined) throw new Error(`Unknown host ${hostName}`);
  const created = FLEET_FIRST_SEEN_MS + (assetId % 97) * 3_600_000;
  const seen = {
    first_seen_scanner: null,
    first_seen_profiler: created,
    last_seen_scanner: null,
    last_seen_profiler: lastSeenMs,
  };
  const values = {
    'Given Name': host.name,
    'Unified Name': host.name,
    Description: host.description,
    Location: host.location,
    'Business Owner': host.businessOwner,
    'Technical Owner': host.technicalOwner,
    Weight: String(host.weight),
    'CVSS Collateral Damage Potential': host.cdp,
    'CVSS Confidentiality Requirement': host.cr,
    'CVSS Integrity Requirement': host.ir,
    'CVSS Availability Requirement': host.ar,
    ...overrides,
  };
  const properties = Object.entries(values).map(([name, value], index) => ({
    id: assetId * 100 + index + 1,
    type_id: propertyTypeIds[name],
    name,
    value,
    last_reported: lastSeenMs - 6 * 3_600_000,
    last_reported_by:
      name === 'Weight' ||
      name.startsWith('CVSS') ||
      name.endsWith('Owner') ||
      name === 'Location'
        ? 'USER:asset-admin'
        : 'IDENTITY:112',
  }));
  const [vendor, product, version] = host.os;
  const vulnerabilityCount =
    host.role === 'workstation' ? 3 + (assetId % 5) : 7 + (assetId % 11);
  return {
    id: assetId,
    domain_id: 0,
    vulnerability_count: vulnerabilityCount,
    risk_score_sum: Math.round(vulnerabilityCount * 5.3 * 10) / 10,
    hostnames: [
      { id: assetId * 10 + 1, name: fqdn(host), type: 'DNS', created, ...seen },
      {
        id: assetId * 10 + 2,
        name: host.name.toUpperCase(),
        type: 'NETBIOS',
        created,
        ...seen,
      },
    ],
    interfaces: [
      {
        id: assetId * 10 + 3,
        mac_address: macFor(host.ip),
        created,
        ...seen,
        ip_addresses: [
          {
            id: assetId * 10 + 4,
            network_id: 1,
            value: host.ip,
            type: 'IPV4',
            created,
            ...seen,
          },
        ],
      },
    ],
    products: [
      {
        id: assetId * 10 + 5,
        product_variant_id: 0,
        vendor,
        name: product,
        version,
        last_scanned_for: null,
        first_seen_scanner: null,
        first_seen_profiler: created,
        last_seen_scanner: null,
        last_seen_profiler: lastSeenMs,
      },
    ],
    properties,
    users: (host.users ?? []).map((username, index) => ({
      id: assetId * 10 + 6 + index,
      username,
      first_seen_scanner: null,
      last_seen_scanner: null,
      first_seen_profiler: created,
      last_seen_profiler: lastSeenMs,
    })),
  };
}
