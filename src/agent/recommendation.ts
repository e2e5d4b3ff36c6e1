import { z } from 'zod';

/**
 * Attack stages in kill-chain order; when the evidence shows several, the
 * latest one reached is reported.
 */
export const attackStages = [
  'reconnaissance',
  'initial_access',
  'execution',
  'persistence',
  'privilege_escalation',
  'credential_access',
  'lateral_movement',
  'command_and_control',
  'exfiltration',
  'impact',
  'benign',
] as const;

export type AttackStage = (typeof attackStages)[number];

/** Containment actions a recommendation may name; `none` makes no gated call. */
export const recommendedActions = [
  'block_ip',
  'isolate_host',
  'disable_user',
  'none',
] as const;

export type RecommendedAction = (typeof recommendedActions)[number];

/** Dispositions of an offense. */
export const dispositions = [
  'true_positive',
  'false_positive',
  'benign',
] as const;

export type Disposition = (typeof dispositions)[number];

/** One piece of evidence: a ref to an event, asset or note that a tool returned. */
export const evidenceItemSchema = z.object({
  kind: z.string().min(1).max(40),
  ref: z.string().min(1).max(200),
  excerpt: z.string().max(500),
});

export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** The model's final decision on one offense, validated before any gated call. */
export const recommendationSchema = z
  .object({
    offense_id: z.number().int().nonnegative(),
    disposition: z.enum(dispositions),
    action: z.enum(recommendedActions),
    target: z.string().min(1).max(255).optional(),
    confidence: z.number().min(0).max(1),
    attack_stage: z.enum(attackStages),
    severity: z.number().int().min(1).max(10),
    mitre_techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/)).max(20),
    evidence: z.array(evidenceItemSchema).max(30),
    rationale: z.string().min(1).max(2000),
    alternatives: z
      .array(
        z.object({
          action: z.enum(recommendedActions),
          target: z.string().min(1).max(255).optional(),
          why: z.string().max(500),
        }),
      )
      .max(5),
  })
  .superRefine((value, context) => {
    if (value.action !== 'none' && value.target === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['target'],
        message: `action ${value.action} needs a target`,
      });
    }
  });

export type Recommendation = z.infer<typeof recommendationSchema>;

/** JSON Schema of Recommendation, offered to models as the final tool's input. */
export function recommendationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(recommendationSchema, { io: 'input' });
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/** Formats zod issues as "path: message" lines a model can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('\n');
}
