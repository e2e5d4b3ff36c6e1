import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator } from '../../src/sim/index.js';
import {
  testOffenses,
  testTargets,
  writeTestCases,
} from '../support/mcp-cases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'src', 'cli', 'index.js');
const blockSet = 'QRadar-MCP Blocked IPs';

const gated = {
  offense_id: testOffenses.main,
  rationale: 'Password spraying from one external source, then a success.',
  confidence: 0.9,
  evidence: [
    { kind: 'event', ref: 'event:501-1', excerpt: 'VPN Login Succeeded' },
  ],
};

function cleanEnvironment(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('QRADAR_')) continue;
    env[name] = value;
  }
  return { ...env, QRADAR_MCP_DATA_DIR: dataDir, QRADAR_MCP_LOG_LEVEL: 'info' };
}

describe('qradar-mcp serve over stdio', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let client: Client;
  let transport: StdioClientTransport;
  const stderr: string[] = [];
  const transportErrors: Error[] = [];

  function runCli(...args: string[]): {
    status: number | null;
    stdout: string;
    stderr: string;
  } {
    const result = spawnSync(process.execPath, [cli, ...args], {
      env,
      encoding: 'utf8',
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
    };
  }

  async function call(
    name: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult> {
    return (await client.callTool({ name, arguments: args })) as CallToolResult;
  }

  async function blockedNow(ip: string): Promise<boolean> {
    const result = await call('check_reference_sets', { values: [ip] });
    const [entry] = result.structuredContent?.['results'] as {
      sets: { name: string }[];
    }[];
    return entry?.sets.some((set) => set.name === blockSet) ?? false;
  }

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', '--silent', 'ensure-build'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    dataDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-stdio-'));
    env = cleanEnvironment(dataDir);
    // Seed the shared simulator store with the test case; every process
    // that runs without QRADAR_URL then serves this QRadar.
    const seed = await startSimulator({
      dbPath: join(dataDir, 'sim.sqlite'),
      token: 'seed-token',
      casesDir: writeTestCases(
        mkdtempSync(join(tmpdir(), 'qradar-mcp-cases-')),
      ),
    });
    await seed.close();
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [cli, 'serve'],
      env,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) =>
      stderr.push(chunk.toString('utf8')),
    );
    transport.onerror = (error) => transportErrors.push(error);
    client = new Client({ name: 'stdio-e2e', version: '1.0.0' });
    await client.connect(transport);
  }, 180_000);

  afterAll(async () => {
    await client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('announces the embedded simulator on stderr', () => {
    expect(stderr.join('')).toContain('embedded QRadar simulator');
  });

  it('creates the approver key pair', () => {
    expect(statSync(join(dataDir, 'approver.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, 'approver.pub'))).toBe(true);
  });

  it('serves tools with only MCP on stdout', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(15);
    const offense = await call('get_offense', {
      offense_id: testOffenses.main,
    });
    expect(offense.isError).toBeFalsy();
    expect(transportErrors).toEqual([]);
  });

  it('runs the approval flow across processes', async () => {
    const args = { ...gated, ip: testTargets.ip.plain };
    const first = await call('block_ip', args);
    expect(first.structuredContent?.['decision']).toBe('approval_required');
    const requestId = String(first.structuredContent?.['request_id']);

    const approval = runCli(
      'approvals',
      'approve',
      requestId,
      '--as',
      'soc-lead',
    );
    expect(approval.status, approval.stderr).toBe(0);

    const view = await call('get_approval', { request_id: requestId });
    expect(view.structuredContent?.['status']).toBe('approved');
    const token = String(view.structuredContent?.['token']);

    const executed = await call('block_ip', { ...args, approval_token: token });
    expect(executed.structuredContent?.['decision']).toBe('executed');
    const actionId = String(executed.structuredContent?.['action_id']);
    expect(await blockedNow(testTargets.ip.plain)).toBe(true);

    const reused = await call('block_ip', { ...args, approval_token: token });
    expect(reused.structuredContent?.['decision']).toBe('denied');
    expect(reused.structuredContent?.['rule']).toBe('token:already_used');

    const otherAddress = await call('block_ip', {
      ...args,
      ip: testTargets.ip.other,
      approval_token: token,
    });
    expect(otherAddress.structuredContent?.['decision']).toBe('denied');
    expect(otherAddress.structuredContent?.['rule']).toBe(
      'token:target_mismatch',
    );
    expect(await blockedNow(testTargets.ip.other)).toBe(false);

    const listed = runCli(
      'actions',
      'list',
      '--offense',
      String(testOffenses.main),
    );
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(actionId);

    const rollback = runCli(
      'actions',
      'rollback',
      actionId,
      '--as',
      'soc-lead',
    );
    expect(rollback.status, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('removed');
    expect(await blockedNow(testTargets.ip.plain)).toBe(false);
    expect(await blockedNow(testTargets.ip.preExisting)).toBe(true);
  });

  it('stops at a kill switch set by another process', async () => {
    const halt = runCli(
      'policy',
      'halt',
      '--reason',
      'e2e test',
      '--as',
      'soc-lead',
    );
    expect(halt.status, halt.stderr).toBe(0);
    const halted = await call('block_ip', {
      ...gated,
      ip: testTargets.ip.other,
    });
    expect(halted.structuredContent?.['decision']).toBe('denied');
    expect(halted.structuredContent?.['rule']).toBe('kill_switch');
    const resume = runCli('policy', 'resume', '--as', 'soc-lead');
    expect(resume.status, resume.stderr).toBe(0);
    const resumed = await call('block_ip', {
      ...gated,
      ip: testTargets.ip.other,
    });
    expect(resumed.structuredContent?.['decision']).toBe('approval_required');
  });

  it('rejects rollback by an unknown operator', () => {
    const result = runCli(
      'actions',
      'rollback',
      'act_000000000000',
      '--as',
      'nobody',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('not found in the policy');
  });
});
