import { describe, expect, it } from 'vitest';

import {
  FilterSyntaxError,
  matchesFilter,
  parseFilter,
} from '../../../src/sim/filter/index.js';

const records = [
  {
    id: 1,
    status: 'OPEN',
    magnitude: 7,
    assigned_to: null,
    description: 'Brute force against VPN',
    offense_source: '203.0.113.7',
    follow_up: true,
    categories: ['User Login Failure', 'Access Denied'],
    rules: [{ id: 100056, type: 'CRE_RULE' }],
    interfaces: [{ ip_addresses: [{ value: '10.0.5.20', type: 'IPV4' }] }],
  },
  {
    id: 2,
    status: 'CLOSED',
    magnitude: 3,
    assigned_to: 'alice',
    description: 'Port scan',
    offense_source: '10.0.9.9',
    follow_up: false,
    categories: ['Network Sweep'],
    rules: [{ id: 100300, type: 'ADE_RULE' }],
    interfaces: [
      { ip_addresses: [{ value: '10.0.9.9', type: 'IPV4' }] },
      { ip_addresses: [{ value: '192.168.1.4', type: 'IPV4' }] },
    ],
  },
  {
    id: 3,
    status: 'HIDDEN',
    magnitude: 5,
    description: "O'Brien's laptop",
    offense_source: 'jdoe',
    follow_up: false,
    categories: [],
    rules: [],
    interfaces: [],
  },
];

function idsMatching(filter: string): number[] {
  const node = parseFilter(filter);
  return records
    .filter((record) => matchesFilter(node, record))
    .map((record) => record.id);
}

describe('filter grammar', () => {
  it.each([
    ['status=OPEN', [1]],
    ['status="CLOSED"', [2]],
    ["status='HIDDEN'", [3]],
    ['status=open', [1]],
    ['status="open"', []],
    ['status!=closed', [1, 3]],
    ['status<>CLOSED', [1, 3]],
    ['status^=CLOSED', [1, 3]],
    ['id>1', [2, 3]],
    ['id >= 2', [2, 3]],
    ['id<2', [1]],
    ['id <= 2', [1, 2]],
    ['magnitude > 4 AND status = OPEN', [1]],
    ['magnitude > 4 and status = OPEN or id = 2', [1, 2]],
    ['magnitude > 4 AND (status = CLOSED OR id = 3)', [3]],
    ['NOT status = OPEN', [2, 3]],
    ['not (id = 1 or id = 2)', [3]],
    ['id in (1, 3)', [1, 3]],
    ["offense_source IN ('10.0.9.9')", [2]],
    ['id NOT IN (1,3)', [2]],
    ['id between 2 and 3', [2, 3]],
    ['id not between 2 and 3', [1]],
    ['assigned_to is null', [1, 3]],
    ['assigned_to IS NOT NULL', [2]],
    ['description LIKE "%VPN"', [1]],
    ['description like "%vpn"', []],
    ['description ILIKE "%vpn%"', [1]],
    ['description ILIKE "p_rt%"', [2]],
    ['description NOT ILIKE "%scan%"', [1, 3]],
    ['description = "O\'Brien\'s laptop"', [3]],
    ["description = 'O''Brien''s laptop'", [3]],
    ['follow_up = true', [1]],
    ['rules contains id = 100300', [2]],
    ['rules contains type = "CRE_RULE"', [1]],
    ['interfaces contains ip_addresses contains value="10.0.5.20"', [1]],
    [
      'interfaces contains ip_addresses contains value="10.0.5.20" OR interfaces contains ip_addresses contains value="192.168.1.4"',
      [1, 2],
    ],
    ['interfaces contains (ip_addresses contains value > "10.0.9.0")', [2]],
    ['categories contains "Network Sweep"', [2]],
    ['categories = "Access Denied"', [1]],
    ['offense_source > "10.0.9.10"', [1, 3]],
    ['offense_source > "9.255.255.255" and offense_source < "11.0.0.0"', [2]],
  ])('%s', (filter, expected) => {
    expect(idsMatching(filter)).toEqual(expected);
  });
});

describe('filter errors', () => {
  it.each([
    ['status =', 8],
    ['status OPEN', 7],
    ['id in 1, 2', 6],
    ['(id = 1', 7],
    ['id = 1)', 6],
    ['id = "unterminated', 5],
    ['id between 1', 12],
    ['= 5', 0],
    ['id = 1 AND', 10],
    ['assigned_to is nothing', 15],
    ['id # 5', 3],
  ])('rejects %s', (filter, position) => {
    let caught: unknown;
    try {
      parseFilter(filter);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterSyntaxError);
    expect((caught as FilterSyntaxError).position).toBe(position);
  });

  it('rejects deep nesting', () => {
    const filter = `${'('.repeat(200)}id = 1${')'.repeat(200)}`;
    expect(() => parseFilter(filter)).toThrow(/nested too deeply/);
  });
});
