import { describe, expect, it } from 'vitest';

import {
  actionTarget,
  canonicalizeHost,
  canonicalizeIp,
  canonicalizeUser,
  offenseTarget,
  parseNetwork,
  PolicyError,
  type AssetRecord,
  type AssetResolver,
} from '../../src/policy/index.js';

describe('canonicalizeIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', 'external'],
    [' 198.51.100.9 ', '198.51.100.9', 'external'],
    ['192.0.2.1', '192.0.2.1', 'external'],
    ['10.1.2.3', '10.1.2.3', 'internal'],
    ['172.16.5.4', '172.16.5.4', 'internal'],
    ['172.32.0.1', '172.32.0.1', 'external'],
    ['192.168.1.1', '192.168.1.1', 'internal'],
    ['100.64.0.1', '100.64.0.1', 'external'],
    ['::ffff:203.0.113.7', '203.0.113.7', 'external'],
    ['::FFFF:cb00:7107', '203.0.113.7', 'external'],
    ['::ffff:10.0.0.1', '10.0.0.1', 'internal'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1', 'external'],
    ['2001:db8:0:1:0:0:0:0', '2001:db8:0:1::', 'external'],
    ['fd12:3456::1', 'fd12:3456::1', 'internal'],
  ])('accepts %j as %s (%s)', (input, value, scope) => {
    const target = canonicalizeIp(input);
    expect(target.value).toBe(value);
    expect(target.scope).toBe(scope);
    expect(target.kind).toBe('ip');
  });

  it('counts policy networks as internal', () => {
    const target = canonicalizeIp('100.64.0.1', {
      internalNetworks: [parseNetwork('100.64.0.0/10')],
    });
    expect(target.scope).toBe('internal');
  });

  it('explains octal forms exactly', () => {
    expect(() => canonicalizeIp('010.0.0.1')).toThrow(
      'Invalid ip "010.0.0.1": octal forms are not accepted. Pass a dotted-decimal IPv4 address such as 203.0.113.7.',
    );
  });

  it.each([
    ['3405803783', /integer forms are not accepted/],
    ['0xcb.0.113.7', /hexadecimal forms are not accepted/],
    ['0xcb007107', /hexadecimal forms are not accepted/],
    ['10.1', /shortened forms are not accepted/],
    ['203.0.113.0/24', /CIDR ranges are not accepted/],
    ['2001:db8::/32', /CIDR ranges are not accepted/],
    ['127.0.0.1', /loopback/],
    ['::1', /loopback/],
    ['::ffff:127.0.0.1', /loopback/],
    ['169.254.10.1', /link-local/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /zone indexes/],
    ['224.0.0.1', /multicast/],
    ['ff02::1', /multicast/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
    ['::', /unspecified/],
    ['255.255.255.255', /reserved and broadcast/],
    ['::1.2.3.4', /IPv4-compatible/],
    ['example.com', /expected an IPv4 address/],
    ['', /expected an IPv4 address/],
  ])('rejects %j', (input, message) => {
    let error: unknown;
    try {
      canonicalizeIp(input);
    } catch (caught) {
      error = caught;
    }
    expect(PolicyError.is(error)).toBe(true);
    expect((error as PolicyError).code).toBe('INVALID_TARGET');
    expect((error as PolicyError).message).toMatch(message);
  });
});

describe('canonicalizeUser', () => {
  it.each([
    ['CORP\\jdoe', 'jdoe', 'corp'],
    ['jdoe@corp.example', 'jdoe', 'corp.example'],
    ['jdoe', 'jdoe', null],
    ['JDoe', 'jdoe', null],
    ['CORP\\Administrator', 'administrator', 'corp'],
    [' svc_backup@CORP ', 'svc_backup', 'corp'],
  ])('reads %j as user %s, domain %s', (input, value, domain) => {
    const target = canonicalizeUser(input);
    expect(target.value).toBe(value);
    expect(target.domain).toBe(domain);
  });

  it.each([
    ['', /expected an account name/],
    ['john doe', /expected an account name/],
    ['CORP\\', /expected an account name/],
    ['a\\b\\c', /expected an account name/],
    ['jdoe@', /not a valid domain/],
    ['jdoe\u001b[31m', /control, escape and invisible characters/],
    ['jd\u202eoe', /control, escape and invisible characters/],
  ])('rejects %j', (input, message) => {
    expect(() => canonicalizeUser(input)).toThrow(message);
  });
});

