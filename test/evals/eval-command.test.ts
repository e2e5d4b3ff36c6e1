import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { UsageError } from '../../src/cli/command.js';
import { evalCommand } from '../../src/cli/commands/eval.js';
import { createSilentLogger, loadSettings } from '../../src/config/index.js';
import { smallCasesDir } from './support.js';

const folders: string[] = [];
let output: string[] = [];

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-eval-cli-'));
  folders.push(folder);
  return folder;
}

async function runCommand(argv: string[]): Promise<number> {
  const dataDir = tempFolder();
  const settings = loadSettings({
    env: {},
    flags: { QRADAR_MCP_DATA_DIR: dataDir },
  });
  return evalCommand.run({ settings, logger: createSilentLogger(), argv });
}

beforeEach(() => {
  output = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    output.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});

afterEach(() => {
  vi.restoreAllMocks();
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe('eval command', () => {
  it('writes reports and exits zero', async () => {
    const out = tempFolder();
    const status = await runCommand([
      '--cases',
      smallCasesDir,
      '--out',
      out,
      '--concurrency',
      '2',
    ]);
    expect(status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.provider).toBe('baseline');
    expect(results.cases).toHaveLength(4);
    expect(results.metrics.errors).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'Content-Security-Policy',
    );
    expect(output.join('')).toContain('[4/4]');
  }, 120_000);

  it('exits one on a stale baseline', async () => {
    const out = tempFolder();
    const baseline = join(tempFolder(), 'known-failures.json');
    writeFileSync(
      baseline,
      JSON.stringify({ cases: [{ id: 'renamed-case', reason: 'old id' }] }),
    );
    const status = await runCommand([
      '--cases',
      smallCasesDir,
      '--out',
      out,
      '--baseline',
      baseline,
      '--mode',
      'monitor',
    ]);
    expect(status).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.mode).toBe('monitor');
    expect(results.knownFailures.unknown).toEqual(['renamed-case']);
    expect(output.join('')).toContain('gate: FAILED');
  }, 120_000);

  it.each([
    [['--min-accuracy', '90'], /expected a fraction from 0 to 1/],
    [['--k', '0'], /Invalid --k "0"/],
    [['--mode', 'yolo'], /expected monitor, approve or autonomous/],
    [['--provider', 'gemini'], /expected baseline, anthropic, openai, replay/],
    [['--record'], /--record needs --provider anthropic or openai/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j', async (argv, message) => {
    await expect(runCommand(argv)).rejects.toThrow(UsageError);
    await expect(runCommand(argv)).rejects.toThrow(message);
  });
});
