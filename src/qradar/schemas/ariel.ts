import { z } from 'zod';

import { integer, optional } from './common.js';

/** Ariel search states; `CANCELED` and `ERROR` are terminal failures. */
export const arielSearchStatuses = [
  'WAIT',
  'EXECUTE',
  'SORTING',
  'COMPLETED',
  'CANCELED',
  'ERROR',
] as const;

/** Ariel search state. */
export type ArielSearchStatus = (typeof arielSearchStatuses)[number];

/** An error or warning attached to an Ariel search. */
export const arielErrorMessageSchema = z.looseObject({
  code: optional(z.union([z.string(), z.number()])),
  contexts: optional(z.array(z.unknown())),
  message: optional(z.string()),
  severity: optional(z.string()),
});

/** `POST /ariel/searches` and `GET /ariel/searches/{id}`. */
export const arielSearchSchema = z.looseObject({
  search_id: z.string(),
  cursor_id: optional(z.string()),
  status: z.enum(arielSearchStatuses),
  progress: optional(z.number()),
  progress_details: optional(z.array(z.unknown())),
  record_count: optional(integer),
  processed_record_count: optional(integer),
  query_string: optional(z.string()),
  query_execution_time: optional(z.number()),
  error_messages: optional(z.array(arielErrorMessageSchema)),
  desired_retention_time_msec: optional(z.number()),
  save_results: optional(z.boolean()),
  completed: optional(z.boolean()),
  snapshot: optional(z.unknown()),
  subsearch_ids: optional(z.array(z.string())),
});

/** An Ariel search. */
export type ArielSearch = z.output<typeof arielSearchSchema>;

/** One result row, keyed by column name as the query wrote it. */
export type ArielRow = Record<string, unknown>;

/**
 * `GET /ariel/searches/{id}/results`: one key named after the database
 * (`events` or `flows`) holding the rows.
 */
export const arielResultsSchema = z.record(
  z.string(),
  z.array(z.record(z.string(), z.unknown())),
);

/** `GET /ariel/searches`: search ids. */
export const arielSearchIdsSchema = z.array(z.string());

/** `GET /ariel/databases`: database names such as `events` and `flows`. */
export const arielDatabasesSchema = z.array(z.string());

/** A column of an Ariel database. */
export const arielColumnSchema = z.looseObject({
  name: z.string(),
  argument_type: optional(z.string()),
  indexable: optional(z.boolean()),
  nullable: optional(z.boolean()),
  object_value_type: optional(z.string()),
  provider_name: optional(z.string()),
});

/** A column of an Ariel database. */
export type ArielColumn = z.output<typeof arielColumnSchema>;

/** `GET /ariel/databases/{name}`. */
export const arielDatabaseSchema = z.looseObject({
  columns: z.array(arielColumnSchema),
});
