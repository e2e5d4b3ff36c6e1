import type { KeyObject } from 'node:crypto';

import type { Logger } from '../config/index.js';
import type { Store } from '../store/index.js';
import type { GatedRequest, TargetSummary } from './checkpoint-types.js';
import type { ApprovalNotifier } from './notify.js';
import type { Policy } from './policy.js';

/** State that one checkpoint shares with the functions that run its steps. */
export interface CheckpointContext {
  readonly store: Store;
  readonly policy: Policy;
  readonly logger: Logger;
  /** Epoch-millisecond clock. */
  readonly now: () => number;
  readonly notifier: ApprovalNotifier;
  /** Returns the token verification key, loading approver.pub on first use. */
  loadKey(): KeyObject;
}

/** A gated call as a claim records it, with the target possibly reduced to its summary. */
export type ClaimInput = Omit<GatedRequest, 'target'> & {
  target: TargetSummary;
};
