import type { CheckpointContext, ClaimInput } from './checkpoint-context.js';
import type {
  CheckpointDecision,
  ClientIdentity,
  DeniedDecision,
  ProjectedDecision,
} from './checkpoint-types.js';
import type { Criticality } from './criticality.js';
import type { RoleMatch } from './roles.js';

/** Denies a gated call, audits the denial and logs the decision. */
export async function deny(
  context: CheckpointContext,
  request: ClaimInput,
  rule: string,
  reason: string,
  roles: RoleMatch[],
  criticality?: Criticality,
  projected?: {
    byMode: { approve: ProjectedDecision; autonomous: ProjectedDecision };
    mode: 'approve' | 'autonomous';
  },
): Promise<DeniedDecision> {
  const decision: DeniedDecision = {
    decision: 'denied',
    rule,
    reason,
    roles,
    criticality,
    ...(projected === undefined
      ? {}
      : {
          wouldBe: projected.byMode[projected.mode],
          wouldBeMode: projected.mode,
          wouldBeByMode: projected.byMode,
        }),
  };
  await auditDenial(
    context,
    {
      action: request.action,
      target: request.target.value,
      offenseId: request.offenseId,
      client: request.client,
    },
    decision,
    {
      confidence: request.confidence,
      criticality: criticality?.level ?? null,
      would_be: decision.wouldBe ?? null,
    },
  );
  return logDecision(context, decision);
}

/**
 * Denies a call known only by its audit fields, with no roles or
 * criticality, audits the denial and logs the decision.
 */
export async function denyRaw(
  context: CheckpointContext,
  base: {
    action: string;
    target: string;
    offenseId: number | null;
    client: ClientIdentity;
  },
  rule: string,
  reason: string,
): Promise<DeniedDecision> {
  const decision: DeniedDecision = {
    decision: 'denied',
    rule,
    reason,
    roles: [],
  };
  await auditDenial(context, base, decision, {});
  return logDecision(context, decision);
}

async function auditDenial(
  context: CheckpointContext,
  base: {
    action: string;
    target: string;
    offenseId: number | null;
    client: ClientIdentity;
  },
  decision: DeniedDecision,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    await context.store.audit.append({
      actor: base.client.name,
      kind: 'denied',
      action: base.action,
      target: base.target,
      offenseId: base.offenseId,
      decision: 'denied',
      rule: decision.rule,
      details: { reason: decision.reason, ...details },
    });
  } catch (error) {
    // The denial is returned even without its audit row, because nothing runs either way.
    context.logger.error(
      { err: error, rule: decision.rule },
      'failed to audit a denial',
    );
  }
}

/** Logs a policy decision and returns it unchanged. */
export function logDecision<T extends CheckpointDecision>(
  context: CheckpointContext,
  decision: T,
): T {
  context.logger.info(
    {
      decision: decision.decision,
      rule: decision.rule,
      ...(decision.decision === 'approval_required'
        ? { requestId: decision.requestId }
        : {}),
    },
    'policy decision',
  );
  return decision;
}
