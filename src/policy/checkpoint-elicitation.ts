import { elicitationAllows, toCriticalityLevel } from './approval-requests.js';
import { checkClientApprover } from './approver-rules.js';
import { claimExecution } from './checkpoint-claims.js';
import type { CheckpointContext, ClaimInput } from './checkpoint-context.js';
import { denyRaw } from './checkpoint-denials.js';
import { buildRateLimits } from './checkpoint-rate-limits.js';
import type {
  CheckpointDecision,
  ClientIdentity,
  TargetSummary,
} from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import { isGatedAction } from './vocabulary.js';

/**
 * Approves a pending request in chat and claims its execution, as
 * Checkpoint.approveByElicitation describes.
 */
export async function approveByElicitation(
  context: CheckpointContext,
  requestId: string,
  client: ClientIdentity,
): Promise<CheckpointDecision> {
  await context.store.approvals.expirePending();
  const record = await context.store.approvals.get(requestId);
  const criticality: Criticality | undefined =
    record === undefined
      ? undefined
      : {
          level: toCriticalityLevel(record.criticality),
          derivation: record.criticalityDerivation,
        };
  const base = {
    action: record?.action ?? 'unknown',
    target: record?.target ?? requestId,
    offenseId: record?.offenseId ?? null,
    client,
  };
  if (
    record === undefined ||
    record.status !== 'pending' ||
    !isGatedAction(record.action)
  ) {
    return denyRaw(
      context,
      base,
      'elicitation:not_pending',
      `Approval request ${requestId} is not pending, so it cannot be approved in chat.`,
    );
  }
  if (!elicitationAllows(context.policy, record)) {
    return denyRaw(
      context,
      base,
      'elicitation:not_allowed',
      `The policy does not allow in-chat approval of ${record.action} at ${record.criticality} criticality. Ask an approver to run qradar-mcp approvals approve ${record.id} --as NAME.`,
    );
  }
  // The chat layer checks the client's role before asking; this repeats the
  // check so that no caller can approve beyond its role.
  const roleCheck = checkClientApprover(context.policy, {
    client,
    action: record.action,
    criticality: toCriticalityLevel(record.criticality),
  });
  if (!roleCheck.allowed) {
    return denyRaw(
      context,
      base,
      'elicitation:role_not_allowed',
      `Client ${client.name} may not approve request ${requestId} in chat: ${roleCheck.reason}. Ask an approver with that role to run qradar-mcp approvals approve ${requestId} --as NAME.`,
    );
  }
  const killSwitch = await context.store.killSwitch.get();
  if (killSwitch.halted) {
    return denyRaw(
      context,
      base,
      'kill_switch',
      'Gated actions are halted. An operator resumes them with qradar-mcp policy resume.',
    );
  }
  const approved = await context.store.approvals.decide(
    requestId,
    { status: 'approved', decidedBy: client.name, kind: 'elicitation' },
    {
      actor: client.name,
      kind: 'approved',
      action: record.action,
      target: record.target,
      offenseId: record.offenseId,
      decision: 'approved',
      rule: 'elicitation',
      details: {
        request_id: requestId,
        via: 'elicitation',
        client_role: client.role ?? null,
      },
    },
  );
  const target: TargetSummary = {
    kind: record.targetKind as TargetSummary['kind'],
    value: record.target,
    label: record.targetLabel,
  };
  const request: ClaimInput = {
    action: record.action,
    target,
    offenseId: record.offenseId,
    confidence: record.confidence,
    rationale: record.rationale,
    evidence: record.evidence,
    parameters: record.parameters,
    client,
  };
  return claimExecution(
    context,
    request,
    [],
    criticality ?? { level: 'medium', derivation: [] },
    buildRateLimits(context, request),
    {
      rule: 'elicitation',
      reason: `Approved in chat by ${client.name}.`,
      requestId: approved.id,
      approver: client.name,
    },
  );
}

/** Records a decline given in chat, so the request becomes denied. */
export async function declineByElicitation(
  context: CheckpointContext,
  requestId: string,
  client: ClientIdentity,
): Promise<void> {
  const record = await context.store.approvals.get(requestId);
  await context.store.approvals.decide(
    requestId,
    {
      status: 'denied',
      decidedBy: client.name,
      kind: 'elicitation',
      reason: 'declined in chat',
    },
    {
      actor: client.name,
      kind: 'denied_by_approver',
      action: record?.action,
      target: record?.target,
      offenseId: record?.offenseId,
      decision: 'denied',
      rule: 'elicitation',
      details: { request_id: requestId, via: 'elicitation' },
    },
  );
}
