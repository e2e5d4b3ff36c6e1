import { z } from 'zod';

import { offenseIdSchema, verificationSchema } from './shared/schemas.js';
import { countOf, orNone, TextRenderer } from './shared/render.js';
import { defineTool } from './tool.js';

const inputSchema = z.strictObject({
  offense_id: offenseIdSchema.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

const outputSchema = z.object({
  actions: z.array(
    z.object({
      action_id: z.string(),
      action: z.string(),
      target: z.string(),
      offense_id: z.number().int().nullable(),
      status: z.enum(['executed', 'rolled_back', 'expired']),
      verification: verificationSchema,
      executor: z.string(),
      existed_before: z.boolean(),
      request_id: z.string().nullable(),
      created: z.string(),
      expires_at: z.string().nullable(),
      rolled_back_at: z.string().nullable(),
      rolled_back_by: z.string().nullable(),
    }),
  ),
  returned: z.number().int(),
});

/** list_actions: executed containment actions with their verification state. */
export const listActionsTool = defineTool({
  name: 'list_actions',
  title: 'List actions',
  description:
    'Containment actions this server executed, newest first: status, verification (listed, confirmed, unverified, failed), executor and expiry.',
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
    const records = await context.actions.list({
      offenseId: input.offense_id,
      limit: input.limit,
    });
    return {
      actions: records.map((record) => ({
        action_id: record.id,
        action: record.action,
        target: record.target,
        offense_id: record.offenseId,
        status: record.status,
        verification: record.verification,
        executor: record.executor,
        existed_before: record.existedBefore,
        request_id: record.requestId,
        created: record.createdAt,
        expires_at: record.expiresAt,
        rolled_back_at: record.rolledBackAt,
        rolled_back_by: record.rolledBackBy,
      })),
      returned: records.length,
    };
  },
  render(output) {
    const text = new TextRenderer().line(
      `${countOf(output.returned, 'action')} returned, newest first.`,
    );
    for (const action of output.actions) {
      const rolledBack =
        action.rolled_back_at === null
          ? ''
          : `; rolled back ${action.rolled_back_at} by ${orNone(action.rolled_back_by)}`;
      text.line(
        `- ${action.action_id}: ${action.action} on ${action.target}, offense ${orNone(action.offense_id)}; ${action.status}, verification ${action.verification}; executor ${action.executor}; existed before: ${action.existed_before ? 'yes' : 'no'}; request ${orNone(action.request_id)}; created ${action.created}, expires ${orNone(action.expires_at)}${rolledBack}`,
      );
    }
    return text.toString();
  },
});
