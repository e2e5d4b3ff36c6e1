import type { KeyObject } from 'node:crypto';

import {
  StoreError,
  type IntentResult,
  type RateLimitCheck,
} from '../store/index.js';
import { verifyApprovalToken } from './approval-token.js';
import { toCriticalityLevel } from './approval-requests.js';
import { checkApprover } from './approver-rules.js';
import type { CheckpointContext, ClaimInput } from './checkpoint-context.js';
import { deny, logDecision } from './checkpoint-denials.js';
import { denyRateLimited } from './checkpoint-rate-limits.js';
import type {
  CheckpointDecision,
  ExecuteDecision,
  ExecutionClaim,
  ExecutionOutcome,
  GatedRequest,
} from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import {
  boundedRationale,
  digestParameters,
  summarizeTarget,
} from './gated-request.js';
import type { RoleMatch } from './roles.js';
import { compareCriticality } from './vocabulary.js';

/**
 * Verifies an approval token against the call, the stored request and the
 * approver rules, then claims the execution. The approver must be allowed at
 * the higher of the call's and the request's criticality.
 */
export async function executeWithToken(
  context: CheckpointContext,
  request: GatedRequest,
  token: string,
  roles: RoleMatch[],
  criticality: Criticality,
  rateLimits: RateLimitCheck[],
): Promise<CheckpointDecision> {
  const parametersDigest = digestParameters(request.parameters);
  let key: KeyObject;
  try {
    key = context.loadKey();
  } catch (error) {
    return deny(
      context,
      request,
      'token:key_unavailable',
      `${(error as Error).message}`,
      roles,
      criticality,
    );
  }
  const verification = await verifyApprovalToken(token, {
    verificationKey: key,
    expected: {
      action: request.action,
      target: request.target.value,
      offenseId: request.offenseId,
      parametersDigest,
    },
    nowMs: context.now(),
  });
  if (!verification.ok) {
    return deny(
      context,
      request,
      `token:${verification.reason}`,
      `Approval token rejected: ${verification.message}. Repeat the identical call without approval_token to request a new approval.`,
      roles,
      criticality,
    );
  }
  const { claims } = verification;
  const approval = await context.store.approvals.get(claims.requestId);
  if (approval?.status !== 'approved') {
    return deny(
      context,
      request,
      'token:not_approved',
      `Approval request ${claims.requestId} is ${approval?.status ?? 'unknown'}, so its token cannot be used.`,
      roles,
      criticality,
    );
  }
  const level =
    compareCriticality(
      criticality.level,
      toCriticalityLevel(approval.criticality),
    ) >= 0
      ? criticality.level
      : toCriticalityLevel(approval.criticality);
  const approver = checkApprover(context.policy, {
    approver: claims.approver,
    action: request.action,
    criticality: level,
  });
  if (!approver.allowed) {
    return deny(
      context,
      request,
      'token:approver_not_allowed',
      approver.message,
      roles,
      criticality,
    );
  }
  return claimExecution(context, request, roles, criticality, rateLimits, {
    rule: 'approval_token',
    reason: `Approved by ${claims.approver} (request ${claims.requestId}).`,
    requestId: claims.requestId,
    approver: claims.approver,
  });
}

/**
 * Records the intent to execute (which also marks a token used and checks
 * the rate limits in one store transaction) and returns the execute decision
 * with its claim. Denies when the token was used, a limit is reached or the
 * intent cannot be written.
 */
export async function claimExecution(
  context: CheckpointContext,
  request: ClaimInput,
  roles: RoleMatch[],
  criticality: Criticality,
  rateLimits: RateLimitCheck[],
  grant: {
    rule: string;
    reason: string;
    requestId: string | null;
    approver: string | null;
  },
): Promise<CheckpointDecision> {
  const parameters = request.parameters ?? {};
  const parametersDigest = digestParameters(parameters);
  let result: IntentResult;
  try {
    result = await context.store.claims.recordIntent({
      entry: {
        actor: request.client.name,
        action: request.action,
        target: request.target.value,
        offenseId: request.offenseId,
        decision: 'execute',
        rule: grant.rule,
        details: {
          request_id: grant.requestId,
          approver: grant.approver,
          client_role: request.client.role ?? null,
          confidence: request.confidence,
          criticality: criticality.level,
          parameters,
          rationale: boundedRationale(request.rationale).slice(0, 1000),
          evidence_refs: request.evidence.slice(0, 50).map((item) => item.ref),
        },
      },
      tokenId: grant.requestId ?? undefined,
      rateLimits,
    });
  } catch (error) {
    if (!StoreError.is(error)) throw error;
    context.logger.error(
      { err: error, action: request.action },
      'failed to record the intent; the executor will not run',
    );
    return logDecision(context, {
      decision: 'denied',
      rule: 'audit_unavailable',
      reason: `${error.message}`,
      roles,
      criticality,
    });
  }
  if (result.status === 'token_already_used') {
    return deny(
      context,
      request,
      'token:already_used',
      `Approval request ${grant.requestId ?? ''} was already used at ${result.usedAt}; each approval executes once. Repeat the call without approval_token to request a new approval.`,
      roles,
      criticality,
    );
  }
  if (result.status === 'rate_limited') {
    return denyRateLimited(
      context,
      request,
      roles,
      criticality,
      result.rule,
      result.max,
    );
  }
  const decision: ExecuteDecision = {
    decision: 'execute',
    rule: grant.rule,
    reason: grant.reason,
    roles,
    criticality,
    claim: {
      intentSeq: result.record.seq,
      action: request.action,
      target: summarizeTarget(request.target),
      offenseId: request.offenseId,
      parameters,
      parametersDigest,
      rule: grant.rule,
      requestId: grant.requestId,
      approver: grant.approver,
      client: request.client,
      criticality,
    },
  };
  return logDecision(context, decision);
}

/** Audits a claimed execution's outcome and releases the approval if it failed. */
export async function completeExecution(
  context: CheckpointContext,
  claim: ExecutionClaim,
  outcome: ExecutionOutcome,
): Promise<void> {
  const entry = {
    actor: claim.client.name,
    action: claim.action,
    target: claim.target.value,
    offenseId: claim.offenseId,
    rule: claim.rule,
  };
  if (outcome.ok) {
    await context.store.audit.append({
      ...entry,
      kind: 'executed',
      decision: 'execute',
      details: {
        intent_seq: claim.intentSeq,
        request_id: claim.requestId,
        action_id: outcome.actionId ?? null,
        verification: outcome.verification ?? null,
        ...outcome.details,
      },
    });
    context.logger.info(
      {
        action: claim.action,
        target: claim.target.value,
        actionId: outcome.actionId,
      },
      'gated action executed',
    );
    return;
  }
  await context.store.claims.release({
    entry: {
      ...entry,
      decision: 'execute',
      details: {
        intent_seq: claim.intentSeq,
        request_id: claim.requestId,
        error: outcome.error,
        ...outcome.details,
      },
    },
    tokenId: claim.requestId ?? undefined,
  });
  context.logger.warn(
    {
      action: claim.action,
      target: claim.target.value,
      error: outcome.error,
    },
    'gated action failed; its approval was released',
  );
}
