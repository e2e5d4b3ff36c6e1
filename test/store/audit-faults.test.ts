import { describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import {
  openStore,
  StoreError,
  type NewApprovalRequest,
  type StoreFaults,
} from '../../src/store/index.js';
import { makeTempDir } from './support/temp-dir.js';

const logger = createSilentLogger();

function isAuditFailure(error: unknown): boolean {
  return StoreError.is(error) && error.code === 'AUDIT_WRITE_FAILED';
}

const request: NewApprovalRequest = {
  action: 'block_ip',
  target: '203.0.113.7',
  targetKind: 'ip',
  targetLabel: '203.0.113.7',
  offenseId: 42,
  parameters: {},
  parametersDigest: 'digest',
  evidence: [],
  rationale: 'beaconing',
  confidence: 0.9,
  criticality: 'low',
  criticalityDerivation: [],
  roles: [],
  requestedBy: 'claude',
  requestedByRole: null,
  expiresAt: '2999-01-01T00:00:00.000Z',
};

describe('store refusing audit writes', () => {
  it('throws AUDIT_WRITE_FAILED on append', async () => {
    const store = openStore(makeTempDir(), {
      logger,
      faults: { failAuditWrites: true },
    });
    await expect(
      store.audit.append({ actor: 'tester', kind: 'intent' }),
    ).rejects.toSatisfy(isAuditFailure);
    expect(await store.audit.list()).toHaveLength(0);
    expect(await store.audit.head()).toBeNull();
  });

  it('claims nothing when the intent row fails', async () => {
    const faults: StoreFaults = { failAuditWrites: true };
    const store = openStore(makeTempDir(), { logger, faults });
    await expect(
      store.claims.recordIntent({
        entry: { actor: 'tester', action: 'block_ip' },
        tokenId: 'apr_1',
      }),
    ).rejects.toSatisfy(isAuditFailure);
    expect(await store.claims.usedAt('apr_1')).toBeUndefined();
    faults.failAuditWrites = false;
    const retry = await store.claims.recordIntent({
      entry: { actor: 'tester', action: 'block_ip' },
      tokenId: 'apr_1',
    });
    expect(retry.status).toBe('recorded');
  });

  it('creates no approval request without its audit row', async () => {
    const store = openStore(makeTempDir(), {
      logger,
      faults: { failAuditWrites: true },
    });
    await expect(
      store.approvals.findOrCreatePending(request),
    ).rejects.toSatisfy(isAuditFailure);
    expect(await store.approvals.list()).toHaveLength(0);
  });

  it('keeps a token claimed when release fails', async () => {
    const faults: StoreFaults = {};
    const store = openStore(makeTempDir(), { logger, faults });
    await store.claims.recordIntent({
      entry: { actor: 'tester' },
      tokenId: 'apr_2',
    });
    faults.failAuditWrites = true;
    await expect(
      store.claims.release({ entry: { actor: 'tester' }, tokenId: 'apr_2' }),
    ).rejects.toSatisfy(isAuditFailure);
    expect(await store.claims.usedAt('apr_2')).toBeDefined();
  });

  it('halts without audit but refuses resume', async () => {
    const faults: StoreFaults = { failAuditWrites: true };
    const store = openStore(makeTempDir(), { logger, faults });
    const halted = await store.killSwitch.set({ halted: true, by: 'lead' });
    expect(halted.halted).toBe(true);
    await expect(
      store.killSwitch.set({ halted: false, by: 'lead' }),
    ).rejects.toSatisfy(isAuditFailure);
    expect((await store.killSwitch.get()).halted).toBe(true);
  });
});
