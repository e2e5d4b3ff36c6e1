import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { tokensCommand } from '../../src/cli/commands/tokens.js';
import { createSilentLogger, loadSettings } from '../../src/config/index.js';
import { hashToken, readTokensFile } from '../../src/server/http/index.js';

let directory: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-tokens-cli-'));
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(directory, { recursive: true, force: true });
});

function run(argv: string[]): Promise<number> {
  const settings = loadSettings({ env: { QRADAR_MCP_DATA_DIR: directory } });
  return tokensCommand.run({ settings, logger: createSilentLogger(), argv });
}

describe('tokens command', () => {
  it('prints new token alone on stdout', async () => {
    expect(await run(['add', 'soc-bot', '--role', 'analyst'])).toBe(0);
    const token = stdout.join('').trim();
    expect(token).toMatch(/^qmcp_/);
    expect(stderr.join('')).not.toContain(token);
    const entries = readTokensFile(join(directory, 'http-tokens.yaml'));
    expect(entries?.[0]?.sha256).toBe(hashToken(token));
  });

  it('warns about role no rule names', async () => {
    await run(['add', 'typo-bot', '--role', 'soc-lead']);
    expect(stderr.join('')).toContain('names the role soc-lead');
    stderr.length = 0;
    await run(['add', 'lead-bot', '--role', 'soc_lead']);
    expect(stderr.join('')).not.toContain('names the role');
  });

  it('lists clients without tokens', async () => {
    await run(['add', 'soc-bot', '--role', 'analyst']);
    const token = stdout.join('').trim();
    stdout.length = 0;
    await run(['list', '--json']);
    const listed = JSON.parse(stdout.join('')) as Record<string, unknown>[];
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'soc-bot',
        role: 'analyst',
        sha256_prefix: hashToken(token).slice(0, 8),
      }),
    ]);
    expect(stdout.join('')).not.toContain(token);
  });

  it('removes a client', async () => {
    await run(['add', 'soc-bot', '--role', 'analyst']);
    expect(await run(['remove', 'soc-bot'])).toBe(0);
    expect(readTokensFile(join(directory, 'http-tokens.yaml'))).toEqual([]);
  });

  it('requires role on add', () => {
    expect(() => run(['add', 'soc-bot'])).toThrow('Missing --role');
  });
});
