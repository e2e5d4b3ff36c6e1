import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  addToken,
  createHttpAuthenticator,
  removeToken,
} from '../../src/server/http/index.js';

let directory: string;
let path: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-auth-'));
  path = join(directory, 'http-tokens.yaml');
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('createHttpAuthenticator', () => {
  it('accepts loopback without file as local', () => {
    const authenticator = createHttpAuthenticator({
      tokensFile: path,
      loopback: true,
    });
    expect(authenticator.mode).toBe('local');
    expect(authenticator.authenticate(undefined)).toEqual({
      ok: true,
      client: { name: 'local' },
    });
  });

  it('refuses non-loopback without tokens', () => {
    expect(() =>
      createHttpAuthenticator({ tokensFile: path, loopback: false }),
    ).toThrow('lists no clients');
    writeFileSync(path, '[]\n');
    expect(() =>
      createHttpAuthenticator({ tokensFile: path, loopback: false }),
    ).toThrow('lists no clients');
  });

  it('maps token to name and role', () => {
    const { token } = addToken(path, { name: 'soc-bot', role: 'analyst' });
    const authenticator = createHttpAuthenticator({
      tokensFile: path,
      loopback: false,
    });
    expect(authenticator.mode).toBe('tokens');
    expect(authenticator.authenticate(`Bearer ${token}`)).toEqual({
      ok: true,
      client: { name: 'soc-bot', role: 'analyst' },
    });
    expect(authenticator.authenticate(`bearer ${token}`).ok).toBe(true);
  });

  it.each([
    [undefined, 'missing_token'],
    ['', 'missing_token'],
    ['Basic dXNlcjpwYXNz', 'missing_token'],
    ['Bearer', 'missing_token'],
    ['Bearer qmcp_wrong', 'invalid_token'],
  ])('rejects authorization %j', (header, reason) => {
    addToken(path, { name: 'soc-bot', role: 'analyst' });
    const authenticator = createHttpAuthenticator({
      tokensFile: path,
      loopback: true,
    });
    expect(authenticator.authenticate(header)).toEqual({ ok: false, reason });
  });

  it('applies removal without restart', () => {
    const kept = addToken(path, { name: 'kept', role: 'analyst' });
    const removed = addToken(path, { name: 'removed', role: 'soc_lead' });
    const authenticator = createHttpAuthenticator({
      tokensFile: path,
      loopback: true,
    });
    expect(authenticator.authenticate(`Bearer ${removed.token}`).ok).toBe(true);
    removeToken(path, 'removed');
    expect(authenticator.authenticate(`Bearer ${removed.token}`).ok).toBe(
      false,
    );
    expect(authenticator.authenticate(`Bearer ${kept.token}`).ok).toBe(true);
  });

  it('stays closed after file deletion', () => {
    const { token } = addToken(path, { name: 'soc-bot', role: 'analyst' });
    const authenticator = createHttpAuthenticator({
      tokensFile: path,
      loopback: true,
    });
    rmSync(path);
    expect(authenticator.mode).toBe('tokens');
    expect(authenticator.authenticate(`Bearer ${token}`).ok).toBe(false);
    expect(authenticator.authenticate(undefined).ok).toBe(false);
  });
});
