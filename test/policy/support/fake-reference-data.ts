import type { ReferenceDataReader } from '../../../src/policy/index.js';

/** One reference set of the fake: element type and values. */
export interface FakeSet {
  elementType: string;
  values: string[];
}

/**
 * An in-memory ReferenceDataReader that counts its reads, so tests can see
 * that roles are read on every call. `failWith` makes every read throw.
 */
export class FakeReferenceData implements ReferenceDataReader {
  sets: Record<string, FakeSet>;
  listCalls = 0;
  valueCalls = 0;
  failWith: Error | undefined;

  constructor(sets: Record<string, FakeSet>) {
    this.sets = sets;
  }

  listReferenceSets(): Promise<{ name: string; element_type: string }[]> {
    this.listCalls += 1;
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    return Promise.resolve(
      Object.entries(this.sets).map(([name, set]) => ({
        name,
        element_type: set.elementType,
      })),
    );
  }

  getReferenceSetValues(name: string): Promise<string[]> {
    this.valueCalls += 1;
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    const set = this.sets[name];
    if (set === undefined) {
      return Promise.reject(new Error(`reference set ${name} not found`));
    }
    return Promise.resolve([...set.values]);
  }
}

/** Reference sets with the shipped policy's names, as the test cases use them. */
export function shippedSets(): Record<string, FakeSet> {
  return {
    'Protected Assets': { elementType: 'IP', values: ['10.0.5.20'] },
    'Protected Hostnames': {
      elementType: 'ALNIC',
      values: ['DC01.corp.example'],
    },
    'Critical Assets': { elementType: 'IP', values: ['10.0.9.9'] },
    'Authorized Scanners': { elementType: 'IP', values: ['198.51.100.23'] },
    'Approved Destinations': { elementType: 'IP', values: ['203.0.113.80'] },
    'Privileged Accounts': {
      elementType: 'ALNIC',
      values: ['Administrator', 'CORP\\svc_backup'],
    },
    'Pentest Sources': { elementType: 'CIDR', values: ['192.0.2.0/28'] },
    'Untrusted Hosts': { elementType: 'IP', values: ['203.0.113.7'] },
    'QRadar-MCP Blocked IPs': { elementType: 'IP', values: [] },
  };
}
