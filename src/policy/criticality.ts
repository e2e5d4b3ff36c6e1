import type { RoleMatch } from './roles.js';
import {
  compareCriticality,
  type CriticalityLevel,
  type RoleName,
} from './vocabulary.js';

/** The asset's CVSS environmental properties, as QRadar stores them (strings such as LOW_MEDIUM). */
export interface CvssProperties {
  collateralDamage?: string | null | undefined;
  confidentiality?: string | null | undefined;
  integrity?: string | null | undefined;
  availability?: string | null | undefined;
}

/** Inputs of an asset's criticality. */
export interface CriticalityInput {
  /** The asset's `Weight` property, 0 to 10 (QRadar stores it as a string). */
  weight?: number | string | null | undefined;
  cvss?: CvssProperties | undefined;
  /**
   * The host of an isolate_host target that resolved to no asset. Its
   * criticality is at least `high` (fail closed): nothing is known about it,
   * so only the approvers of high-criticality targets may approve it, and
   * the autonomous rules for low-criticality hosts never match it.
   */
  unresolvedHost?: string | undefined;
}

/** A criticality level with the steps that produced it, for people to check. */
export interface Criticality {
  level: CriticalityLevel;
  derivation: string[];
}

const collateralDamageLevels: Record<string, CriticalityLevel> = {
  NONE: 'low',
  LOW: 'low',
  LOW_MEDIUM: 'medium',
  MEDIUM: 'medium',
  MEDIUM_HIGH: 'high',
  HIGH: 'critical',
};

const requirementLevels: Record<string, CriticalityLevel> = {
  LOW: 'low',
  LOW_MEDIUM: 'medium',
  MEDIUM: 'medium',
  MEDIUM_HIGH: 'high',
  HIGH: 'high',
};

/**
 * Derives an asset's criticality; QRadar has no criticality field of its
 * own. The level is the highest that any input gives:
 *
 * | input                                   | low       | medium               | high               | critical |
 * | --------------------------------------- | --------- | -------------------- | ------------------ | -------- |
 * | `Weight` (0 to 10)                      | below 3   | 3 to below 6         | 6 to below 9       | 9 to 10  |
 * | CVSS Collateral Damage Potential        | NONE, LOW | LOW_MEDIUM, MEDIUM   | MEDIUM_HIGH        | HIGH     |
 * | CVSS C, I or A Requirement (highest)    | LOW       | LOW_MEDIUM, MEDIUM   | MEDIUM_HIGH, HIGH  | -        |
 * | role                                    | -         | -                    | critical           | protected |
 *
 * NOT_DEFINED, empty and unknown values give nothing. When no input gives a
 * level, the result is `medium`: an asset nothing is known about is not
 * treated as low-value. A host that resolved to no asset (`unresolvedHost`)
 * gives `high` instead, because no asset property identifies the machine.
 */
export function deriveCriticality(
  input: CriticalityInput & { roles: readonly (RoleName | RoleMatch)[] },
): Criticality {
  const contributions: { level: CriticalityLevel; reason: string }[] = [];
  const weight = parseWeight(input.weight);
  if (weight !== undefined) {
    contributions.push({
      level: weightLevel(weight),
      reason: `Weight ${weight}`,
    });
  }
  const cvss = input.cvss ?? {};
  const damage = normalizeCvss(cvss.collateralDamage);
  const damageLevel =
    damage === undefined ? undefined : collateralDamageLevels[damage];
  if (damage !== undefined && damageLevel !== undefined) {
    contributions.push({
      level: damageLevel,
      reason: `CVSS Collateral Damage Potential ${damage}`,
    });
  }
  for (const [key, label] of [
    ['confidentiality', 'Confidentiality'],
    ['integrity', 'Integrity'],
    ['availability', 'Availability'],
  ] as const) {
    const value = normalizeCvss(cvss[key]);
    const level = value === undefined ? undefined : requirementLevels[value];
    if (value !== undefined && level !== undefined) {
      contributions.push({
        level,
        reason: `CVSS ${label} Requirement ${value}`,
      });
    }
  }
  const roles = new Set(
    input.roles.map((role) => (typeof role === 'string' ? role : role.role)),
  );
  if (roles.has('protected'))
    contributions.push({ level: 'critical', reason: 'protected role' });
  if (roles.has('critical'))
    contributions.push({ level: 'high', reason: 'critical role' });

  const host = input.unresolvedHost;
  if (host !== undefined && contributions.length === 0) {
    return {
      level: 'high',
      derivation: [
        `no asset found for ${host}: treated as high until the asset is known`,
      ],
    };
  }
  if (host !== undefined)
    contributions.push({ level: 'high', reason: `no asset found for ${host}` });
  if (contributions.length === 0) {
    return {
      level: 'medium',
      derivation: [
        'no Weight, CVSS properties or roles known: medium by default',
      ],
    };
  }
  let level: CriticalityLevel = 'low';
  for (const contribution of contributions) {
    if (compareCriticality(contribution.level, level) > 0)
      level = contribution.level;
  }
  return {
    level,
    derivation: [
      ...contributions.map(
        (contribution) => `${contribution.reason} -> ${contribution.level}`,
      ),
      `highest: ${level}`,
    ],
  };
}

/**
 * Derives an account's criticality: `high` when a privileged_account role
 * covers it (or a protected role: `critical`), else `medium`.
 */
export function deriveAccountCriticality(
  roles: readonly (RoleName | RoleMatch)[],
): Criticality {
  const names = new Set(
    roles.map((role) => (typeof role === 'string' ? role : role.role)),
  );
  if (names.has('protected')) {
    return { level: 'critical', derivation: ['protected role -> critical'] };
  }
  if (names.has('privileged_account')) {
    return { level: 'high', derivation: ['privileged_account role -> high'] };
  }
  return {
    level: 'medium',
    derivation: ['account without a privileged_account role -> medium'],
  };
}

/**
 * Reads the criticality inputs from QRadar asset properties (`Weight`,
 * `CVSS Collateral Damage Potential`, `CVSS Confidentiality Requirement`,
 * `CVSS Integrity Requirement`, `CVSS Availability Requirement`).
 */
export function criticalityInputFromProperties(
  properties: Readonly<Record<string, string>>,
): CriticalityInput {
  return {
    weight: properties['Weight'],
    cvss: {
      collateralDamage: properties['CVSS Collateral Damage Potential'],
      confidentiality: properties['CVSS Confidentiality Requirement'],
      integrity: properties['CVSS Integrity Requirement'],
      availability: properties['CVSS Availability Requirement'],
    },
  };
}

function parseWeight(
  value: number | string | null | undefined,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  const weight = Number(text);
  if (!Number.isFinite(weight) || weight < 0 || weight > 10) return undefined;
  return weight;
}

function weightLevel(weight: number): CriticalityLevel {
  if (weight >= 9) return 'critical';
  if (weight >= 6) return 'high';
  if (weight >= 3) return 'medium';
  return 'low';
}

/** Upper-cases a CVSS value and turns `Low-Medium` or `low medium` into LOW_MEDIUM. */
function normalizeCvss(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (text === '' || text === 'NOT_DEFINED' || text === 'ND') return undefined;
  return text;
}
