import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { registerAqlGuideResource } from './aql-guide.js';
import { registerAssetResource } from './asset-resource.js';
import type { ResourceContext } from './context.js';
import { registerOffenseResource } from './offense-resource.js';
import { registerPendingApprovalsResource } from './pending-approvals-resource.js';
import { registerPolicyResource } from './policy-resource.js';

export { aqlGuideText, registerAqlGuideResource } from './aql-guide.js';
export {
  parseAssetIp,
  readAssets,
  registerAssetResource,
} from './asset-resource.js';
export type { ResourceContext } from './context.js';
export {
  parseOffenseId,
  readOffense,
  registerOffenseResource,
} from './offense-resource.js';
export {
  completeOffenseId,
  listOpenOffenses,
  maxListedOpenOffenses,
} from './open-offenses.js';
export {
  readPendingApprovals,
  registerPendingApprovalsResource,
} from './pending-approvals-resource.js';
export { describePolicy, registerPolicyResource } from './policy-resource.js';
export { relatedResourceLinks } from './related-links.js';
export {
  resourceNotFound,
  resourceNotFoundCode,
  toResourceError,
} from './resource-error.js';
export {
  aqlGuideUri,
  assetResourceUri,
  assetUriTemplate,
  offenseResourceUri,
  offenseUriTemplate,
  pendingApprovalsUri,
  policyUri,
} from './uris.js';

/**
 * Registers every resource on a server: `qradar://policy`,
 * `qradar://aql/guide`, `qradar://approvals/pending`, and the templates
 * `qradar://offenses/{id}` and `qradar://assets/{ip}`.
 */
export function registerResources(
  server: McpServer,
  context: ResourceContext,
): void {
  registerPolicyResource(server, context.policy);
  registerAqlGuideResource(server);
  registerPendingApprovalsResource(server, context);
  registerOffenseResource(server, context);
  registerAssetResource(server, context);
}
