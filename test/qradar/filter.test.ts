import { describe, expect, it } from 'vitest';

import {
  and,
  between,
  contains,
  eq,
  Filter,
  gte,
  ilike,
  inList,
  isNotNull,
  isNull,
  lt,
  ne,
  not,
  notInList,
  or,
} from '../../src/qradar/index.js';

describe('filter builder', () => {
  it.each([
    ['string equality', eq('status', 'OPEN'), 'status="OPEN"'],
    ['number equality', eq('id', 42), 'id=42'],
    ['boolean equality', eq('follow_up', true), 'follow_up=true'],
    ['inequality', ne('id', 5), 'id!=5'],
    [
      'greater or equal',
      gte('start_time', 1700000000000),
      'start_time>=1700000000000',
    ],
    ['less than', lt('magnitude', 3), 'magnitude<3'],
    ['number in-list', inList('id', [1, 2, 3]), 'id in (1,2,3)'],
    ['string in-list', inList('text', ['a', 'b']), 'text in ("a","b")'],
    ['not in-list', notInList('id', [7]), 'id not in (7)'],
    ['between', between('id', 0, 3), 'id between 0 and 3'],
    ['is null', isNull('assigned_to'), 'assigned_to is null'],
    ['is not null', isNotNull('close_time'), 'close_time is not null'],
    ['ilike', ilike('name', '%auth%'), 'name ilike "%auth%"'],
  ])('builds %s', (_name, filter, expected) => {
    expect(filter.toString()).toBe(expected);
  });

  it('escapes quotes and backslashes', () => {
    expect(eq('username', 'CORP\\j"doe').toString()).toBe(
      'username="CORP\\\\j\\"doe"',
    );
  });

  it('keeps injection inside the literal', () => {
    const filter = eq('offense_source', '" or id>0 or x="');
    expect(filter.toString()).toBe('offense_source="\\" or id>0 or x=\\""');
  });

  it('nests contains for asset IPs', () => {
    const filter = contains(
      'interfaces',
      contains('ip_addresses', eq('value', '10.1.1.5')),
    );
    expect(filter.toString()).toBe(
      'interfaces contains ip_addresses contains value="10.1.1.5"',
    );
  });

  it('parenthesizes or inside and', () => {
    const filter = and(
      eq('status', 'OPEN'),
      or(gte('magnitude', 5), eq('follow_up', true)),
    );
    expect(filter.toString()).toBe(
      'status="OPEN" and (magnitude>=5 or follow_up=true)',
    );
  });

  it('parenthesizes and inside or', () => {
    const filter = or(and(eq('a', 1), eq('b', 2)), eq('c', 3));
    expect(filter.toString()).toBe('(a=1 and b=2) or c=3');
  });

  it('flattens same-kind groups', () => {
    const filter = and(and(eq('a', 1), eq('b', 2)), eq('c', 3));
    expect(filter.toString()).toBe('a=1 and b=2 and c=3');
  });

  it('returns single operand unchanged', () => {
    expect(or(eq('id', 1)).toString()).toBe('id=1');
  });

  it('negates a group', () => {
    expect(not(or(eq('a', 1), eq('b', 2))).toString()).toBe('not (a=1 or b=2)');
  });

  it.each([
    ['field with space', () => eq('status = 1 or id', 1)],
    ['field with quote', () => eq('a"b', 1)],
    ['empty in-list', () => inList('id', [])],
    ['empty and', () => and()],
    ['infinite number', () => eq('id', Number.POSITIVE_INFINITY)],
    [
      'compound inside contains',
      () => contains('interfaces', and(eq('a', 1), eq('b', 2))),
    ],
  ])('rejects %s', (_name, build) => {
    expect(build).toThrow(RangeError);
  });

  it('rejects hand-made filter objects', () => {
    expect(() => new Filter(Symbol('Filter'), 'predicate', 'id>0')).toThrow(
      TypeError,
    );
  });
});
