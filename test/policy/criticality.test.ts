import { describe, expect, it } from 'vitest';

import {
  criticalityInputFromProperties,
  deriveAccountCriticality,
  deriveCriticality,
  type CriticalityInput,
  type RoleName,
} from '../../src/policy/index.js';

describe('deriveCriticality', () => {
  it.each<[string, CriticalityInput, RoleName[], string]>([
    ['nothing known', {}, [], 'medium'],
    ['Weight 0', { weight: '0' }, [], 'low'],
    ['Weight 2', { weight: 2 }, [], 'low'],
    ['Weight 3', { weight: '3' }, [], 'medium'],
    ['Weight 5.5', { weight: '5.5' }, [], 'medium'],
    ['Weight 6', { weight: '6' }, [], 'high'],
    ['Weight 8', { weight: '8' }, [], 'high'],
    ['Weight 9', { weight: '9' }, [], 'critical'],
    ['Weight 10', { weight: '10' }, [], 'critical'],
    ['Weight out of range', { weight: '11' }, [], 'medium'],
    ['Weight not a number', { weight: 'abc' }, [], 'medium'],
    ['damage NONE', { cvss: { collateralDamage: 'NONE' } }, [], 'low'],
    [
      'damage LOW_MEDIUM',
      { cvss: { collateralDamage: 'LOW_MEDIUM' } },
      [],
      'medium',
    ],
    [
      'damage Low-Medium',
      { cvss: { collateralDamage: 'Low-Medium' } },
      [],
      'medium',
    ],
    [
      'damage MEDIUM_HIGH',
      { cvss: { collateralDamage: 'MEDIUM_HIGH' } },
      [],
      'high',
    ],
    ['damage HIGH', { cvss: { collateralDamage: 'HIGH' } }, [], 'critical'],
    [
      'damage NOT_DEFINED',
      { cvss: { collateralDamage: 'NOT_DEFINED' } },
      [],
      'medium',
    ],
    ['confidentiality HIGH', { cvss: { confidentiality: 'HIGH' } }, [], 'high'],
    ['integrity MEDIUM', { cvss: { integrity: 'MEDIUM' } }, [], 'medium'],
    ['availability LOW', { cvss: { availability: 'LOW' } }, [], 'low'],
    [
      'low Weight, HIGH availability',
      { weight: '2', cvss: { availability: 'HIGH' } },
      [],
      'high',
    ],
    ['critical role', { weight: '1' }, ['critical'], 'high'],
    ['protected role', { weight: '1' }, ['protected'], 'critical'],
    ['critical role alone', {}, ['critical'], 'high'],
    ['allow_source role alone', {}, ['allow_source'], 'medium'],
    ['unresolved host', { unresolvedHost: 'fs99' }, [], 'high'],
    [
      'unresolved host, protected role',
      { unresolvedHost: 'fs99' },
      ['protected'],
      'critical',
    ],
  ])('gives %s', (_name, input, roles, level) => {
    expect(deriveCriticality({ ...input, roles }).level).toBe(level);
  });

  it('explains each step', () => {
    const result = deriveCriticality({
      weight: '7',
      cvss: { collateralDamage: 'LOW' },
      roles: [],
    });
    expect(result.derivation).toEqual([
      'Weight 7 -> high',
      'CVSS Collateral Damage Potential LOW -> low',
      'highest: high',
    ]);
  });

  it('explains an unresolved host', () => {
    const alone = deriveCriticality({ unresolvedHost: 'fs99', roles: [] });
    expect(alone.derivation).toEqual([
      'no asset found for fs99: treated as high until the asset is known',
    ]);
    const withRole = deriveCriticality({
      unresolvedHost: 'fs99',
      roles: ['critical'],
    });
    expect(withRole.derivation).toEqual([
      'critical role -> high',
      'no asset found for fs99 -> high',
      'highest: high',
    ]);
  });
});

describe('deriveAccountCriticality', () => {
  it.each<[RoleName[], string]>([
    [[], 'medium'],
    [['privileged_account'], 'high'],
    [['protected', 'privileged_account'], 'critical'],
  ])('gives roles %j level %s', (roles, level) => {
    expect(deriveAccountCriticality(roles).level).toBe(level);
  });
});

describe('criticalityInputFromProperties', () => {
  it('reads QRadar property names', () => {
    expect(
      criticalityInputFromProperties({
        Weight: '4',
        'CVSS Collateral Damage Potential': 'MEDIUM_HIGH',
        'CVSS Confidentiality Requirement': 'HIGH',
        'CVSS Integrity Requirement': 'LOW',
        'CVSS Availability Requirement': 'NOT_DEFINED',
        'Unified Name': 'ws-042',
      }),
    ).toEqual({
      weight: '4',
      cvss: {
        collateralDamage: 'MEDIUM_HIGH',
        confidentiality: 'HIGH',
        integrity: 'LOW',
        availability: 'NOT_DEFINED',
      },
    });
  });
});
