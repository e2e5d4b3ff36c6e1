import type { Logger } from '../src/config/index.js';
import type { QRadarClient } from '../src/qradar/index.js';

/** Dependencies of the prompts: QRadar, for offense id completion. */
export interface PromptContext {
  client: QRadarClient;
  logger: Logger;
}
