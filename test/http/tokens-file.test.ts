import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  addToken,
  findTokenEntry,
  hashToken,
  readTokensFile,
  removeToken,
} from '../../src/server/http/index.js';

let directory: string;
let path: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-tokens-'));
  path = join(directory, 'nested', 'http-tokens.yaml');
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('tokens file', () => {
  it('reads missing file as undefined', () => {
    expect(readTokensFile(path)).toBeUndefined();
  });

  it('stores hash, never the token', () => {
    const { token, entry } = addToken(
      path,
      { name: 'soc-bot', role: 'analyst' },
      0,
    );
    const text = readFileSync(path, 'utf8');
    expect(token).toMatch(/^qmcp_[\w-]{43}$/);
    expect(text).not.toContain(token);
    expect(text).toContain(hashToken(token));
    expect(entry).toEqual({
      name: 'soc-bot',
      role: 'analyst',
      sha256: hashToken(token),
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    expect(readTokensFile(path)).toEqual([entry]);
  });

  it('writes file with mode 0600', () => {
    addToken(path, { name: 'soc-bot', role: 'analyst' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('rejects duplicate client name', () => {
    addToken(path, { name: 'soc-bot', role: 'analyst' });
    expect(() => addToken(path, { name: 'soc-bot', role: 'soc_lead' })).toThrow(
      'already lists it',
    );
  });

  it('rejects invalid name and role', () => {
    expect(() => addToken(path, { name: 'bad name', role: 'analyst' })).toThrow(
      'Invalid client name "bad name"',
    );
    expect(() => addToken(path, { name: 'bot', role: '' })).toThrow(
      'Invalid client role ""',
    );
  });

  it('removes one client', () => {
    const first = addToken(path, { name: 'first', role: 'analyst' });
    addToken(path, { name: 'second', role: 'soc_lead' });
    expect(removeToken(path, 'second').role).toBe('soc_lead');
    expect(readTokensFile(path)).toEqual([first.entry]);
    expect(() => removeToken(path, 'second')).toThrow(
      'Client "second" not found',
    );
  });

  it('rejects hand-written invalid entries', () => {
    addToken(path, { name: 'first', role: 'analyst' });
    writeFileSync(path, '- name: bot\n  role: analyst\n  sha256: abc\n');
    expect(() => readTokensFile(path)).toThrow('Invalid tokens file');
    writeFileSync(
      path,
      `- {name: bot, role: a, sha256: ${'a'.repeat(64)}}\n- {name: bot, role: b, sha256: ${'b'.repeat(64)}}\n`,
    );
    expect(() => readTokensFile(path)).toThrow('appears twice');
  });

  it('reads empty file as empty list', () => {
    addToken(path, { name: 'first', role: 'analyst' });
    writeFileSync(path, '# no clients yet\n');
    expect(readTokensFile(path)).toEqual([]);
  });
});

describe('findTokenEntry', () => {
  it('matches only the exact token', () => {
    const first = addToken(path, { name: 'first', role: 'analyst' });
    const second = addToken(path, { name: 'second', role: 'soc_lead' });
    const entries = readTokensFile(path) ?? [];
    expect(findTokenEntry(entries, first.token)?.name).toBe('first');
    expect(findTokenEntry(entries, second.token)?.name).toBe('second');
    expect(findTokenEntry(entries, `${first.token}x`)).toBeUndefined();
    expect(findTokenEntry(entries, first.entry.sha256)).toBeUndefined();
    expect(findTokenEntry([], first.token)).toBeUndefined();
  });
});
