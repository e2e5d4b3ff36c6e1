import { z } from 'zod';

/** Largest offense id accepted (QRadar ids are 32-bit signed integers). */
export const maxOffenseId = 2_147_483_647;

/** A QRadar offense id. */
export const offenseIdSchema = z
  .number()
  .int()
  .min(1)
  .max(maxOffenseId)
  .describe('QRadar offense id');

/** ISO 8601 time or null, as every tool result writes times. */
export const isoTimeSchema = z.string().nullable();

/** One cited piece of evidence: a ref that an earlier tool result returned. */
export const evidenceSchema = z.strictObject({
  kind: z.string().min(1).max(40),
  ref: z.string().min(1).max(200).describe('e.g. event:42-3, asset:17'),
  excerpt: z.string().max(500),
});

/**
 * Inputs every gated and disruptive tool takes besides its target. The
 * approval token binds the request id, action, target and offense, so a
 * repeated call must use identical arguments.
 */
export const gatedInputFields = {
  offense_id: offenseIdSchema,
  rationale: z.string().min(1).max(2000),
  confidence: z.number().min(0).max(1),
  evidence: z.array(evidenceSchema).max(30),
  approval_token: z.string().min(1).max(4096).optional(),
};

/** Outcomes of the policy checkpoint, as values rather than errors. */
export const decisionSchema = z.enum([
  'executed',
  'approval_required',
  'denied',
]);

/** Verification states of an executed action; `listed` is not contained. */
export const verificationSchema = z.enum([
  'listed',
  'confirmed',
  'unverified',
  'failed',
]);

/** Result of every gated and disruptive tool. */
export const decisionOutputSchema = z.object({
  decision: decisionSchema,
  rule: z.string(),
  reason: z.string(),
  action: z.string(),
  target: z.string(),
  offense_id: z.number().int(),
  request_id: z.string().optional(),
  action_id: z.string().optional(),
  verification: verificationSchema.optional(),
  would_be: decisionSchema.optional(),
  next_step: z.string(),
});

/** Structured result of every gated and disruptive tool. */
export type DecisionOutput = z.input<typeof decisionOutputSchema>;
