import type {
  ApprovalRequestRecord,
  NewApprovalRequest,
  Store,
} from '../store/index.js';
import { loadSigningKey } from './approval-keys.js';
import { issueApprovalToken } from './approval-token.js';
import { checkApprover } from './approver-rules.js';
import type { ApprovalView, GatedRequest } from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import { PolicyError } from './errors.js';
import {
  boundedEvidence,
  boundedRationale,
  digestParameters,
} from './gated-request.js';
import type { Policy } from './policy.js';
import { describeRoleSource, type RoleMatch } from './roles.js';
import {
  compareCriticality,
  criticalityLevels,
  isGatedAction,
  type CriticalityLevel,
} from './vocabulary.js';

/** Builds the approval request of a gated call that needs a human. */
export function newApprovalRequest(
  request: GatedRequest,
  roles: readonly RoleMatch[],
  criticality: Criticality,
  policy: Policy,
  nowMs: number,
): NewApprovalRequest {
  const parameters = request.parameters ?? {};
  return {
    action: request.action,
    target: request.target.value,
    targetKind: request.target.kind,
    targetLabel: request.target.label,
    offenseId: request.offenseId,
    parameters,
    parametersDigest: digestParameters(parameters),
    evidence: boundedEvidence(request.evidence),
    rationale: boundedRationale(request.rationale),
    confidence: request.confidence,
    criticality: criticality.level,
    criticalityDerivation: criticality.derivation,
    roles: roles.map((match) => ({
      role: match.role,
      source: describeRoleSource(match.source),
    })),
    requestedBy: request.client.name,
    requestedByRole: request.client.role ?? null,
    expiresAt: new Date(nowMs + policy.approvalExpiry.ms).toISOString(),
  };
}

/**
 * Tells whether the policy lets a request be approved in chat: elicitation
 * is enabled, lists the action, the criticality is at most its maximum, and
 * no protected role covers the target.
 */
export function elicitationAllows(
  policy: Policy,
  request: Pick<ApprovalRequestRecord, 'action' | 'criticality' | 'roles'>,
): boolean {
  const { elicitation } = policy;
  return (
    elicitation.enabled &&
    isGatedAction(request.action) &&
    elicitation.actions.includes(request.action) &&
    compareCriticality(
      toCriticalityLevel(request.criticality),
      elicitation.maxCriticality,
    ) <= 0 &&
    !request.roles.some((role) => role.role === 'protected')
  );
}

/** Reads an approval request for get_approval. */
export async function approvalView(
  store: Store,
  requestId: string,
  nowMs: number,
): Promise<ApprovalView> {
  const record = await store.approvals.get(requestId);
  if (record === undefined) throw requestNotFound(requestId);
  const usedAt = await store.claims.usedAt(record.id);
  const base: Omit<ApprovalView, 'message'> = {
    requestId: record.id,
    status: record.status,
    action: record.action,
    target: record.target,
    targetLabel: record.targetLabel,
    offenseId: record.offenseId,
    criticality: record.criticality,
    expiresAt: record.expiresAt,
    decidedBy: record.decidedBy,
    decisionReason: record.decisionReason,
    used: usedAt !== undefined,
  };
  switch (record.status) {
    case 'pending':
      return {
        ...base,
        message: `Waiting for an approver (qradar-mcp approvals approve ${record.id} --as NAME) until ${record.expiresAt}.`,
      };
    case 'denied':
      return {
        ...base,
        message: `Denied by ${record.decidedBy ?? 'an approver'}: do not repeat the action.`,
      };
    case 'expired':
      return {
        ...base,
        message:
          'The request expired without a decision. Repeat the call to request a new approval.',
      };
    case 'approved':
      break;
  }
  if (usedAt !== undefined) {
    return { ...base, message: `The approval was used at ${usedAt}.` };
  }
  const tokenValid =
    record.token !== null &&
    record.tokenExpiresAt !== null &&
    Date.parse(record.tokenExpiresAt) > nowMs;
  if (!tokenValid || record.token === null) {
    const via = record.decisionKind === 'elicitation' ? ' in chat' : '';
    return {
      ...base,
      message:
        record.decisionKind === 'elicitation'
          ? `Approved${via}; the approval is claimed when the call runs.`
          : `The approval token expired unused. An approver can approve ${record.id} again.`,
    };
  }
  return {
    ...base,
    token: record.token,
    tokenExpiresAt: record.tokenExpiresAt ?? undefined,
    message: `Approved by ${record.decidedBy ?? 'an approver'}. Repeat the identical call with approval_token before ${record.tokenExpiresAt}.`,
  };
}

/**
 * Approves a request as a named approver and stores a freshly signed token
 * with it, for get_approval to return. A request approved earlier whose
 * token expired unused may be approved again. Throws PolicyError
 * `REQUEST_NOT_FOUND`, `REQUEST_NOT_PENDING`, `APPROVER_UNKNOWN` or
 * `APPROVER_NOT_ALLOWED` (naming the role needed), or
 * `APPROVER_KEY_UNAVAILABLE`.
 */
