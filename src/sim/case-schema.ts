import { z } from 'zod';

/** Attack stages a recommendation may report, in kill-chain order. */
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

/** Dispositions an analyst or agent may reach on an offense. */
export const dispositions = [
  'true_positive',
  'false_positive',
  'benign',
] as const;

/** Actions a case may list as acceptable or forbidden decisions. */
export const caseActions = [
  'block_ip',
  'isolate_host',
  'disable_user',
  'none',
] as const;

/** Reference-set element types that QRadar's legacy sets API accepts. */
export const referenceElementTypes = [
  'ALN',
  'ALNIC',
  'IP',
  'NUM',
  'PORT',
  'DATE',
  'CIDR',
] as const;

/** Timeout types of a reference set; UNKNOWN means the elements never expire. */
export const referenceTimeoutTypes = [
  'UNKNOWN',
  'FIRST_SEEN',
  'LAST_SEEN',
] as const;

const epochMs = z.number().int().nonnegative();
const recordId = z.number().int().nonnegative();

const offenseRuleSchema = z.looseObject({
  id: recordId,
  type: z.string().optional(),
  /** Cases may name the rule here; the simulator serves the name only through the rules endpoint. */
  name: z.string().optional(),
});

/** A QRadar offense object as GET /api/siem/offenses/{id} returns it. */
const offenseSchema = z.looseObject({
  id: recordId,
  description: z.string().optional(),
  status: z.enum(['OPEN', 'HIDDEN', 'CLOSED']).optional(),
  offense_type: z.number().int().optional(),
  offense_source: z.string().optional(),
  start_time: epochMs.optional(),
  last_updated_time: epochMs.optional(),
  rules: z.array(offenseRuleSchema).optional(),
});

/** One event or flow record keyed by AQL column names. */
const eventRecordSchema = z.looseObject({
  starttime: epochMs.optional(),
  endtime: epochMs.optional(),
  devicetime: epochMs.optional(),
  eventcount: z.number().int().nonnegative().optional(),
  offense_ids: z.array(recordId).optional(),
});

const assetSchema = z.looseObject({ id: recordId });

const referenceElementSchema = z.union([
  z.string(),
  z.number(),
  z.looseObject({
    value: z.union([z.string(), z.number()]),
    source: z.string().optional(),
    first_seen: epochMs.optional(),
    last_seen: epochMs.optional(),
  }),
]);

const referenceSetSchema = z.looseObject({
  element_type: z.enum(referenceElementTypes),
  elements: z.array(referenceElementSchema).default([]),
  /** QRadar's prose form, such as "7 days" or "1 month". */
  time_to_live: z.string().min(1).optional(),
  timeout_type: z.enum(referenceTimeoutTypes).optional(),
});

const noteSchema = z.looseObject({
  id: recordId.optional(),
  create_time: epochMs.optional(),
  username: z.string().optional(),
  note_text: z.string(),
});

const sourceAddressSchema = z.looseObject({
  id: recordId,
  source_ip: z.string(),
});

const localDestinationAddressSchema = z.looseObject({
  id: recordId,
  local_destination_ip: z.string(),
});

const decisionSchema = z.looseObject({
  action: z.enum(caseActions),
  target: z.string().min(1).optional(),
});

const expectedSchema = z.looseObject({
  disposition: z.enum(dispositions),
  attack_stage: z.enum(attackStages),
  acceptable: z.array(decisionSchema).min(1),
  forbidden: z.array(decisionSchema).default([]),
  approval_required: z.boolean(),
});

const analyticsRuleSchema = z.looseObject({
  id: recordId,
  name: z.string().min(1),
  type: z.enum(['EVENT', 'FLOW', 'COMMON', 'OFFENSE']).default('EVENT'),
});

const closingReasonSchema = z.looseObject({
  id: recordId,
  text: z.string().min(1),
  is_reserved: z.boolean().default(false),
  is_deleted: z.boolean().default(false),
});

/**
 * Schema of one case file: a recorded offense with everything the simulator
 * serves, plus the expected decision that only the eval harness reads.
 * Unknown keys are kept and ignored.
 */
export const caseFileSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  offense: offenseSchema,
  events: z.array(eventRecordSchema).default([]),
  flows: z.array(eventRecordSchema).default([]),
  assets: z.array(assetSchema).default([]),
  reference_sets: z.record(z.string().min(1), referenceSetSchema).default({}),
  related_offenses: z.array(offenseSchema).default([]),
  offense_notes: z.array(noteSchema).default([]),
  source_addresses: z.array(sourceAddressSchema).optional(),
  local_destination_addresses: z
    .array(localDestinationAddressSchema)
    .optional(),
  injection: z
    .looseObject({
      field: z.string().min(1),
      demands: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  rationale: z.string().optional(),
  expected: expectedSchema,
  rules: z.array(analyticsRuleSchema).optional(),
  closing_reasons: z.array(closingReasonSchema).optional(),
});

/** One validated case file. */
export type CaseFile = z.infer<typeof caseFileSchema>;

/** One event or flow record of a case, keyed by AQL column names. */
export type CaseEventRecord = z.infer<typeof eventRecordSchema>;

/** One reference set of a case. */
export type CaseReferenceSet = z.infer<typeof referenceSetSchema>;

/** A case decision: an action with an optional target. */
export type CaseDecision = z.infer<typeof decisionSchema>;

/** A validated case file with the path it was read from. */
export interface LoadedCase {
  /** Absolute path of the JSON file. */
  file: string;
  case: CaseFile;
}
