import {
  PolicyError,
  type CanonicalTarget,
  type CheckpointDecision,
  type Criticality,
  type ExecutionClaim,
  type ExecutionOutcome,
  type GatedAction,
  type GatedRequest,
} from '../../src/policy/index.js';
import type { VerificationState } from '../../src/store/index.js';
import type { ToolContext } from '../context.js';
import { ToolError } from '../tool-error.js';
import { createCallScopedReferenceReader } from './reference-data.js';
import type { DecisionOutput } from './schemas.js';

/** The inputs every gated tool shares, as parsed by gatedInputFields. */
export interface GatedInput {
  offense_id: number;
  rationale: string;
  confidence: number;
  evidence: { kind: string; ref: string; excerpt: string }[];
  approval_token?: string | undefined;
}

/** Outcome that the executor of a gated tool reports back. */
export interface GatedExecution {
  outcome: ExecutionOutcome;
  detail: string;
}

/** One gated call, ready for the checkpoint. */
export interface GatedCall {
  action: GatedAction;
  target: CanonicalTarget;
  input: GatedInput;
  /** Arguments the approval binds besides the target, e.g. update_offense's status. */
  parameters?: Record<string, unknown> | undefined;
  criticalityInput?: GatedRequest['criticalityInput'];
  criticality?: Criticality | undefined;
  /** Runs the action once the checkpoint allowed it. */
  execute(claim: ExecutionClaim): Promise<GatedExecution>;
}

const verificationNextSteps: Record<VerificationState, string> = {
  listed:
    'The target is listed for the systems that consume the list; that alone does not confirm containment. Record the action in a note with add_note.',
  confirmed:
    'The executor confirmed the effect. Record the action in a note with add_note.',
  unverified:
    'The executor accepted the request but could not confirm its effect: treat the target as not contained until a person checks. Record this in a note with add_note.',
  failed:
    'The effect could not be observed after execution. Tell a person; list_actions shows the action, and rollback_action can undo it.',
};

/** Converts a PolicyError about a target into the tool error a model reads. */
export function invalidTargetError(error: unknown, field: string): never {
  if (PolicyError.is(error) && error.code === 'INVALID_TARGET') {
    throw new ToolError(
      'INVALID_TARGET',
      error.message,
      `Pass one ${field} as the tool schema describes; nothing was changed.`,
      { cause: error },
    );
  }
  throw error;
}

/** Checks that the offense a gated call names exists, before anything else runs. */
export async function requireOffense(
  context: ToolContext,
  offenseId: number,
): Promise<void> {
  await context.client.getOffense(offenseId, {
    fields: ['id'],
    signal: context.signal,
  });
}

function approvalNextStep(requestId: string): string {
  return `A human approver runs \`qradar-mcp approvals approve ${requestId} --as NAME\`. Then call get_approval with request_id ${requestId}; once it returns a token, repeat this identical call with approval_token set to it. Do not retry before that.`;
}

function deniedNextStep(
  decision: Extract<CheckpointDecision, { decision: 'denied' }>,
): string {
  if (decision.rule.startsWith('token:'))
    return 'Repeat the identical call without approval_token to request a new approval.';
  if (decision.rule === 'mode:monitor')
    return 'Nothing executes in monitor mode. Record your recommendation in a note with add_note.';
  return 'Nothing was changed. Record your recommendation in a note with add_note and escalate to a person.';
}

/**
 * Passes a gated call through the policy checkpoint and, when it allows the
 * call, runs the executor and reports the outcome to the checkpoint. Policy
 * outcomes come back as values; an executor failure becomes a ToolError
 * after the checkpoint released the approval.
 */
export async function runGatedCall(
  context: ToolContext,
  call: GatedCall,
): Promise<DecisionOutput> {
  const { input, target } = call;
  let decision = await context.checkpoint.evaluate(
    {
      action: call.action,
      target,
      offenseId: input.offense_id,
      confidence: input.confidence,
      rationale: input.rationale,
      evidence: input.evidence,
      parameters: call.parameters,
      approvalToken: input.approval_token,
      client: context.clientIdentity,
      criticalityInput: call.criticalityInput,
      criticality: call.criticality,
    },
    {
      signal: context.signal,
      referenceData: createCallScopedReferenceReader(
        context.client,
        context.signal,
      ),
    },
  );
  if (
    decision.decision === 'approval_required' &&
    context.approveInChat !== undefined
  ) {
    decision = await context.approveInChat(decision);
  }
  const base = {
    rule: decision.rule,
    reason: decision.reason,
    action: call.action,
    target: target.value,
    offense_id: input.offense_id,
  };
  if (decision.decision === 'denied') {
    return {
      ...base,
      decision: 'denied',
      ...(decision.wouldBe === undefined ? {} : { would_be: decision.wouldBe }),
      next_step: deniedNextStep(decision),
    };
  }
  if (decision.decision === 'approval_required') {
    return {
      ...base,
      decision: 'approval_required',
      request_id: decision.requestId,
      next_step: approvalNextStep(decision.requestId),
    };
  }

  const execution = await call.execute(decision.claim);
  try {
    await context.checkpoint.complete(decision.claim, execution.outcome);
  } catch (error) {
    context.logger.error(
      { err: error, action: call.action, target: target.value },
      'failed to audit the outcome of a gated action',
    );
  }
  if (!execution.outcome.ok) {
    throw new ToolError(
      'EXECUTOR_FAILED',
      `Failed to run ${call.action} on ${target.label}: ${execution.outcome.error}`,
      input.approval_token === undefined
        ? 'Nothing was recorded as executed. Retry the identical call later.'
        : 'The approval was released: retry the identical call with the same approval_token later.',
    );
  }
  const verification = execution.outcome.verification;
  return {
    ...base,
    decision: 'executed',
    reason: `${decision.reason} ${execution.detail}`.trim(),
    ...(decision.claim.requestId === null
      ? {}
      : { request_id: decision.claim.requestId }),
    ...(execution.outcome.actionId === undefined
      ? {}
      : { action_id: execution.outcome.actionId }),
    ...(verification === undefined ? {} : { verification }),
    next_step:
      verification === undefined
        ? 'Record the change in a note with add_note.'
        : verificationNextSteps[verification],
  };
}
