import { describe, expect, it } from 'vitest';

import {
  hostnameSpellings,
  matchHostname,
} from '../../tools/shared/hostnames.js';

describe('hostnameSpellings', () => {
  it('lists case and short forms', () => {
    expect(hostnameSpellings(' Fs01.Corp.Example. ')).toEqual([
      'Fs01.Corp.Example',
      'fs01.corp.example',
      'FS01.CORP.EXAMPLE',
      'Fs01',
      'fs01',
      'FS01',
    ]);
  });

  it('keeps short names once', () => {
    expect(hostnameSpellings('fs01')).toEqual(['fs01', 'FS01']);
  });
});

describe('matchHostname', () => {
  const names = ['fs01.corp.example', 'FS01'];

  it.each([
    ['fs01', 'exact'],
    ['FS01.CORP.EXAMPLE', 'exact'],
    ['fs01.corp.example.', 'exact'],
  ])('matches %s exactly', (requested, match) => {
    expect(matchHostname(names, requested)).toBe(match);
  });

  it('matches FQDN by short name', () => {
    expect(matchHostname(['FS01'], 'fs01.corp.example')).toBe('short');
  });

  it('matches short name by FQDN', () => {
    expect(matchHostname(['fs01.corp.example'], 'FS01')).toBe('short');
  });

  it('rejects host of other domain', () => {
    expect(matchHostname(names, 'fs01.lab.example')).toBeUndefined();
  });

  it('rejects other short name', () => {
    expect(matchHostname(names, 'fs02')).toBeUndefined();
  });
});
