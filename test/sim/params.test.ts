import { describe, expect, it } from 'vitest';

import { ApiError } from '../../src/sim/index.js';
import { applyFields, parseFields } from '../../src/sim/params/fields.js';
import { pageItems, parseRange } from '../../src/sim/params/range.js';
import { parseSort, sortRecords } from '../../src/sim/params/sort.js';

function apiErrorOf(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('parseRange', () => {
  it('reads items range', () => {
    expect(parseRange('items=0-49')).toEqual({ first: 0, last: 49 });
  });

  it('returns undefined without header', () => {
    expect(parseRange(undefined)).toBeUndefined();
  });

  it.each(['items=5', 'bytes=0-1', 'items=9-2', 'items=a-b', ''])(
    'rejects %j with items=x-y hint',
    (header) => {
      const error = apiErrorOf(() => parseRange(header));
      expect(error.status).toBe(422);
      expect(error.message).toContain('items=x-y');
    },
  );
});

describe('pageItems', () => {
  const items = ['a', 'b', 'c'];

  it('slices and reports total', () => {
    expect(pageItems(items, { first: 1, last: 5 })).toEqual({
      items: ['b', 'c'],
      contentRange: 'items 1-2/3',
    });
  });

  it('reports empty list as 0--1/0', () => {
    expect(pageItems([], undefined).contentRange).toBe('items 0--1/0');
  });

  it('returns nothing past end', () => {
    expect(pageItems(items, { first: 10, last: 20 }).items).toEqual([]);
  });
});

describe('parseFields', () => {
  it('parses nested selections', () => {
    const selection = parseFields(
      'id,rules(id,type),interfaces(ip_addresses(value))',
    );
    const record = {
      id: 7,
      status: 'OPEN',
      rules: [{ id: 1, type: 'CRE_RULE', name: 'x' }],
      interfaces: [
        { id: 3, ip_addresses: [{ value: '10.0.0.1', type: 'IPV4' }] },
      ],
    };
    expect(applyFields(record, selection)).toEqual({
      id: 7,
      rules: [{ id: 1, type: 'CRE_RULE' }],
      interfaces: [{ ip_addresses: [{ value: '10.0.0.1' }] }],
    });
  });

  it('keeps escaped separators in names', () => {
    expect([...parseFields('a\\,b,c').keys()]).toEqual(['a,b', 'c']);
  });

  it.each(['id,', 'rules(id', 'id)', 'rules()', ''])('rejects %j', (text) => {
    expect(apiErrorOf(() => parseFields(text)).status).toBe(422);
  });
});

describe('parseSort', () => {
  it.each([
    ['+id', [{ field: 'id', descending: false }]],
    [' id', [{ field: 'id', descending: false }]],
    [
      '-magnitude,+id',
      [
        { field: 'magnitude', descending: true },
        { field: 'id', descending: false },
      ],
    ],
    ['id', [{ field: 'id', descending: false }]],
  ])('parses %j', (text, keys) => {
    expect(parseSort(text)).toEqual(keys);
  });

  it.each(['', '+', '-', 'id,', '+id;drop'])('rejects %j with 1030', (text) => {
    const error = apiErrorOf(() => parseSort(text));
    expect(error.qradarCode).toBe(1030);
  });

  it('rejects unknown field', () => {
    const error = apiErrorOf(() =>
      sortRecords([{ id: 1 }], parseSort('-nothing')),
    );
    expect(error.status).toBe(422);
    expect(error.qradarCode).toBe(1030);
  });

  it('sorts nulls first ascending', () => {
    const sorted = sortRecords(
      [{ v: 2 }, { v: null }, { v: 1 }],
      parseSort('+v'),
    );
    expect(sorted.map((record) => record.v)).toEqual([null, 1, 2]);
  });
});
