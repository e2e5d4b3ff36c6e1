import { z } from 'zod';

import { epochMs, integer, optional } from './common.js';

/** Expiry basis of set elements: time since they were first or last seen. */
export const referenceSetTimeoutTypes = [
  'UNKNOWN',
  'FIRST_SEEN',
  'LAST_SEEN',
] as const;

/** Expiry basis of a reference set. */
export type ReferenceSetTimeoutType = (typeof referenceSetTimeoutTypes)[number];

/** Element types of reference sets; `ALNIC` compares case-insensitively. */
export type ReferenceSetElementType =
  'ALN' | 'ALNIC' | 'IP' | 'NUM' | 'PORT' | 'DATE' | 'CIDR';

/** One element of a reference set; values are strings for every element type. */
export const referenceSetElementSchema = z.looseObject({
  value: z.string(),
  source: optional(z.string()),
  first_seen: optional(epochMs),
  last_seen: optional(epochMs),
  domain_id: optional(integer),
});

/** An element of a reference set. */
export type ReferenceSetElement = z.output<typeof referenceSetElementSchema>;

/**
 * `GET /reference_data/sets[/{name}]`. `time_to_live` comes back in interval
 * form such as `0 years 0mons 7 days 0 hours 0mins 0.0 secs`; `data` is only
 * present on the single-set GET.
 */
export const referenceSetSchema = z.looseObject({
  name: z.string(),
  element_type: z.string(),
  timeout_type: optional(z.string()),
  time_to_live: optional(z.string()),
  number_of_elements: optional(integer),
  creation_time: optional(epochMs),
  namespace: optional(z.string()),
  collection_id: optional(integer),
  data: optional(z.array(referenceSetElementSchema)),
});

/** A reference set. */
export type ReferenceSet = z.output<typeof referenceSetSchema>;

/** `DELETE /reference_data/sets/{name}`: the deletion runs as a task. */
export const referenceDataTaskSchema = z.looseObject({
  id: integer,
  name: optional(z.string()),
  status: optional(z.string()),
  message: optional(z.string()),
  created: optional(epochMs),
  created_by: optional(z.string()),
  modified: optional(epochMs),
  started: optional(epochMs),
  completed: optional(epochMs),
});

/** An asynchronous reference-data task. */
export type ReferenceDataTask = z.output<typeof referenceDataTaskSchema>;
