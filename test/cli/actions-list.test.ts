import { describe, expect, it } from 'vitest';

import { actionsCommand } from '../../src/cli/commands/actions.js';
import { createSilentLogger } from '../../src/config/index.js';
import {
  openStore,
  type ActionUpdate,
  type NewActionRecord,
  type VerificationState,
} from '../../src/store/index.js';
import { makeDataDir, runCommand } from './operator-harness.js';

function blockAction(target: string, verification: VerificationState) {
  const record: NewActionRecord = {
    requestId: null,
    claimSeq: 1,
    action: 'block_ip',
    target,
    targetKind: 'ip',
    offenseId: 101,
    executor: 'reference_set:QRadar-MCP Blocked IPs',
    existedBefore: false,
    rollbackData: { set: 'QRadar-MCP Blocked IPs', value: target },
    verification,
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
  return record;
}

/** Stores one action per row and returns the `actions list` rows by target. */
async function listRows(
  actions: {
    target: string;
    verification: VerificationState;
    update?: ActionUpdate;
  }[],
): Promise<Map<string, Record<string, string>>> {
  const dataDir = makeDataDir();
  const store = openStore(dataDir, { logger: createSilentLogger() });
  for (const action of actions) {
    const record = await store.actions.insert(
      blockAction(action.target, action.verification),
    );
    if (action.update !== undefined)
      await store.actions.update(record.id, action.update);
  }
  await store.close();
  const output = await runCommand(actionsCommand, dataDir, ['list']);
  expect(output.code).toBe(0);
  const [header, ...lines] = output.stdout.trimEnd().split('\n');
  const columns = (header ?? '').split(/\s{2,}/);
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split(/\s{2,}/);
    const row = Object.fromEntries(
      columns.map((column, index) => [column, cells[index] ?? '']),
    );
    rows.set(row['TARGET'] ?? '', row);
  }
  return rows;
}

describe('actions list', () => {
  it('has STATUS and VERIFICATION columns', async () => {
    const rows = await listRows([
      { target: '203.0.113.7', verification: 'listed' },
    ]);
    expect(rows.get('203.0.113.7')).toMatchObject({
      STATUS: 'executed',
      VERIFICATION: 'listed',
    });
  });

  it('shows a rolled-back action as rolled back', async () => {
    const rows = await listRows([
      {
        target: '203.0.113.8',
        verification: 'listed',
        update: { status: 'rolled_back', rolledBackBy: 'soc-lead' },
      },
    ]);
    expect(rows.get('203.0.113.8')?.['STATUS']).toBe('rolled_back');
    expect(rows.get('203.0.113.8')?.['VERIFICATION']).toBe('rolled back');
  });

  it('shows an expired action as rolled back', async () => {
    const rows = await listRows([
      {
        target: '203.0.113.9',
        verification: 'listed',
        update: { status: 'expired', rolledBackBy: 'sweeper' },
      },
    ]);
    expect(rows.get('203.0.113.9')?.['STATUS']).toBe('expired');
    expect(rows.get('203.0.113.9')?.['VERIFICATION']).toBe('rolled back');
  });

  it('shows a failed verification as failed', async () => {
    const rows = await listRows([
      { target: '203.0.113.10', verification: 'failed' },
    ]);
    expect(rows.get('203.0.113.10')?.['STATUS']).toBe('failed');
    expect(rows.get('203.0.113.10')?.['VERIFICATION']).toBe('-');
  });

  it('keeps each row in its state', async () => {
    const rows = await listRows([
      { target: '203.0.113.7', verification: 'listed' },
      {
        target: '203.0.113.8',
        verification: 'listed',
        update: { status: 'rolled_back', rolledBackBy: 'soc-lead' },
      },
      { target: '203.0.113.11', verification: 'unverified' },
    ]);
    expect(rows.get('203.0.113.7')?.['VERIFICATION']).toBe('listed');
    expect(rows.get('203.0.113.8')?.['VERIFICATION']).toBe('rolled back');
    expect(rows.get('203.0.113.11')?.['VERIFICATION']).toBe('unverified');
  });
});
