import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import {
  bundledCasesDir,
  caseFileSchema,
  loadCaseFiles,
} from '../../src/sim/index.js';

const casesDir = fileURLToPath(new URL('./cases', import.meta.url));
const folders: string[] = [];

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-cases-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe('loadCaseFiles', () => {
  it('loads test cases sorted by name', () => {
    const cases = loadCaseFiles(casesDir);
    expect(cases.map((entry) => entry.case.id)).toEqual([
      'bruteforce-vpn',
      'scanner-benign',
    ]);
    expect(cases[0]?.file).toBe(join(casesDir, 'bruteforce-vpn.json'));
  });

  it('applies defaults for omitted lists', () => {
    const [, scanner] = loadCaseFiles(casesDir);
    expect(scanner?.case.events).toEqual([]);
    expect(scanner?.case.offense_notes).toEqual([]);
    expect(scanner?.case.expected.forbidden).toHaveLength(2);
  });

  it('keeps unknown keys', () => {
    const parsed = caseFileSchema.parse({
      id: 'x',
      title: 'x',
      offense: { id: 1, custom_field: 7 },
      extra: true,
      expected: {
        disposition: 'benign',
        attack_stage: 'benign',
        acceptable: [{ action: 'none' }],
        approval_required: false,
      },
    });
    expect(parsed.offense['custom_field']).toBe(7);
    expect(parsed['extra']).toBe(true);
  });

  it('names file and JSON path', () => {
    const folder = tempFolder();
    writeFileSync(
      join(folder, 'broken.json'),
      JSON.stringify({
        id: 'broken',
        title: 'broken',
        offense: { id: 1 },
        events: [{}, { starttime: 'yesterday' }],
        expected: {
          disposition: 'benign',
          attack_stage: 'benign',
          acceptable: [{ action: 'none' }],
          approval_required: false,
        },
      }),
    );
    expect(() => loadCaseFiles(folder)).toThrow(
      /broken\.json: events\[1\]\.starttime: /,
    );
  });

  it('names file with invalid JSON', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'bad.json'), '{ not json');
    expect(() => loadCaseFiles(folder)).toThrow(/bad\.json/);
  });

  it('rejects unknown expected action', () => {
    const result = caseFileSchema.safeParse({
      id: 'x',
      title: 'x',
      offense: { id: 1 },
      expected: {
        disposition: 'benign',
        attack_stage: 'benign',
        acceptable: [{ action: 'reboot' }],
        approval_required: false,
      },
    });
    expect(result.success).toBe(false);
  });
});

describe('bundledCasesDir', () => {
  it('resolves from package root', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    expect(bundledCasesDir()).toBe(join(root, 'evals', 'cases'));
  });
});
