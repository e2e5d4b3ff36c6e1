import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { approvalsCommand } from '../../src/cli/commands/approvals.js';
import { createSilentLogger } from '../../src/config/index.js';
import { simulatorDbPath, startSimulator } from '../../src/sim/index.js';
import { openStore, type NewApprovalRequest } from '../../src/store/index.js';
import { jsonLines, makeDataDir, runCommand } from './operator-harness.js';

const simCasesDir = fileURLToPath(new URL('../sim/cases', import.meta.url));
// Attacker-controlled offense text: a terminal escape and a bidi override.
const hostileDescription =
  'Multiple Login Failures for the Same Source\u001b[2J\u202e\nrm -rf';

/** Loads the small simulator cases into the data directory's simulator store. */
async function seedSimulator(dataDir: string): Promise<void> {
  const casesDir = makeDataDir();
  for (const name of ['bruteforce-vpn.json', 'scanner-benign.json']) {
    const content = JSON.parse(
      readFileSync(join(simCasesDir, name), 'utf8'),
    ) as { offense: Record<string, unknown> };
    if (content.offense['id'] === 101)
      content.offense['description'] = hostileDescription;
    writeFileSync(join(casesDir, name), JSON.stringify(content));
  }
  const simulator = await startSimulator({
    dbPath: simulatorDbPath(dataDir),
    token: 'seed-token',
    casesDir,
  });
  await simulator.close();
}

function request(overrides: Partial<NewApprovalRequest>): NewApprovalRequest {
  return {
    action: 'block_ip',
    target: '203.0.113.7',
    targetKind: 'ip',
    targetLabel: '203.0.113.7',
    offenseId: 101,
    parameters: {},
    parametersDigest: 'digest',
    evidence: [{ kind: 'event', ref: 'event:1', excerpt: 'login failed' }],
    rationale: 'Spraying from one external address',
    confidence: 0.9,
    criticality: 'low',
    criticalityDerivation: ['external address -> low'],
    roles: [],
    requestedBy: 'claude-desktop',
    requestedByRole: null,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  };
}

async function show(
  overrides: Partial<NewApprovalRequest>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dataDir = makeDataDir();
  await seedSimulator(dataDir);
  const store = openStore(dataDir, { logger: createSilentLogger() });
  const { request: record } = await store.approvals.findOrCreatePending(
    request(overrides),
  );
  await store.close();
  return runCommand(approvalsCommand, dataDir, ['show', record.id]);
}

describe('approvals show', () => {
  it('shows offense status and magnitude', async () => {
    const output = await show({});
    expect(output.code).toBe(0);
    expect(output.stdout).toContain(
      'Offense      101: status OPEN, magnitude 5\n',
    );
  });

  it('marks offense description untrusted', async () => {
    const { stdout } = await show({});
    expect(stdout).toMatch(
      /^Description {2}\(from QRadar, untrusted\) Multiple Login Failures for the Same Source/m,
    );
  });

  it('strips escapes from offense description', async () => {
    const { stdout } = await show({});
    expect(stdout).not.toContain('\u001b');
    expect(stdout).not.toContain('\u202e');
    expect(stdout).not.toMatch(/^rm -rf/m);
  });

  it('shows an address label once', async () => {
    const { stdout } = await show({});
    expect(stdout).toContain('Target       203.0.113.7\n');
    expect(stdout).not.toContain('[203.0.113.7]');
  });

  it('keeps a label that differs', async () => {
    const { stdout } = await show({
      action: 'isolate_host',
      target: 'asset:2001',
      targetKind: 'host',
      targetLabel: 'vpn01.corp.example, 10.0.5.20 (asset 2001)',
    });
    expect(stdout).toContain(
      'Target       vpn01.corp.example, 10.0.5.20 (asset 2001) [asset:2001]\n',
    );
  });

  it('finds a source address in the offense', async () => {
    const { stdout } = await show({});
    expect(stdout).toContain('In offense   source address, offense source\n');
  });

  it('warns about an address outside the offense', async () => {
    const { stdout } = await show({
      target: '198.51.100.77',
      targetLabel: '198.51.100.77',
    });
    expect(stdout).toMatch(
      /^In offense {3}WARNING: target not seen in offense 101 \(checked 3 addresses, 1 asset host\)$/m,
    );
  });

  it('finds an asset host in the offense', async () => {
    const { stdout } = await show({
      action: 'isolate_host',
      target: 'asset:2001',
      targetKind: 'host',
      targetLabel: 'vpn01.corp.example, 10.0.5.20 (asset 2001)',
    });
    expect(stdout).toContain(
      'In offense   local destination address, asset vpn01.corp.example\n',
    );
  });

  it('finds a host name in the offense', async () => {
    const { stdout } = await show({
      action: 'isolate_host',
      target: 'vpn01.corp.example',
      targetKind: 'host',
      targetLabel: 'vpn01.corp.example',
    });
    expect(stdout).toContain('In offense   asset vpn01.corp.example\n');
  });

  it('finds an account among event usernames', async () => {
    const { stdout } = await show({
      action: 'disable_user',
      target: 'alice',
      targetKind: 'user',
      targetLabel: 'alice (domain corp)',
    });
    expect(stdout).toContain('In offense   event username\n');
  });

  it('warns about an account outside the offense', async () => {
    const { stdout } = await show({
      action: 'disable_user',
      target: 'mallory',
      targetKind: 'user',
      targetLabel: 'mallory',
    });
    expect(stdout).toMatch(
      /WARNING: target not seen in offense 101 \(checked 3 addresses, 1 asset host, 3 usernames\)$/m,
    );
  });

  it('reports an unreadable offense', async () => {
    const output = await show({ offenseId: 4242 });
    expect(output.code).toBe(0);
    expect(output.stdout).toMatch(
      /^Offense {6}4242 \(details unavailable: .*4242.*\)$/m,
    );
    expect(output.stdout).toContain(
      'In offense   not checked, because the offense could not be read\n',
    );
  });

  it('prints no JSON log lines', async () => {
    const { stderr } = await show({});
    expect(jsonLines(stderr)).toEqual([]);
  });
});