const workstation: AssetRecord = {
  id: 17,
  ipAddresses: ['10.0.5.31'],
  hostnames: ['WS-042.corp.example'],
  properties: { Weight: '1' },
};

const resolver: AssetResolver = {
  findAsset(query) {
    const matches =
      'ip' in query
        ? workstation.ipAddresses.includes(query.ip)
        : workstation.hostnames.some(
            (name) => name.toLowerCase() === query.hostname,
          );
    return Promise.resolve(matches ? workstation : undefined);
  },
};

describe('canonicalizeHost', () => {
  it('keeps an unresolved host name', async () => {
    const target = await canonicalizeHost('WS-099.corp.example.');
    expect(target.value).toBe('ws-099.corp.example');
    expect(target.asset).toBeNull();
    expect(target.hostnames).toEqual(['ws-099.corp.example']);
  });

  it('resolves name and address to one asset', async () => {
    const byName = await canonicalizeHost('ws-042.corp.example', { resolver });
    const byAddress = await canonicalizeHost('10.0.5.31', { resolver });
    expect(byName.value).toBe('asset:17');
    expect(byAddress.value).toBe('asset:17');
    expect(byName.ipAddresses).toEqual(['10.0.5.31']);
    expect(byAddress.hostnames).toEqual(['ws-042.corp.example']);
    expect(byName.label).toContain('asset 17');
  });

  it('lists the asset names first', async () => {
    const twoNames: AssetRecord = {
      ...workstation,
      hostnames: ['WS-042', 'ws-042.corp.example'],
    };
    const queries: string[] = [];
    const target = await canonicalizeHost('Ws-042', {
      resolver: {
        findAsset(query) {
          if ('hostname' in query) queries.push(query.hostname);
          return Promise.resolve(twoNames);
        },
      },
    });
    expect(queries).toEqual(['Ws-042']);
    expect(target.hostnames).toEqual(['ws-042.corp.example', 'ws-042']);
  });

  it.each([
    ['bad host!', /expected an IP address or a host name/],
    ['127.0.0.1', /loopback/],
    ['10.0.0.0/8', /CIDR/],
  ])('rejects %j', async (input, message) => {
    await expect(canonicalizeHost(input, { resolver })).rejects.toThrow(
      message,
    );
  });
});

describe('offense and action targets', () => {
  it('builds an offense target', () => {
    expect(offenseTarget(42)).toMatchObject({ kind: 'offense', value: '42' });
    expect(() => offenseTarget(-1)).toThrow(/non-negative integer/);
  });

  it('builds an action target', () => {
    expect(actionTarget('act_3f9a1c0b7d2e').value).toBe('act_3f9a1c0b7d2e');
    expect(() => actionTarget('act 1; rm')).toThrow(/expected an id/);
  });
});

describe('parseNetwork', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['2001:DB8::1/32', '2001:db8::/32'],
    ['::ffff:10.0.0.0/104', '10.0.0.0/8'],
    ['203.0.113.7', '203.0.113.7/32'],
  ])('canonicalizes %j to %s', (input, cidr) => {
    expect(parseNetwork(input).cidr).toBe(cidr);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/x', 'nope', '10.0.0.0/8/9'])(
    'rejects %j',
    (input) => {
      expect(() => parseNetwork(input)).toThrow(/CIDR notation/);
    },
  );
});
