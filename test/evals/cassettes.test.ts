import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  cassetteFileFor,
  installedSdkVersion,
  writeCassetteManifest,
} from '../../evals/index.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe('cassette manifest', () => {
  it('reads installed SDK versions', () => {
    expect(installedSdkVersion('anthropic')).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedSdkVersion('openai')).toMatch(/^\d+\.\d+\.\d+/);
    expect(installedSdkVersion('baseline')).toBeUndefined();
  });

  it('writes model, SDK and date', () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-cassettes-'));
    folders.push(folder);
    const path = writeCassetteManifest(folder, {
      provider: 'openai',
      model: 'gpt-4.1',
      caseIds: ['b-case', 'a-case'],
      nowMs: Date.UTC(2026, 5, 1),
    });
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    expect(manifest).toEqual({
      provider: 'openai',
      model: 'gpt-4.1',
      sdk: 'openai',
      sdkVersion: installedSdkVersion('openai'),
      recordedAt: '2026-06-01T00:00:00.000Z',
      synthetic: false,
      cases: ['a-case', 'b-case'],
    });
  });

  it('names one cassette per case', () => {
    expect(cassetteFileFor('/tmp/c', 'bruteforce-vpn')).toBe(
      '/tmp/c/bruteforce-vpn.json',
    );
  });
});
