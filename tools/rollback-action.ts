import { z } from 'zod';

import { ActionError } from '../src/actions/index.js';
import {
  actionTarget,
  toCriticalityLevel,
  type ActionTarget,
  type Criticality,
} from '../src/policy/index.js';
import type { ToolContext } from './context.js';
import { invalidTargetError, runGatedCall } from './shared/gated.js';
import { renderDecision } from './shared/render-decision.js';
import { decisionOutputSchema, gatedInputFields } from './shared/schemas.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const inputSchema = z.strictObject({
  action_id: z
    .string()
    .min(1)
    .max(64)
    .describe('Id of an executed action, from list_actions'),
  ...gatedInputFields,
});

async function criticalityOfRequest(
  context: ToolContext,
  requestId: string | null,
): Promise<Criticality | undefined> {
  if (requestId === null) return undefined;
  const request = await context.store.approvals.get(requestId);
  if (request === undefined) return undefined;
  return {
    level: toCriticalityLevel(request.criticality),
    derivation: [
      `criticality of approval request ${requestId}: ${request.criticality}`,
    ],
  };
}

/** rollback_action: undoes an executed action, through the policy. */
export const rollbackActionTool = defineTool({
  name: 'rollback_action',
  title: 'Roll back action',
  description:
    'Undo an executed containment action from list_actions; removes only what it added (an element present before stays). Gated, needs approval by default: returns decision executed, approval_required or denied.',
  inputSchema,
  outputSchema: decisionOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  effect: 'disruptive',
  async handler(input, context) {
    let target: ActionTarget;
    try {
      target = actionTarget(input.action_id);
    } catch (error) {
      invalidTargetError(error, 'action id');
    }
    const record = await context.store.actions.get(target.actionId);
    if (record === undefined) {
      throw new ToolError(
        'ACTION_NOT_FOUND',
        `Action ${target.actionId} not found.`,
        'List executed actions with list_actions.',
      );
    }
    // Without a token, an inactive action would only start a useless
    // approval request. With a token, the checkpoint judges the token first,
    // so a reused token is denied as such, and the executor then reports an
    // inactive action.
    if (record.status !== 'executed' && input.approval_token === undefined) {
      throw new ToolError(
        'ACTION_NOT_REVERSIBLE',
        `Failed to roll back action ${record.id}: it is already ${record.status.replace('_', ' ')}.`,
        'Nothing to undo; list_actions shows its state.',
      );
    }
    if (record.offenseId !== null && record.offenseId !== input.offense_id) {
      throw new ToolError(
        'INVALID_INPUT',
        `Invalid offense_id ${input.offense_id}: action ${record.id} belongs to offense ${record.offenseId}.`,
        `Pass offense_id ${record.offenseId}.`,
      );
    }
    return runGatedCall(context, {
      action: 'rollback_action',
      target,
      input,
      criticality: await criticalityOfRequest(context, record.requestId),
      async execute(claim) {
        try {
          const result = await context.actions.rollback(record.id, {
            actor: context.clientIdentity.name,
            via: 'mcp',
            intentSeq: claim.intentSeq,
            signal: context.signal,
          });
          return {
            outcome: {
              ok: true,
              actionId: record.id,
              details: { removed: result.removed },
            },
            detail: result.detail,
          };
        } catch (error) {
          const message =
            ActionError.is(error) || error instanceof Error
              ? error.message
              : String(error);
          return { outcome: { ok: false, error: message }, detail: message };
        }
      },
    });
  },
  render: renderDecision,
});
