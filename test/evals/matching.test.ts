import { describe, expect, it } from 'vitest';

import {
  buildAssetIndex,
  canonicalIp,
  canonicalUser,
  isRefGrounded,
  matchesEntry,
  wilsonInterval,
} from '../../evals/index.js';

const assets = buildAssetIndex([
  {
    id: 7,
    hostnames: [{ name: 'WS-17.corp.example' }],
    interfaces: [{ ip_addresses: [{ value: '10.1.2.17' }] }],
    properties: [{ name: 'Unified Name', value: 'finance-laptop' }],
  },
]);

describe('matchesEntry', () => {
  it.each([
    ['10.1.2.17', 'ws-17.corp.example'],
    ['ws-17', '10.1.2.17'],
    ['WS-17.CORP.EXAMPLE', 'ws-17'],
    ['finance-laptop', '10.1.2.17'],
    ['::ffff:10.1.2.17', 'ws-17'],
  ])('matches host %s with %s', (entryTarget, decisionTarget) => {
    expect(
      matchesEntry(
        { action: 'isolate_host', target: entryTarget },
        { action: 'isolate_host', target: decisionTarget },
        assets,
      ),
    ).toBe(true);
  });

  it('tells different hosts apart', () => {
    expect(
      matchesEntry(
        { action: 'isolate_host', target: 'ws-18' },
        { action: 'isolate_host', target: '10.1.2.17' },
        assets,
      ),
    ).toBe(false);
  });

  it.each(['CORP\\jdoe', 'jdoe@corp.example', 'JDoe', 'jdoe'])(
    'matches user %s without domain',
    (target) => {
      expect(
        matchesEntry(
          { action: 'disable_user', target: 'corp\\JDOE' },
          { action: 'disable_user', target },
          assets,
        ),
      ).toBe(true);
    },
  );

  it('covers every target without entry target', () => {
    expect(
      matchesEntry(
        { action: 'disable_user' },
        { action: 'disable_user', target: 'administrator' },
        assets,
      ),
    ).toBe(true);
  });

  it('requires the same action', () => {
    expect(
      matchesEntry(
        { action: 'block_ip', target: '10.1.2.17' },
        { action: 'isolate_host', target: '10.1.2.17' },
        assets,
      ),
    ).toBe(false);
  });

  it('matches none only with none', () => {
    expect(matchesEntry({ action: 'none' }, { action: 'none' }, assets)).toBe(
      true,
    );
    expect(
      matchesEntry(
        { action: 'none' },
        { action: 'block_ip', target: '203.0.113.7' },
        assets,
      ),
    ).toBe(false);
  });

  it('canonicalizes mapped IPv4 and users', () => {
    expect(canonicalIp('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalUser(' CORP\\Admin ')).toBe('admin');
    expect(canonicalUser('svc-backup@corp.example')).toBe('svc-backup');
  });
});

describe('isRefGrounded', () => {
  const results = ['{"events":[{"id":"evt-123","sourceip":"203.0.113.7"}]}'];

  it('finds a ref as a whole token', () => {
    expect(isRefGrounded('evt-123', results)).toBe(true);
    expect(isRefGrounded('203.0.113.7', results)).toBe(true);
  });

  it('finds kind-prefixed refs by id', () => {
    expect(isRefGrounded('event:evt-123', results)).toBe(true);
    expect(isRefGrounded('asset:17', ['{"assets":[{"id":17}]}'])).toBe(true);
    expect(isRefGrounded('asset:17', ['{"asset_id":"17"}'])).toBe(true);
    expect(isRefGrounded('note:4', ['{"text":"{\\"id\\":4}"}'])).toBe(true);
  });

  it('rejects an id seen only elsewhere', () => {
    expect(isRefGrounded('asset:17', ['{"count":17,"port":17}'])).toBe(false);
    expect(isRefGrounded('asset:17', ['{"id":170}'])).toBe(false);
    expect(isRefGrounded('asset:17', ['{"note_id":17}'])).toBe(false);
  });

  it('rejects a ref inside a longer token', () => {
    expect(isRefGrounded('evt-12', results)).toBe(false);
    expect(isRefGrounded('203.0.113.70', results)).toBe(false);
  });

  it('rejects empty refs', () => {
    expect(isRefGrounded('  ', results)).toBe(false);
  });
});

describe('wilsonInterval', () => {
  it.each([
    [8, 8, 0.6756, 1],
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [45, 50, 0.7864, 0.9565],
  ])('bounds %i of %i', (successes, total, low, high) => {
    const interval = wilsonInterval(successes, total);
    expect(interval.value).toBeCloseTo(successes / total, 10);
    expect(interval.low).toBeCloseTo(low, 3);
    expect(interval.high).toBeCloseTo(high, 3);
  });

  it('returns nulls for no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({
      successes: 0,
      total: 0,
      value: null,
      low: null,
      high: null,
    });
  });
});
