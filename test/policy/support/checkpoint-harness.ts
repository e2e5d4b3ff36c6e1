import { createSilentLogger } from '../../../src/config/index.js';
import {
  approveRequest,
  canonicalizeIp,
  createCheckpoint,
  loadPolicy,
  type Checkpoint,
  type GatedRequest,
  type Policy,
} from '../../../src/policy/index.js';
import {
  openStore,
  type Store,
  type StoreFaults,
} from '../../../src/store/index.js';
import { makeClock, makeTempDir } from '../../store/support/temp-dir.js';
import { FakeReferenceData, shippedSets } from './fake-reference-data.js';

/** A store, policy and checkpoint in a fresh data directory. */
export interface Harness {
  dataDir: string;
  store: Store;
  policy: Policy;
  checkpoint: Checkpoint;
  referenceData: FakeReferenceData;
  clock: ReturnType<typeof makeClock>;
  faults: StoreFaults;
  /** Opens another store and checkpoint on the same data directory. */
  reopen(): Harness;
  /** Approves a request as `approver` and returns its token via getApproval. */
  approve(requestId: string, approver?: string): Promise<string>;
}

export const logger = createSilentLogger();

/** Builds a harness around the shipped policy with optional changes. */
export function makeHarness(
  changes: Partial<Policy> = {},
  shared?: {
    dataDir: string;
    clock: ReturnType<typeof makeClock>;
    referenceData: FakeReferenceData;
  },
): Harness {
  const dataDir = shared?.dataDir ?? makeTempDir('qradar-mcp-checkpoint-');
  const clock = shared?.clock ?? makeClock();
  const referenceData =
    shared?.referenceData ?? new FakeReferenceData(shippedSets());
  const faults: StoreFaults = {};
  const store = openStore(dataDir, { logger, now: clock.now, faults });
  const policy: Policy = { ...loadPolicy(), ...changes };
  const checkpoint = createCheckpoint({
    store,
    policy,
    logger,
    dataDir,
    referenceData,
  });
  const harness: Harness = {
    dataDir,
    store,
    policy,
    checkpoint,
    referenceData,
    clock,
    faults,
    reopen: () => makeHarness(changes, { dataDir, clock, referenceData }),
    async approve(requestId, approver = 'soc-lead') {
      await approveRequest({ store, policy, dataDir, requestId, approver });
      const view = await checkpoint.getApproval(requestId);
      if (view.token === undefined) throw new Error(view.message);
      return view.token;
    },
  };
  return harness;
}

/** Builds a block_ip call with sensible defaults. */
export function blockRequest(
  ip: string,
  overrides: Partial<GatedRequest> = {},
): GatedRequest {
  return {
    action: 'block_ip',
    target: canonicalizeIp(ip),
    offenseId: 42,
    confidence: 0.9,
    rationale: 'Password spraying from one external address',
    evidence: [
      { kind: 'event', ref: 'event:101', excerpt: '400 failed logins' },
    ],
    client: { name: 'claude-desktop' },
    ...overrides,
  };
}
