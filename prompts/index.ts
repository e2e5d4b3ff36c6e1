import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import type { PromptContext } from './context.js';
import { registerHuntIndicatorPrompt } from './hunt-indicator.js';
import { registerRecommendContainmentPrompt } from './recommend-containment.js';
import { registerSummarizeOffensePrompt } from './summarize-offense.js';
import { registerTriageOffensePrompt } from './triage-offense.js';

export type { PromptContext } from './context.js';
export {
  huntIndicatorText,
  maxIndicatorLength,
  registerHuntIndicatorPrompt,
} from './hunt-indicator.js';
export { offenseIdArgument } from './offense-id-argument.js';
export {
  recommendContainmentText,
  registerRecommendContainmentPrompt,
} from './recommend-containment.js';
export {
  registerSummarizeOffensePrompt,
  summarizeOffenseText,
  summaryAudiences,
  type SummaryAudience,
} from './summarize-offense.js';
export {
  registerTriageOffensePrompt,
  triageOffenseText,
} from './triage-offense.js';
export { untrustedDataRule } from './untrusted-rule.js';

/**
 * Registers every prompt on a server: triage_offense,
 * recommend_containment, summarize_offense and hunt_indicator.
 */
export function registerPrompts(
  server: McpServer,
  context: PromptContext,
): void {
  registerTriageOffensePrompt(server, context);
  registerRecommendContainmentPrompt(server, context);
  registerSummarizeOffensePrompt(server, context);
  registerHuntIndicatorPrompt(server);
}
