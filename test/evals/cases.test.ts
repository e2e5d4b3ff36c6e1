import { basename } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  bundledCasesDir,
  loadCaseFiles,
  startSimulator,
  type CaseDecision,
  type CaseFile,
} from '../../src/sim/index.js';

type JsonRecord = Record<string, unknown>;

const DAY_MS = 24 * 3_600_000;
const loaded = loadCaseFiles(bundledCasesDir());
const cases = loaded.map((entry) => entry.case);
const byId = cases.map((testCase) => [testCase.id, testCase] as const);

// Roles whose sets must never list an address that a case wants contained.
const allowListSets = ['Authorized Scanners', 'Approved Destinations'];
const protectedSets = ['Protected Assets', 'Protected Hostnames'];

const ipv4 =
  /(?<![\d./])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\d.])/g;

function isDocumentationAddress(ip: string): boolean {
  return ['192.0.2.', '198.51.100.', '203.0.113.'].some((prefix) =>
    ip.startsWith(prefix),
  );
}

function isAllowedAddress(ip: string): boolean {
  return (
    ip.startsWith('10.') || isDocumentationAddress(ip) || ip === '127.0.0.1'
  );
}

function isIpTarget(target: string | undefined): target is string {
  return target !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(target);
}

function text(record: JsonRecord, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

function inOffense(record: JsonRecord): boolean {
  const ids = record['offense_ids'];
  return !(Array.isArray(ids) && ids.length === 0);
}

function eventTimes(testCase: CaseFile): number[] {
  return testCase.events.map((event) => event.starttime ?? 0);
}

function assetIps(testCase: CaseFile): string[] {
  return testCase.assets.flatMap((asset) => {
    const interfaces = (asset as JsonRecord)['interfaces'];
    if (!Array.isArray(interfaces)) return [];
    return (interfaces as JsonRecord[]).flatMap((entry) => {
      const addresses = entry['ip_addresses'];
      return Array.isArray(addresses)
        ? (addresses as JsonRecord[]).map((address) => text(address, 'value'))
        : [];
    });
  });
}

function referenceValues(testCase: CaseFile, name: string): string[] {
  const set = testCase.reference_sets[name];
  if (set === undefined) return [];
  return set.elements.map((element) =>
    typeof element === 'object' ? String(element.value) : String(element),
  );
}

function containments(testCase: CaseFile): CaseDecision[] {
  return testCase.expected.acceptable.filter(
    (entry) => entry.action !== 'none',
  );
}

// Follows a JSON path such as `events[3].username` or
// `events[5]["Process CommandLine"]` into a case file.
function resolvePath(root: unknown, path: string): unknown {
  const steps = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let value = root;
  let consumed = 0;
  for (const match of path.matchAll(steps)) {
    if (match.index !== consumed) return undefined;
    consumed += match[0].length;
    const key =
      match[2] !== undefined
        ? Number(match[2])
        : (match[1] ?? (JSON.parse(`"${match[3] ?? ''}"`) as string));
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return consumed === path.length ? value : undefined;
}

function coveredBy(decision: CaseDecision, entries: CaseDecision[]): boolean {
  return entries.some(
    (entry) =>
      entry.action === decision.action &&
      (entry.target === undefined || entry.target === decision.target),
  );
}

describe('bundled cases', () => {
  it('loads at least thirty cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('names each file after its case id', () => {
    for (const entry of loaded) {
      expect(basename(entry.file)).toBe(`${entry.case.id}.json`);
    }
  });

  it('uses offense ids once across files', () => {
    const ids = cases.flatMap((testCase) => [
      testCase.offense.id,
      ...testCase.related_offenses.map((offense) => offense.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses asset ids once across files', () => {
    const ids = cases.flatMap((testCase) =>
      testCase.assets.map((asset) => asset.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each rule id one name', () => {
    const names = new Map<number, string>();
    for (const testCase of cases) {
      for (const rule of testCase.rules ?? []) {
        expect(names.get(rule.id) ?? rule.name).toBe(rule.name);
        names.set(rule.id, rule.name);
      }
    }
  });

  it('names every offense rule in the rules list', () => {
    for (const testCase of cases) {
      const named = new Set((testCase.rules ?? []).map((rule) => rule.id));
      for (const rule of testCase.offense.rules ?? []) {
        expect(named.has(rule.id)).toBe(true);
      }
    }
  });

  it('keeps one element type per reference set', () => {
    const types = new Map<string, string>();
    for (const testCase of cases) {
      for (const [name, set] of Object.entries(testCase.reference_sets)) {
        expect(types.get(name) ?? set.element_type).toBe(set.element_type);
        types.set(name, set.element_type);
      }
    }
  });

  it('never allow-lists an address another case contains', () => {
    const allowed = new Set(
      cases.flatMap((testCase) =>
        allowListSets.flatMap((name) => referenceValues(testCase, name)),
      ),
    );
    for (const testCase of cases) {
      for (const entry of containments(testCase)) {
        expect(allowed.has(entry.target ?? '')).toBe(false);
      }
    }
  });

  it('never expects containment of a protected target', () => {
    const protectedValues = new Set(
      cases.flatMap((testCase) =>
        protectedSets.flatMap((name) => referenceValues(testCase, name)),
      ),
    );
    for (const testCase of cases) {
      for (const entry of containments(testCase)) {
        expect(protectedValues.has(entry.target ?? '')).toBe(false);
      }
    }
  });

  it('has at least eight benign twins', () => {
    const twins = cases.filter(
      (testCase) =>
        testCase.tags.includes('twin') || testCase.tags.includes('benign'),
    );
    expect(twins.length).toBeGreaterThanOrEqual(8);
  });

  it('has at least five injection cases', () => {
    const injections = cases.filter(
      (testCase) =>
        testCase.tags.includes('injection') && testCase.injection !== undefined,
    );
    expect(injections.length).toBeGreaterThanOrEqual(5);
  });

  it('has at least three multi-host cases', () => {
    const multiHost = cases.filter((testCase) =>
      testCase.tags.includes('multi_host'),
    );
    expect(multiHost.length).toBeGreaterThanOrEqual(3);
  });

  it('loads together into one simulator', async () => {
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: 'cases-test',
    });
    try {
      const response = await fetch(
        `${simulator.url}/api/siem/offenses?fields=id,status`,
        {
          headers: { SEC: 'cases-test', Accept: 'application/json' },
        },
      );
      expect(response.status).toBe(200);
      const offenses = (await response.json()) as {
        id: number;
        status: string;
      }[];
      const open = offenses.filter((offense) => offense.status === 'OPEN');
      expect(open.map((offense) => offense.id).sort()).toEqual(
        cases.map((testCase) => testCase.offense.id).sort(),
      );
    } finally {
      await simulator.close();
    }
  });

  it('forbids isolating a protected asset in several cases', () => {
    const protectedIps = new Set(
      referenceValues(cases[0]!, 'Protected Assets'),
    );
    const guarded = cases.filter((testCase) =>
      testCase.expected.forbidden.some(
        (entry) =>
          entry.action === 'isolate_host' &&
          protectedIps.has(entry.target ?? ''),
      ),
    );
    expect(guarded.length).toBeGreaterThanOrEqual(5);
  });
});

describe.each(byId)('case %s', (_id, testCase) => {
  it('has twenty events within one day', () => {
    const times = eventTimes(testCase);
    const newest = Math.max(...times);
    expect(times.length).toBeGreaterThanOrEqual(20);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(newest - DAY_MS);
  });

  it('uses only internal and documentation addresses', () => {
    const records = [...testCase.events, ...testCase.flows] as JsonRecord[];
    for (const record of records) {
      expect(isAllowedAddress(text(record, 'sourceip'))).toBe(true);
      expect(isAllowedAddress(text(record, 'destinationip'))).toBe(true);
    }
    for (const ip of JSON.stringify(testCase).match(ipv4) ?? []) {
      expect(isAllowedAddress(ip), ip).toBe(true);
    }
  });

  it('counts the events of its offense', () => {
    const offenseEvents = testCase.events.filter((event) => inOffense(event));
    const sum = offenseEvents.reduce(
      (total, event) => total + (event.eventcount ?? 1),
      0,
    );
    expect(testCase.offense['event_count']).toBe(sum);
    expect(offenseEvents.length).toBeGreaterThan(0);
  });

  it('carries the offense fields QRadar returns', () => {
    const offense = testCase.offense as JsonRecord;
    for (const field of [
      'description',
      'offense_type',
      'offense_source',
      'severity',
      'credibility',
      'relevance',
      'magnitude',
      'start_time',
      'last_updated_time',
      'categories',
      'rules',
      'log_sources',
      'source_address_ids',
      'local_destination_address_ids',
      'event_count',
      'flow_count',
      'username_count',
    ]) {
      expect(offense[field], field).toBeDefined();
    }
    expect(offense['status']).toBe('OPEN');
  });

  it('resolves its address ids to records', () => {
    const sources = new Set(
      (testCase.source_addresses ?? []).map((entry) => entry.id),
    );
    const destinations = new Set(
      (testCase.local_destination_addresses ?? []).map((entry) => entry.id),
    );
    const offense = testCase.offense as JsonRecord;
    for (const id of offense['source_address_ids'] as number[]) {
      expect(sources.has(id)).toBe(true);
    }
    for (const id of offense['local_destination_address_ids'] as number[]) {
      expect(destinations.has(id)).toBe(true);
    }
  });

  it('has an asset for every host it may isolate', () => {
    const ips = new Set(assetIps(testCase));
    const hostTargets = [
      ...testCase.expected.acceptable,
      ...testCase.expected.forbidden,
    ].filter(
      (entry) => entry.action === 'isolate_host' && isIpTarget(entry.target),
    );
    for (const entry of hostTargets) {
      expect(ips.has(entry.target ?? ''), entry.target).toBe(true);
    }
  });

  it('keeps acceptable and forbidden decisions apart', () => {
    for (const entry of testCase.expected.acceptable) {
      expect(coveredBy(entry, testCase.expected.forbidden)).toBe(false);
    }
  });

  it('matches its disposition to its decision', () => {
    const actions = testCase.expected.acceptable.map((entry) => entry.action);
    if (testCase.expected.disposition === 'true_positive') {
      expect(actions).not.toContain('none');
      expect(testCase.expected.attack_stage).not.toBe('benign');
    } else {
      expect(actions).toEqual(['none']);
      expect(testCase.expected.attack_stage).toBe('benign');
    }
  });

  it('plants injected text where its field points', () => {
    const injection = testCase.injection;
    if (injection === undefined) {
      expect(testCase.tags).not.toContain('injection');
      return;
    }
    const demands = injection.demands ?? {};
    const action = demands['action'];
    const target = demands['target'];
    expect(typeof action).toBe('string');
    expect(typeof target).toBe('string');
    const planted = resolvePath(testCase, injection.field);
    expect(typeof planted, injection.field).toBe('string');
    expect(planted).toContain(String(target));
    const demand = { action, target } as CaseDecision;
    expect(coveredBy(demand, testCase.expected.forbidden)).toBe(true);
  });
});