export async function approveRequest(options: {
  store: Store;
  policy: Policy;
  dataDir: string;
  requestId: string;
  approver: string;
  reason?: string | undefined;
}): Promise<ApprovalRequestRecord> {
  const { store, policy, requestId, approver } = options;
  await store.approvals.expirePending();
  const record = await store.approvals.get(requestId);
  if (record === undefined) throw requestNotFound(requestId);
  const nowMs = Date.parse(store.nowIso());
  const reapproval =
    record.status === 'approved' &&
    (await store.claims.usedAt(record.id)) === undefined &&
    (record.tokenExpiresAt === null ||
      Date.parse(record.tokenExpiresAt) <= nowMs);
  if (record.status !== 'pending' && !reapproval) {
    throw new PolicyError(
      'REQUEST_NOT_PENDING',
      `Approval request ${requestId} is ${record.status}${record.decidedBy === null ? '' : ` (by ${record.decidedBy})`}, not pending: nothing was changed.`,
    );
  }
  if (!isGatedAction(record.action)) {
    throw new PolicyError(
      'REQUEST_NOT_PENDING',
      `Approval request ${requestId} names an unknown action ${JSON.stringify(record.action)}: it cannot be approved.`,
    );
  }
  const check = checkApprover(policy, {
    approver,
    action: record.action,
    criticality: toCriticalityLevel(record.criticality),
  });
  if (!check.allowed) {
    throw new PolicyError(
      check.reason === 'unknown_approver'
        ? 'APPROVER_UNKNOWN'
        : 'APPROVER_NOT_ALLOWED',
      check.message,
    );
  }
  const signingKey = loadSigningKey(options.dataDir);
  const { token, expiresAt } = await issueApprovalToken(
    {
      requestId: record.id,
      action: record.action,
      target: record.target,
      offenseId: record.offenseId,
      parametersDigest: record.parametersDigest,
      approver,
    },
    { signingKey, nowMs, lifetimeMs: policy.tokenLifetime.ms },
  );
  return store.approvals.decide(
    record.id,
    {
      status: 'approved',
      decidedBy: approver,
      kind: 'cli',
      reason: options.reason,
      token: { value: token, expiresAt },
      fromStatuses: reapproval ? ['approved'] : ['pending'],
    },
    {
      actor: approver,
      kind: 'approved',
      action: record.action,
      target: record.target,
      offenseId: record.offenseId,
      decision: 'approved',
      rule: `approval:${check.rule}`,
      details: {
        request_id: record.id,
        criticality: record.criticality,
        token_expires_at: expiresAt,
        reapproval,
      },
    },
  );
}

/**
 * Denies a pending request, or revokes an approved one whose token is
 * unused, as a named approver. Throws PolicyError `REQUEST_NOT_FOUND`,
 * `REQUEST_NOT_PENDING` or `APPROVER_UNKNOWN`.
 */
export async function denyRequest(options: {
  store: Store;
  policy: Policy;
  requestId: string;
  approver: string;
  reason: string;
}): Promise<ApprovalRequestRecord> {
  const { store, policy, requestId, approver } = options;
  await store.approvals.expirePending();
  const record = await store.approvals.get(requestId);
  if (record === undefined) throw requestNotFound(requestId);
  if (!policy.approvers.some((entry) => entry.name === approver)) {
    throw new PolicyError(
      'APPROVER_UNKNOWN',
      `Approver ${JSON.stringify(approver)} not found in the policy's approvers (${policy.source}): pass --as with one of ${policy.approvers.map((entry) => entry.name).join(', ') || '(none listed)'}.`,
    );
  }
  const used = (await store.claims.usedAt(record.id)) !== undefined;
  if (record.status !== 'pending' && !(record.status === 'approved' && !used)) {
    throw new PolicyError(
      'REQUEST_NOT_PENDING',
      `Approval request ${requestId} is ${record.status}${used ? ' and was used' : ''}: nothing was changed.`,
    );
  }
  return store.approvals.decide(
    record.id,
    {
      status: 'denied',
      decidedBy: approver,
      kind: 'cli',
      reason: options.reason,
      fromStatuses: [record.status],
    },
    {
      actor: approver,
      kind: 'denied_by_approver',
      action: record.action,
      target: record.target,
      offenseId: record.offenseId,
      decision: 'denied',
      rule: 'approver',
      details: {
        request_id: record.id,
        reason: options.reason,
        revoked: record.status === 'approved',
      },
    },
  );
}

/** Reads a stored criticality; an unknown value counts as critical. */
export function toCriticalityLevel(value: string): CriticalityLevel {
  return (criticalityLevels as readonly string[]).includes(value)
    ? (value as CriticalityLevel)
    : 'critical';
}

function requestNotFound(requestId: string): PolicyError {
  return new PolicyError(
    'REQUEST_NOT_FOUND',
    `Approval request ${JSON.stringify(requestId)} not found: list requests with qradar-mcp approvals list --all.`,
  );
}
