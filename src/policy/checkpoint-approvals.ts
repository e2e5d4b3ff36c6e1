import { StoreError } from '../store/index.js';
import { elicitationAllows, newApprovalRequest } from './approval-requests.js';
import { verifyApprovalToken } from './approval-token.js';
import { matchAutonomousRule } from './autonomous-rules.js';
import type { CheckpointContext } from './checkpoint-context.js';
import { logDecision } from './checkpoint-denials.js';
import type {
  ApprovalRequiredDecision,
  CheckpointDecision,
  GatedRequest,
  ProjectedDecision,
} from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import { digestParameters } from './gated-request.js';
import type { Policy } from './policy.js';
import type { RoleMatch } from './roles.js';

/**
 * Finds or creates the pending approval request for a call, notifies the
 * approvers of a new one and returns the approval_required decision.
 */
export async function requestApproval(
  context: CheckpointContext,
  request: GatedRequest,
  roles: RoleMatch[],
  criticality: Criticality,
): Promise<CheckpointDecision> {
  const rule =
    context.policy.mode === 'approve'
      ? 'mode:approve'
      : 'autonomous:no_matching_rule';
  try {
    await context.store.approvals.expirePending();
    const { request: record, created } =
      await context.store.approvals.findOrCreatePending(
        newApprovalRequest(
          request,
          roles,
          criticality,
          context.policy,
          context.now(),
        ),
      );
    if (created) context.notifier.notify(record);
    const reason =
      record.status === 'approved'
        ? `${record.decidedBy ?? 'An approver'} already approved request ${record.id}: call get_approval with request_id ${record.id} and repeat this call with its approval_token.`
        : `${request.action} on ${request.target.label} needs a human approval (${criticality.level} criticality). An approver runs qradar-mcp approvals approve ${record.id} --as NAME; then call get_approval with request_id ${record.id} and repeat this call with the token.`;
    const decision: ApprovalRequiredDecision = {
      decision: 'approval_required',
      rule,
      reason,
      roles,
      criticality,
      requestId: record.id,
      expiresAt: record.expiresAt,
      created,
      elicitationAllowed: elicitationAllows(context.policy, record),
    };
    return logDecision(context, decision);
  } catch (error) {
    if (!StoreError.is(error)) throw error;
    context.logger.error(
      { err: error, action: request.action },
      'failed to create the approval request',
    );
    return logDecision(context, {
      decision: 'denied',
      rule: 'audit_unavailable',
      reason: error.message,
      roles,
      criticality,
    });
  }
}

/**
 * Returns the mode whose outcome a monitor-mode denial reports as `wouldBe`:
 * the policy file's own mode when `--mode monitor` narrowed it, else approve,
 * the phase that follows monitor in a rollout.
 */
export function projectionMode(policy: Policy): 'approve' | 'autonomous' {
  return policy.fileMode === 'autonomous' ? 'autonomous' : 'approve';
}

/**
 * Projects what a call would get in approve and autonomous mode, for monitor
 * mode's denial. A token that fails to verify or was already used counts as
 * absent.
 */
export async function projectDecisions(
  context: CheckpointContext,
  request: GatedRequest,
  roles: RoleMatch[],
  criticality: Criticality,
): Promise<{ approve: ProjectedDecision; autonomous: ProjectedDecision }> {
  let tokenValid = false;
  if (request.approvalToken !== undefined) {
    try {
      const verification = await verifyApprovalToken(request.approvalToken, {
        verificationKey: context.loadKey(),
        expected: {
          action: request.action,
          target: request.target.value,
          offenseId: request.offenseId,
          parametersDigest: digestParameters(request.parameters),
        },
        nowMs: context.now(),
      });
      tokenValid =
        verification.ok &&
        (await context.store.claims.usedAt(verification.claims.requestId)) ===
          undefined;
    } catch {
      tokenValid = false;
    }
  }
  const rule = matchAutonomousRule(context.policy, {
    action: request.action,
    target: request.target,
    confidence: request.confidence,
    criticality,
    roles,
  });
  return {
    approve: tokenValid ? 'executed' : 'approval_required',
    autonomous:
      tokenValid || rule !== undefined ? 'executed' : 'approval_required',
  };
}
