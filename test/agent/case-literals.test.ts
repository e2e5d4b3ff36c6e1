import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import { bundledCasesDir, packageRootDir } from '../../src/sim/index.js';

// Account names that the playbook must be able to name in order to protect
// them (built-in and service identities), shared by every Windows or Linux
// estate rather than chosen by a case.
const builtInAccounts = new Set([
  'administrator',
  'admin',
  'root',
  'guest',
  'system',
  'krbtgt',
  'nt authority',
  'local service',
  'network service',
  // Generic words that password sprays try as user names; code and prose
  // cannot avoid them, and they identify no case.
  'user',
  'test',
]);

type Json = Record<string, unknown>;

function collectFromCase(testCase: Json): Set<string> {
  const literals = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const text = value.trim();
    if (text.length < 4 || builtInAccounts.has(text.toLowerCase())) return;
    literals.add(text);
  };
  const offense = (testCase['offense'] ?? {}) as Json;
  add(offense['description']);
  add(offense['offense_source']);
  for (const rule of [
    ...((offense['rules'] ?? []) as Json[]),
    ...((testCase['rules'] ?? []) as Json[]),
  ]) {
    add(rule['name']);
  }
  for (const record of [
    ...((testCase['events'] ?? []) as Json[]),
    ...((testCase['flows'] ?? []) as Json[]),
  ]) {
    add(record['sourceip']);
    add(record['destinationip']);
    add(record['username']);
  }
  for (const asset of (testCase['assets'] ?? []) as Json[]) {
    for (const hostname of (asset['hostnames'] ?? []) as Json[])
      add(hostname['name']);
    for (const networkInterface of (asset['interfaces'] ?? []) as Json[]) {
      for (const address of (networkInterface['ip_addresses'] ?? []) as Json[])
        add(address['value']);
    }
    for (const user of (asset['users'] ?? []) as Json[]) add(user['username']);
  }
  for (const set of Object.values(
    (testCase['reference_sets'] ?? {}) as Record<string, Json>,
  )) {
    for (const element of (set['elements'] ?? []) as unknown[]) {
      add(
        typeof element === 'object' && element !== null
          ? (element as Json)['value']
          : element,
      );
    }
  }
  return literals;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('baseline independence', () => {
  const root = packageRootDir();
  const caseFiles = readdirSync(bundledCasesDir()).filter((name) =>
    name.endsWith('.json'),
  );
  const literals = new Set<string>();
  for (const name of caseFiles) {
    const testCase = JSON.parse(
      readFileSync(join(bundledCasesDir(), name), 'utf8'),
    ) as Json;
    for (const literal of collectFromCase(testCase)) literals.add(literal);
  }
  const sources = [
    ...filesUnder(join(root, 'src', 'agent')),
    ...filesUnder(join(root, 'playbook')),
  ];

  it('reads every bundled case', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(32);
    expect(literals.size).toBeGreaterThan(100);
  });

  it('names no case literal in agent code or playbook', () => {
    const found: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const literal of literals) {
        // Whole tokens only: "10.0.5.2" must not match inside "10.0.5.20".
        const pattern = new RegExp(
          `(?<![\\w.-])${escapeRegExp(literal)}(?![\\w-]|\\.\\d)`,
          'i',
        );
        if (pattern.test(text))
          found.push(`${relative(root, file)}: ${literal}`);
      }
    }
    expect(found).toEqual([]);
  });
});
