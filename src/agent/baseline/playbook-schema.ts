import { z } from 'zod';

import { attackStages } from '../recommendation.js';

const evidenceStages = attackStages.filter((stage) => stage !== 'benign') as [
  Exclude<(typeof attackStages)[number], 'benign'>,
  ...Exclude<(typeof attackStages)[number], 'benign'>[],
];

/** Event fields a class may match keywords in. */
export const matchFields = [
  'qid_name',
  'category_name',
  'payload',
  'log_source',
  'username',
  'description',
  'asset',
  'note',
] as const;

/** Fields a signal may group by or count distinct values of. */
export const eventKeys = [
  'source_ip',
  'destination_ip',
  'destination_port',
  'username',
] as const;

const scope = z.enum(['internal', 'external', 'any']);

const categoryRange = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((value, context) => {
    const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(String(value).trim());
    const low = Number(match?.[1]);
    const high = Number(match?.[2] ?? match?.[1]);
    if (match === null || high < low) {
      context.addIssue({
        code: 'custom',
        message: `expected a category id or a range such as 1000-1999, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return { low, high };
  });

const regexText = z
  .string()
  .min(1)
  .refine(
    (value) => {
      try {
        new RegExp(value, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected a valid regular expression' },
  );

const eventClassSchema = z.strictObject({
  categories: z.array(categoryRange).default([]),
  keywords: z.array(z.string().min(1)).default([]),
  /** Regular expressions, matched ignoring case, for shapes keywords cannot name. */
  patterns: z.array(regexText).default([]),
  fields: z
    .array(z.enum(matchFields))
    .min(1)
    .default(['qid_name', 'category_name']),
});

const signalSchema = z
  .strictObject({
    kind: z.enum([
      'count',
      'distinct',
      'sequence',
      'beacon',
      'volume',
      'travel',
    ]),
    class: z.string().min(1).default('any'),
    then: z.string().min(1).optional(),
    group_by: z.enum(eventKeys),
    distinct: z.enum(eventKeys).optional(),
    min_events: z.number().int().min(1).default(1),
    min_distinct: z.number().int().min(1).optional(),
    min_connections: z.number().int().min(3).optional(),
    max_jitter: z.number().min(0).max(5).optional(),
    min_bytes: z.number().int().min(1).optional(),
    /** travel: the maximum time between sign-ins from two regions. */
    max_window_minutes: z.number().int().min(1).optional(),
    /** Only events whose source and destination differ. */
    remote_only: z.boolean().default(false),
    /** The user names of the matching events are accounts being abused. */
    names_accounts: z.boolean().default(false),
    scope: z.enum(['offense', 'all']).default('offense'),
    source: scope.default('any'),
    destination: scope.default('any'),
    exclude_classes: z.array(z.string().min(1)).default([]),
    /** Signals that, when they fire for the same actor, replace this one. */
    suppressed_by: z.array(z.string().min(1)).default([]),
    stage: z.enum(evidenceStages),
    weight: z.number().gt(0).max(1),
    techniques: z
      .array(
        z
          .string()
          .regex(
            /^T\d{4}(\.\d{3})?$/,
            'expected a MITRE ATT&CK id such as T1110',
          ),
      )
      .default([]),
  })
  .superRefine((signal, context) => {
    const need = (field: keyof typeof signal, kind: string): void => {
      if (signal[field] === undefined) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `a ${kind} signal needs ${field}`,
        });
      }
    };
    if (signal.kind === 'distinct') {
      need('distinct', 'distinct');
      need('min_distinct', 'distinct');
    }
    if (signal.kind === 'sequence') need('then', 'sequence');
    if (signal.kind === 'beacon') {
      need('min_connections', 'beacon');
      need('max_jitter', 'beacon');
    }
    if (signal.kind === 'volume') need('min_bytes', 'volume');
    if (signal.kind === 'travel') need('max_window_minutes', 'travel');
  });

const actionRuleSchema = z.strictObject({
  id: z.string().min(1),
  stages: z.array(z.enum(evidenceStages)).min(1),
  actor_scope: z.enum(['internal', 'external']).optional(),
  action: z.enum(['block_ip', 'isolate_host', 'disable_user']),
  target: z.enum(['actor_ip', 'remote_ip', 'account']),
});

/** Schema of a playbook file; see playbook/default-playbook.yaml for the meaning of each key. */
export const playbookSchema = z.strictObject({
  version: z.literal(1),
  internal_networks: z
    .array(
      z
        .string()
        .regex(
          /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
          'expected an IPv4 CIDR such as 10.0.0.0/8',
        ),
    )
    .min(1),
  classes: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), eventClassSchema),
  signals: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), signalSchema),
  disposition: z.strictObject({
    note_markers: z.array(z.string().min(1)).default([]),
    /** Words that, within the three words before a marker, cancel it ("no change ticket"). */
    negations: z.array(z.string().min(1)).default([]),
    allow_source_roles: z.array(z.string().min(1)).default([]),
    approved_destination_roles: z.array(z.string().min(1)).default([]),
    weak_below: z.number().min(0).max(1),
  }),
  actions: z.array(actionRuleSchema),
  guards: z.strictObject({
    forbidden_roles: z.array(z.string().min(1)).default([]),
    never_disable_roles: z.array(z.string().min(1)).default([]),
    never_disable_accounts: z.array(z.string().min(1)).default([]),
    high_value_criticalities: z
      .array(z.enum(['low', 'medium', 'high', 'critical']))
      .default([]),
    high_value_min_confidence: z.number().min(0).max(1),
  }),
  confidence: z.strictObject({
    floor: z.number().min(0).max(1),
    cap: z.number().min(0).max(1),
    corroboration_bonus: z.number().min(0).max(0.5),
    /**
     * Each doubling of a signal's evidence beyond its threshold counts as one
     * more observation of it, up to this many; 0 turns this off.
     */
    max_volume_observations: z.number().min(0).max(5).default(0),
  }),
  severity: z.partialRecord(
    z.enum(attackStages),
    z.number().int().min(1).max(10),
  ),
  injection: z.strictObject({
    keywords: z.array(z.string().min(1)).default([]),
    fields: z
      .array(z.enum(matchFields))
      .default(['username', 'payload', 'description']),
  }),
});

/** A validated playbook. */
export type Playbook = z.output<typeof playbookSchema>;

/** One validated signal definition. */
export type SignalDefinition = Playbook['signals'][string];

/** One validated event class. */
export type EventClassDefinition = Playbook['classes'][string];

/** One validated action rule. */
export type ActionRule = Playbook['actions'][number];

/** Lists references to undefined classes, as issues with paths. */
export function crossCheckPlaybook(
  playbook: Playbook,
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const known = new Set(['any', ...Object.keys(playbook.classes)]);
  for (const [id, signal] of Object.entries(playbook.signals)) {
    for (const [field, name] of [
      ['class', signal.class],
      ['then', signal.then],
    ] as const) {
      if (name !== undefined && !known.has(name)) {
        issues.push({
          path: ['signals', id, field],
          message: `unknown class ${JSON.stringify(name)}; define it under classes`,
        });
      }
    }
    signal.suppressed_by.forEach((name, index) => {
      if (!(name in playbook.signals)) {
        issues.push({
          path: ['signals', id, 'suppressed_by', index],
          message: `unknown signal ${JSON.stringify(name)}; define it under signals`,
        });
      }
    });
    signal.exclude_classes.forEach((name, index) => {
      if (!known.has(name)) {
        issues.push({
          path: ['signals', id, 'exclude_classes', index],
          message: `unknown class ${JSON.stringify(name)}; define it under classes`,
        });
      }
    });
  }
  return issues;
}
