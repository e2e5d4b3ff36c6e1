import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';

import { aqlGuideUri, pendingApprovalsUri, policyUri } from './uris.js';

const aqlGuideLink: ResourceLink = {
  type: 'resource_link',
  uri: aqlGuideUri,
  name: 'aql-guide',
  title: 'AQL guide for run_aql',
  mimeType: 'text/markdown',
};

const pendingApprovalsLink: ResourceLink = {
  type: 'resource_link',
  uri: pendingApprovalsUri,
  name: 'pending-approvals',
  title: 'Pending approval requests',
  mimeType: 'application/json',
};

const policyLink: ResourceLink = {
  type: 'resource_link',
  uri: policyUri,
  name: 'policy',
  title: 'Response policy',
  mimeType: 'application/json',
};

/**
 * Chooses the resources worth linking from a tool result: the AQL guide
 * after a rejected query, the pending approvals after `approval_required`,
 * and the policy after a denial. Returns an empty list otherwise.
 */
export function relatedResourceLinks(
  toolName: string,
  structured: Record<string, unknown> | undefined,
  isError: boolean,
): ResourceLink[] {
  if (structured === undefined) return [];
  if (isError) {
    const error = structured['error'] as { code?: unknown } | undefined;
    return toolName === 'run_aql' && error?.code === 'INVALID_AQL'
      ? [aqlGuideLink]
      : [];
  }
  switch (structured['decision']) {
    case 'approval_required':
      return [pendingApprovalsLink];
    case 'denied':
      return [policyLink];
    default:
      return [];
  }
}
