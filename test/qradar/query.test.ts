import { describe, expect, it } from 'vitest';

import {
  buildFields,
  buildRange,
  buildSort,
  parseContentRange,
} from '../../src/qradar/index.js';

describe('query parameters', () => {
  it('builds sort with directions', () => {
    expect(
      buildSort([{ field: 'id' }, { field: 'start_time', direction: 'desc' }]),
    ).toBe('+id,-start_time');
  });

  it('builds nested fields', () => {
    expect(
      buildFields([
        'id',
        'status',
        { rules: ['id', 'type'] },
        { interfaces: [{ ip_addresses: ['value'] }] },
      ]),
    ).toBe('id,status,rules(id,type),interfaces(ip_addresses(value))');
  });

  it('rejects sort field with comma', () => {
    expect(() => buildSort([{ field: 'id,-magnitude' }])).toThrow(RangeError);
  });

  it('builds inclusive range', () => {
    expect(buildRange(0, 50)).toBe('items=0-49');
    expect(buildRange(100, 1)).toBe('items=100-100');
  });

  it('rejects empty range', () => {
    expect(() => buildRange(0, 0)).toThrow(RangeError);
    expect(() => buildRange(-1, 5)).toThrow(RangeError);
  });

  it.each([
    ['items 0-49/1234', { first: 0, last: 49, total: 1234 }],
    ['items 0--1/0', { first: 0, last: -1, total: 0 }],
    ['items 0-9/*', { first: 0, last: 9, total: undefined }],
    ['bytes 0-9/10', undefined],
    [undefined, undefined],
  ])('parses Content-Range %s', (header, expected) => {
    expect(parseContentRange(header)).toEqual(expected);
  });
});
