import { describe, expect, it } from 'vitest';

import {
  canonicalizeHost,
  canonicalizeIp,
  canonicalizeUser,
  describeRoleSource,
  loadPolicy,
  offenseTarget,
  parseNetwork,
  resolveRoles,
  rolesForSetName,
  type CanonicalTarget,
  type Policy,
} from '../../src/policy/index.js';
import {
  FakeReferenceData,
  shippedSets,
} from './support/fake-reference-data.js';

const policy = loadPolicy();

async function rolesOf(
  target: CanonicalTarget,
  reader = new FakeReferenceData(shippedSets()),
  usedPolicy: Policy = policy,
) {
  const matches = await resolveRoles(target, {
    referenceData: reader,
    policy: usedPolicy,
  });
  return matches.map(
    (match) => `${match.role} <- ${describeRoleSource(match.source)}`,
  );
}

describe('rolesForSetName', () => {
  it.each([
    ['Protected Assets', ['protected']],
    ['Protected Hostnames', ['protected']],
    ['Critical Assets', ['critical']],
    ['CriticalAssets', ['critical']],
    ['Privileged Accounts', ['privileged_account']],
    ['Authorized Scanners', ['allow_source']],
    ['Approved Destinations', ['approved_destination']],
    ['Trusted Partners', ['allow_source']],
    ['Pentest Sources', ['allow_source']],
    ['IP Allowlist', ['allow_source']],
    ['Vulnerability Scanner IPs', ['allow_source']],
    ['Protected Critical Servers', ['protected', 'critical']],
    ['Untrusted Hosts', []],
    ['Non-Critical Servers', []],
    ['Not Protected', []],
    ['Unapproved Destinations', []],
    ['QRadar-MCP Blocked IPs', []],
  ])('maps %j to %j', (name, roles) => {
    expect(rolesForSetName(name)).toEqual(roles);
  });
});

describe('resolveRoles', () => {
  it.each([
    ['10.0.5.20', ['protected <- reference set Protected Assets']],
    ['198.51.100.23', ['allow_source <- reference set Authorized Scanners']],
    [
      '203.0.113.80',
      ['approved_destination <- reference set Approved Destinations'],
    ],
    [
      '192.0.2.5',
      ['allow_source <- reference set Pentest Sources (by its name)'],
    ],
    ['192.0.2.200', []],
    ['203.0.113.7', []],
    ['10.0.9.9', ['critical <- reference set Critical Assets']],
  ])('resolves address %s', async (ip, expected) => {
    expect(await rolesOf(canonicalizeIp(ip))).toEqual(expected);
  });

  it('matches a host by its asset name', async () => {
    const target = await canonicalizeHost('10.0.1.10', {
      resolver: {
        findAsset: () =>
          Promise.resolve({
            id: 3,
            ipAddresses: ['10.0.1.10'],
            hostnames: ['dc01.corp.example'],
            properties: {},
          }),
      },
    });
    expect(await rolesOf(target)).toEqual([
      'protected <- reference set Protected Hostnames',
    ]);
  });

  it('matches a short host name to a qualified element', async () => {
    const target = await canonicalizeHost('DC01');
    expect(await rolesOf(target)).toEqual([
      'protected <- reference set Protected Hostnames',
    ]);
  });

  it.each([
    [
      'CORP\\Administrator',
      ['privileged_account <- reference set Privileged Accounts'],
    ],
    [
      'administrator@corp.example',
      ['privileged_account <- reference set Privileged Accounts'],
    ],
    [
      'svc_backup@CORP',
      ['privileged_account <- reference set Privileged Accounts'],
    ],
    ['jdoe', []],
  ])('resolves account %j', async (input, expected) => {
    expect(await rolesOf(canonicalizeUser(input))).toEqual(expected);
  });

  it('applies role networks', async () => {
    const withNetwork: Policy = {
      ...policy,
      roles: {
        ...policy.roles,
        protected: {
          referenceSets: policy.roles.protected.referenceSets,
          networks: [parseNetwork('10.0.0.0/24')],
        },
      },
    };
    const roles = await rolesOf(
      canonicalizeIp('10.0.0.5'),
      new FakeReferenceData(shippedSets()),
      withNetwork,
    );
    expect(roles).toEqual(['protected <- network 10.0.0.0/24']);
  });

  it('ignores name keywords when turned off', async () => {
    const roles = await rolesOf(
      canonicalizeIp('192.0.2.5'),
      new FakeReferenceData(shippedSets()),
      { ...policy, roleNameDefaults: false },
    );
    expect(roles).toEqual([]);
  });

  it('reads nothing for an offense target', async () => {
    const reader = new FakeReferenceData(shippedSets());
    expect(await rolesOf(offenseTarget(42), reader)).toEqual([]);
    expect(reader.listCalls).toBe(0);
  });

  it('reads QRadar on every call', async () => {
    const reader = new FakeReferenceData(shippedSets());
    const target = canonicalizeIp('203.0.113.7');
    expect(await rolesOf(target, reader)).toEqual([]);
    reader.sets['Approved Destinations']!.values.push('203.0.113.7');
    expect(await rolesOf(target, reader)).toEqual([
      'approved_destination <- reference set Approved Destinations',
    ]);
    expect(reader.listCalls).toBe(2);
  });

  it('propagates reader errors', async () => {
    const reader = new FakeReferenceData(shippedSets());
    reader.failWith = new Error('connection refused');
    await expect(
      rolesOf(canonicalizeIp('203.0.113.7'), reader),
    ).rejects.toThrow('connection refused');
  });
});
