import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { packageRootDir } from '../../src/sim/index.js';

const cli = join(packageRootDir(), 'dist', 'src', 'cli', 'index.js');

describe('agent and demo commands', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-cli-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: dataDir,
      QRADAR_MCP_DATA_DIR: dataDir,
    };
    return spawnSync(process.execPath, [cli, ...args], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it('names the missing Anthropic key', () => {
    const result = run([
      'agent',
      'run',
      '--offense',
      '102',
      '--provider',
      'anthropic',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ANTHROPIC_API_KEY');
  });

  it('exits 3 while approval is pending', () => {
    const result = run(['agent', 'run', '--offense', '102']);
    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(
      /102\s+credential_access\s+block_ip 198\.51\.100\.23/,
    );
    expect(result.stdout).toContain('npx qradar-mcp agent resume run_');
    const runs = run(['agent', 'runs']);
    expect(runs.stdout).toContain('awaiting_approval');
  }, 60_000);

  it('fails on an unknown offense', () => {
    const result = run(['agent', 'run', '--offense', '999']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Offense 999 not found: list open offenses with qradar-mcp agent watch or the list_offenses tool.',
    );
    expect(run(['agent', 'runs']).stdout).toMatch(/failed/);
  }, 60_000);

  it('demo skips unchanged offenses when rerun', () => {
    expect(run(['demo']).status).toBe(0);
    const again = run(['demo']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(
      /(\d+) of \1 open offenses are already triaged/,
    );
    expect(again.stderr).toContain('triaging 0 open offenses');
  }, 120_000);

  it('demo triages every open offense', () => {
    const result = run(['demo']);
    expect(result.status).toBe(0);
    const rows = result.stdout
      .split('\n')
      .filter((line) => /^\d+\s{2,}/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(32);
    expect(result.stdout).toContain('npx qradar-mcp approvals approve apr_');
    expect(result.stdout).toContain('npx qradar-mcp agent resume run_');
    expect(result.stdout).toContain('mcpServers');
  }, 120_000);
});
