import { z } from 'zod';

import { offenseTarget } from '../src/policy/index.js';
import type { OffenseStatus } from '../src/qradar/index.js';
import type { ToolContext } from './context.js';
import { requireOffense, runGatedCall } from './shared/gated.js';
import { renderDecision } from './shared/render-decision.js';
import { decisionOutputSchema, gatedInputFields } from './shared/schemas.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const inputSchema = z.strictObject({
  status: z.enum(['OPEN', 'HIDDEN', 'CLOSED']).optional(),
  closing_reason: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe('Closing reason text or id; required with status CLOSED'),
  assigned_to: z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{1,100}$/)
    .optional()
    .describe('QRadar user name to assign the offense to'),
  ...gatedInputFields,
});

async function resolveClosingReason(
  context: ToolContext,
  reason: string,
): Promise<number> {
  const reasons = await context.client.listClosingReasons({
    signal: context.signal,
  });
  const wanted = reason.trim().toLowerCase();
  const match = reasons.find(
    (candidate) =>
      String(candidate.id) === wanted ||
      candidate.text?.trim().toLowerCase() === wanted,
  );
  if (match === undefined) {
    const known = reasons
      .map(
        (candidate) =>
          `${candidate.id} ${JSON.stringify(candidate.text ?? '')}`,
      )
      .slice(0, 10)
      .join(', ');
    throw new ToolError(
      'INVALID_INPUT',
      `Closing reason ${JSON.stringify(reason)} not found: the console offers ${known || 'none'}.`,
      'Pass one of those texts or ids as closing_reason.',
    );
  }
  return match.id;
}

/** update_offense: closes, hides, reopens or assigns an offense, through the policy. */
export const updateOffenseTool = defineTool({
  name: 'update_offense',
  title: 'Update offense',
  description:
    'Change an offense status (OPEN, HIDDEN, or CLOSED with closing_reason) or assignee. Gated: returns decision executed, approval_required or denied.',
  inputSchema,
  outputSchema: decisionOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'gated',
  async handler(input, context) {
    if (input.status === undefined && input.assigned_to === undefined) {
      throw new ToolError(
        'INVALID_INPUT',
        'Invalid arguments: pass status, assigned_to or both.',
        'Call update_offense with the change to make.',
      );
    }
    if ((input.status === 'CLOSED') !== (input.closing_reason !== undefined)) {
      throw new ToolError(
        'INVALID_INPUT',
        'Invalid closing_reason: it is required with status CLOSED and accepted only then.',
        'Pass status CLOSED together with closing_reason, or neither.',
      );
    }
    await requireOffense(context, input.offense_id);
    const closingReasonId =
      input.closing_reason === undefined
        ? undefined
        : await resolveClosingReason(context, input.closing_reason);
    const parameters: Record<string, unknown> = {};
    if (input.status !== undefined) parameters['status'] = input.status;
    if (closingReasonId !== undefined)
      parameters['closing_reason_id'] = closingReasonId;
    if (input.assigned_to !== undefined)
      parameters['assigned_to'] = input.assigned_to;
    const status: OffenseStatus | undefined = input.status;

    return runGatedCall(context, {
      action: 'update_offense',
      target: offenseTarget(input.offense_id),
      input,
      parameters,
      async execute() {
        try {
          const updated = await context.client.updateOffense(
            input.offense_id,
            {
              status,
              closingReasonId,
              assignedTo: input.assigned_to,
            },
            { signal: context.signal },
          );
          return {
            outcome: { ok: true, details: { parameters } },
            detail: `Offense ${updated.id} is now ${updated.status ?? 'updated'}${updated.assigned_to === null || updated.assigned_to === undefined ? '' : `, assigned to ${updated.assigned_to}`}.`,
          };
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          return { outcome: { ok: false, error: message }, detail: message };
        }
      },
    });
  },
  render: renderDecision,
});
