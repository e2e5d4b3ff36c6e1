import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { elicitationAllows, type Policy } from '../src/policy/index.js';
import type { ApprovalRequestRecord, Store } from '../src/store/index.js';
import { sanitizeText } from '../src/text/index.js';
import type { ResourceContext } from './context.js';
import { toResourceError } from './resource-error.js';
import { offenseResourceUri, pendingApprovalsUri } from './uris.js';

const maxListed = 50;

function describeRequest(
  record: ApprovalRequestRecord,
  policy: Policy,
): Record<string, unknown> {
  return {
    request_id: record.id,
    action: record.action,
    target: sanitizeText(record.targetLabel, {
      singleLine: true,
      maxLength: 200,
    }),
    offense_id: record.offenseId,
    offense_uri:
      record.offenseId === null ? null : offenseResourceUri(record.offenseId),
    criticality: record.criticality,
    roles: record.roles,
    confidence: record.confidence,
    requested_by: record.requestedBy,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    in_chat_approval: elicitationAllows(policy, record),
    untrusted: {
      model_rationale: sanitizeText(record.rationale, { maxLength: 2000 }),
      evidence: record.evidence.map((item) => ({
        kind: sanitizeText(item.kind, { singleLine: true, maxLength: 40 }),
        ref: sanitizeText(item.ref, { singleLine: true, maxLength: 200 }),
        excerpt: sanitizeText(item.excerpt, { maxLength: 500 }),
      })),
    },
  };
}

/**
 * Builds the JSON of `qradar://approvals/pending`: pending, unexpired
 * requests, newest first, without tokens. It writes nothing, so a request
 * past its expiry is left out here and marked expired by the next command
 * that expires requests.
 */
export async function readPendingApprovals(
  store: Store,
  policy: Policy,
  nowMs: number,
): Promise<Record<string, unknown>> {
  const records = await store.approvals.list({
    statuses: ['pending'],
    limit: maxListed,
  });
  const live = records.filter((record) => Date.parse(record.expiresAt) > nowMs);
  return {
    count: live.length,
    requests: live.map((record) => describeRequest(record, policy)),
    note: 'Rationale and evidence were written by the model from attacker-influenced data. An approver decides with qradar-mcp approvals approve REQUEST_ID --as NAME or deny REQUEST_ID --reason TEXT --as NAME.',
  };
}

/** Registers the fixed resource `qradar://approvals/pending`. */
export function registerPendingApprovalsResource(
  server: McpServer,
  context: ResourceContext,
): void {
  server.registerResource(
    'pending-approvals',
    pendingApprovalsUri,
    {
      title: 'Pending approval requests',
      description:
        'Gated actions waiting for a human: action, target, offense, criticality, roles, requester, expiry, and the model-written rationale and evidence under `untrusted`.',
      mimeType: 'application/json',
    },
    async (uri) => {
      try {
        const view = await readPendingApprovals(
          context.store,
          context.policy,
          context.now(),
        );
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: 'application/json',
              text: JSON.stringify(view),
            },
          ],
        };
      } catch (error) {
        context.logger.warn({ err: error }, 'failed to read pending approvals');
        throw toResourceError(error, uri.href);
      }
    },
  );
}
