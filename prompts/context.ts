import type { Logger } from '../src/config/index.js';
import type { QRadarClient } from '../src/qradar/index.js';

/** What the prompts read: QRadar, for offense id completion. */
export interface PromptContext {
  client: QRadarClient;
  logger: Logger;
}
