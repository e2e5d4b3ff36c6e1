import type { Logger } from '../src/config/index.js';
import type { Policy } from '../src/policy/index.js';
import type { QRadarClient } from '../src/qradar/index.js';
import type { Store } from '../src/store/index.js';

/** Dependencies of the resource handlers: QRadar, the policy and the store. */
export interface ResourceContext {
  client: QRadarClient;
  policy: Policy;
  store: Store;
  logger: Logger;
  /** Epoch-millisecond clock. */
  now(): number;
}
