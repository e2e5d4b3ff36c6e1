import { z } from 'zod';

import { parseDuration, type Duration } from './durations.js';
import { parseNetwork, type Network } from './ip-address.js';
import {
  criticalityLevels,
  gatedActions,
  policyModes,
  roleNames,
} from './vocabulary.js';

// The zod schema of the policy file. It keeps the file's snake_case keys so
// that issue paths point at lines of the file, and toPolicy (policy.ts) maps
// the result onto the camelCase Policy type. Messages complete the sentence
// "<field> ...", because the loader prefixes the field path.

const name = z.string().trim().min(1).max(255);

const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, {
  message:
    'must be 1 to 64 letters, digits, dots, underscores, @ or hyphens, starting with a letter or digit',
});

const environmentVariable = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
  message: 'must be an environment variable name such as SOAR_WEBHOOK_SECRET',
});

const httpUrl = z.string().regex(/^https?:\/\/[^\s/]+/i, {
  message: 'must be an http:// or https:// URL',
});

const duration = z.string().transform((text, context): Duration => {
  const parsed = parseDuration(text);
  if (parsed === undefined) {
    context.addIssue({
      code: 'custom',
      message: `must be a duration such as "15 minutes", "24 hours" or "7 days", got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return parsed;
});

const network = z.string().transform((text, context): Network => {
  try {
    return parseNetwork(text);
  } catch {
    context.addIssue({
      code: 'custom',
      message: `must be a network in CIDR notation such as 10.0.0.0/8, got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
});

const confidence = z.number().min(0).max(1);
const criticality = z.enum(criticalityLevels);
const action = z.enum(gatedActions);

const roleSources = z.strictObject({
  reference_sets: z.array(name).default([]),
  networks: z.array(network).default([]),
});

const executor = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reference_set'),
    reference_set: name,
  }),
  z.strictObject({
    type: z.literal('webhook'),
    url: httpUrl,
    secret_env: environmentVariable,
  }),
]);

const autonomousRule = z.strictObject({
  name: identifier,
  action,
  min_confidence: confidence.optional(),
  max_criticality: criticality.optional(),
  address: z.enum(['external', 'internal', 'any']).default('any'),
  forbid_roles: z.array(z.enum(roleNames)).default([]),
});

const approvalRule = z.strictObject({
  name: identifier,
  actions: z.array(action).optional(),
  min_criticality: criticality.optional(),
  max_criticality: criticality.optional(),
  approver_roles: z.array(identifier).min(1),
});

const perHour = z.int().min(0).max(100_000);

/** The policy file as zod validates it. */
export const policyFileSchema = z.strictObject({
  version: z.literal(1),
  mode: z.enum(policyModes),
  internal_networks: z.array(network).default([]),
  roles: z
    .strictObject(
      Object.fromEntries(
        roleNames.map((role) => [role, roleSources.optional()]),
      ) as Record<
        (typeof roleNames)[number],
        z.ZodOptional<typeof roleSources>
      >,
    )
    .default({}),
  role_name_defaults: z.boolean().default(true),
  block: z.strictObject({
    reference_set: name,
    time_to_live: duration,
  }),
  executors: z.strictObject({
    isolate_host: executor,
    disable_user: executor,
  }),
  autonomous_rules: z.array(autonomousRule).default([]),
  approvers: z.record(identifier, z.array(identifier).min(1)),
  approval_rules: z.array(approvalRule),
  elicitation: z
    .strictObject({
      enabled: z.boolean(),
      actions: z.array(action).default([]),
      max_criticality: criticality.default('low'),
    })
    .default({ enabled: false, actions: [], max_criticality: 'low' }),
  rate_limits: z.strictObject({
    gated_per_hour: perHour,
    per_action_per_hour: z
      .strictObject(
        Object.fromEntries(
          gatedActions.map((gated) => [gated, perHour.optional()]),
        ) as Record<
          (typeof gatedActions)[number],
          z.ZodOptional<typeof perHour>
        >,
      )
      .default({}),
  }),
  notify: z
    .strictObject({ url: httpUrl, secret_env: environmentVariable })
    .nullable()
    .default(null),
  approval_expiry: duration.prefault('24 hours'),
  token_lifetime: duration.prefault('15 minutes'),
});

/** The validated policy file, before mapping to Policy. */
export type PolicyFile = z.output<typeof policyFileSchema>;
