import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { UsageError } from '../../src/cli/command.js';
import { approvalsCommand } from '../../src/cli/commands/approvals.js';
import { auditCommand } from '../../src/cli/commands/audit.js';
import { policyCommand } from '../../src/cli/commands/policy.js';
import type { Command } from '../../src/cli/command.js';
import { loadSettings } from '../../src/config/index.js';
import {
  canonicalizeUser,
  type CheckpointDecision,
  type Policy,
} from '../../src/policy/index.js';
import { makeClock, makeTempDir } from '../store/support/temp-dir.js';
import {
  blockRequest,
  logger,
  makeHarness as makeFixedClockHarness,
  type Harness,
} from './support/checkpoint-harness.js';
import {
  FakeReferenceData,
  shippedSets,
} from './support/fake-reference-data.js';

/** Builds a harness on the wall clock, which the CLI commands use. */
function makeHarness(changes: Partial<Policy> = {}): Harness {
  return makeFixedClockHarness(changes, {
    dataDir: makeTempDir('qradar-mcp-cli-'),
    clock: makeClock(new Date().toISOString()),
    referenceData: new FakeReferenceData(shippedSets()),
  });
}

let stdout = '';
let stderr = '';

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function run(
  command: Command,
  harness: Harness,
  argv: string[],
): Promise<number> {
  const settings = loadSettings({
    env: { QRADAR_MCP_DATA_DIR: harness.dataDir },
  });
  return command.run({ settings, logger, argv });
}

function requestIdOf(decision: CheckpointDecision): string {
  expect(decision.decision, decision.reason).toBe('approval_required');
  return decision.decision === 'approval_required' ? decision.requestId : '';
}

describe('approvals command', () => {
  it('refuses a non-soc_lead for a high target', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('10.0.9.9')),
    );
    const refused = await run(approvalsCommand, harness, [
      'approve',
      requestId,
      '--as',
      'analyst',
    ]);
    expect(refused).toBe(1);
    expect(stderr).toMatch(/needs the role soc_lead/);
    expect((await harness.store.approvals.get(requestId))?.status).toBe(
      'pending',
    );
    const approved = await run(approvalsCommand, harness, [
      'approve',
      requestId,
      '--as',
      'soc-lead',
    ]);
    expect(approved).toBe(0);
    expect(stdout).toContain(`Approved ${requestId}`);
    const view = await harness.checkpoint.getApproval(requestId);
    expect(view.token).toMatch(/^ey/);
  });

  it('shows attacker text inert in list', async () => {
    const harness = makeHarness();
    const hostile = 'jdoe\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil';
    await harness.checkpoint.evaluate({
      ...blockRequest('203.0.113.7'),
      action: 'disable_user',
      target: canonicalizeUser('jdoe'),
      client: { name: `agent\u001b[31m-red` },
      evidence: [{ kind: 'event', ref: 'event:1', excerpt: `user ${hostile}` }],
      rationale: `Account ${hostile} sprayed passwords`,
    });
    // A record written before canonicalization existed, or by another
    // writer, can still hold escapes in its label.
    const db = new Database(harness.store.databasePath);
    db.prepare('UPDATE approval_requests SET target_label = ?').run(hostile);
    db.close();
    expect(await run(approvalsCommand, harness, ['list'])).toBe(0);
    const [requestId] = (await harness.store.approvals.list()).map((r) => r.id);
    expect(await run(approvalsCommand, harness, ['show', requestId!])).toBe(0);
    expect(stdout).toContain('jdoe');
    expect(stdout).toContain('agent-red');
    expect(stdout).toContain('written by the model');
    for (const character of ['\u001b', '\u0007', '\u009b', '\u202e']) {
      expect(stdout.includes(character), JSON.stringify(character)).toBe(false);
    }
  });

  it('denies with a reason', async () => {
    const harness = makeHarness();
    const requestId = requestIdOf(
      await harness.checkpoint.evaluate(blockRequest('203.0.113.7')),
    );
    await expect(
      run(approvalsCommand, harness, ['deny', requestId, '--as', 'analyst']),
    ).rejects.toThrow(UsageError);
    const code = await run(approvalsCommand, harness, [
      'deny',
      requestId,
      '--as',
      'analyst',
      '--reason',
      'known scanner',
    ]);
    expect(code).toBe(0);
    expect((await harness.store.approvals.get(requestId))?.status).toBe(
      'denied',
    );
    stdout = '';
    expect(await run(approvalsCommand, harness, ['list'])).toBe(0);
    expect(stdout).toMatch(/No pending approval requests/);
    expect(await run(approvalsCommand, harness, ['list', '--all'])).toBe(0);
    expect(stdout).toContain(requestId);
  });

  it('reports an unknown request id', async () => {
    const harness = makeHarness();
    expect(await run(approvalsCommand, harness, ['show', 'apr_nope'])).toBe(1);
    expect(stderr).toMatch(/not found/);
  });
});

describe('policy command', () => {
  it('halts every checkpoint on the data directory', async () => {
    const harness = makeHarness({ mode: 'autonomous' });
    expect(
      await run(policyCommand, harness, [
        'halt',
        '--reason',
        'incident',
        '--as',
        'lead',
      ]),
    ).toBe(0);
    const halted = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    expect(halted.rule).toBe('kill_switch');
    expect(await run(policyCommand, harness, ['resume', '--as', 'lead'])).toBe(
      0,
    );
    const resumed = await harness.checkpoint.evaluate(
      blockRequest('203.0.113.7'),
    );
    expect(resumed.decision).toBe('execute');
  });

  it('shows the policy as JSON', async () => {
    const harness = makeHarness();
    expect(await run(policyCommand, harness, ['show', '--json'])).toBe(0);
    const shown = JSON.parse(stdout) as Record<string, unknown>;
    expect(shown['mode']).toBe('approve');
    expect(shown['kill_switch']).toMatchObject({ halted: false });
  });
});

describe('audit command', () => {
  it('exits 1 naming the first bad seq', async () => {
    const harness = makeHarness();
    await harness.checkpoint.evaluate(blockRequest('10.0.5.20'));
    await harness.checkpoint.evaluate(blockRequest('203.0.113.7'));
    expect(await run(auditCommand, harness, ['verify'])).toBe(0);
    expect(stdout).toMatch(/Audit chain verified: 2 rows/);
    const db = new Database(harness.store.databasePath);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE seq = 1").run();
    db.close();
    expect(await run(auditCommand, harness, ['verify'])).toBe(1);
    expect(stderr).toMatch(/Audit verification failed at seq 1:/);
  });

  it('lists rows with inert text', async () => {
    const harness = makeHarness();
    await harness.checkpoint.evaluate({
      ...blockRequest('10.0.5.20'),
      client: { name: 'bad\u001b[2Jclient' },
    });
    expect(await run(auditCommand, harness, ['list'])).toBe(0);
    expect(stdout).toContain('badclient');
    expect(stdout.includes('\u001b')).toBe(false);
  });
});
