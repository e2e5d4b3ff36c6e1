import { z } from 'zod';

import { PolicyError } from '../src/policy/index.js';
import { orNone, TextRenderer } from './shared/render.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const inputSchema = z.strictObject({
  request_id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .describe('request_id from an approval_required result'),
});

const outputSchema = z.object({
  request_id: z.string(),
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  action: z.string(),
  target: z.string(),
  offense_id: z.number().int().nullable(),
  criticality: z.string(),
  expires_at: z.string(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  token: z.string().optional(),
  token_expires_at: z.string().optional(),
  used: z.boolean(),
  next_step: z.string(),
});

/** get_approval: the state of an approval request, with its token once approved. */
export const getApprovalTool = defineTool({
  name: 'get_approval',
  title: 'Get approval',
  description:
    'State of an approval request; once approved, a single-use token valid 15 minutes for repeating the identical gated call with approval_token.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  effect: 'read',
  async handler(input, context) {
    let view;
    try {
      view = await context.checkpoint.getApproval(input.request_id);
    } catch (error) {
      if (PolicyError.is(error) && error.code === 'REQUEST_NOT_FOUND') {
        throw new ToolError(
          'REQUEST_NOT_FOUND',
          `Approval request ${input.request_id} not found.`,
          'Use the request_id from the approval_required result of the gated call.',
        );
      }
      throw error;
    }
    return {
      request_id: view.requestId,
      status: view.status,
      action: view.action,
      target: view.target,
      offense_id: view.offenseId,
      criticality: view.criticality,
      expires_at: view.expiresAt,
      decided_by: view.decidedBy,
      decision_reason: view.decisionReason,
      ...(view.token === undefined ? {} : { token: view.token }),
      ...(view.tokenExpiresAt === undefined
        ? {}
        : { token_expires_at: view.tokenExpiresAt }),
      used: view.used,
      next_step: view.message,
    };
  },
  // The token is in the text too, because chat clients such as Claude Desktop
  // may pass only text content to the model, which must repeat the call with
  // it. The headless runner never offers get_approval to its model.
  render(output) {
    const offense =
      output.offense_id === null ? '' : `, offense ${output.offense_id}`;
    const text = new TextRenderer().line(
      `Approval request ${output.request_id}: ${output.status} (${output.action} on ${output.target}${offense}, criticality ${output.criticality})`,
      `Expires at: ${output.expires_at}`,
    );
    if (output.decided_by !== null || output.decision_reason !== null)
      text.line(
        `Decided by: ${orNone(output.decided_by)}; reason: ${orNone(output.decision_reason)}`,
      );
    if (output.token !== undefined)
      text.line(
        `Token (single use, valid until ${orNone(output.token_expires_at)}): ${output.token}`,
      );
    return text
      .line(
        `Used: ${output.used ? 'yes' : 'no'}`,
        `Next step: ${output.next_step}`,
      )
      .toString();
  },
});
