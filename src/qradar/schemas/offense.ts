import { z } from 'zod';

import { epochMs, integer, optional } from './common.js';

/** Offense states: `HIDDEN` offenses stay active but leave the default views. */
export const offenseStatuses = ['OPEN', 'HIDDEN', 'CLOSED'] as const;

/** Offense state. */
export type OffenseStatus = (typeof offenseStatuses)[number];

/** A rule that contributed to an offense; names come from `/analytics/rules`. */
export const offenseRuleSchema = z.looseObject({
  id: integer,
  type: optional(z.string()),
});

/** A log source that contributed to an offense. */
export const offenseLogSourceSchema = z.looseObject({
  id: integer,
  name: optional(z.string()),
  type_id: optional(integer),
  type_name: optional(z.string()),
});

/** `GET /siem/offenses/{id}`; every field but `id` may be null or left out by `fields`. */
export const offenseSchema = z.looseObject({
  id: integer,
  description: optional(z.string()),
  offense_type: optional(integer),
  offense_source: optional(z.string()),
  status: optional(z.enum(offenseStatuses)),
  severity: optional(z.number()),
  credibility: optional(z.number()),
  relevance: optional(z.number()),
  magnitude: optional(z.number()),
  start_time: optional(epochMs),
  last_updated_time: optional(epochMs),
  last_persisted_time: optional(epochMs),
  first_persisted_time: optional(epochMs),
  close_time: optional(epochMs),
  closing_user: optional(z.string()),
  closing_reason_id: optional(integer),
  assigned_to: optional(z.string()),
  follow_up: optional(z.boolean()),
  protected: optional(z.boolean()),
  inactive: optional(z.boolean()),
  event_count: optional(integer),
  flow_count: optional(integer),
  device_count: optional(integer),
  source_count: optional(integer),
  local_destination_count: optional(integer),
  remote_destination_count: optional(integer),
  username_count: optional(integer),
  category_count: optional(integer),
  policy_category_count: optional(integer),
  security_category_count: optional(integer),
  categories: optional(z.array(z.string())),
  source_network: optional(z.string()),
  destination_networks: optional(z.array(z.string())),
  source_address_ids: optional(z.array(integer)),
  local_destination_address_ids: optional(z.array(integer)),
  domain_id: optional(integer),
  rules: optional(z.array(offenseRuleSchema)),
  log_sources: optional(z.array(offenseLogSourceSchema)),
});

/** A QRadar offense. */
export type Offense = z.output<typeof offenseSchema>;

/** `GET /siem/offenses/{id}/notes` element. */
export const noteSchema = z.looseObject({
  id: integer,
  create_time: optional(epochMs),
  username: optional(z.string()),
  note_text: optional(z.string()),
});

/** An offense note. */
export type Note = z.output<typeof noteSchema>;

/** `GET /siem/offense_closing_reasons` element. */
export const closingReasonSchema = z.looseObject({
  id: integer,
  text: optional(z.string()),
  is_reserved: optional(z.boolean()),
  is_deleted: optional(z.boolean()),
});

/** A reason an offense can be closed with. */
export type ClosingReason = z.output<typeof closingReasonSchema>;

/** `GET /siem/offense_types` element: the property an offense is indexed on. */
export const offenseTypeSchema = z.looseObject({
  id: integer,
  name: optional(z.string()),
  property_name: optional(z.string()),
  database_type: optional(z.string()),
  custom: optional(z.boolean()),
});

/** An offense type such as `Source IP` or `Username`. */
export type OffenseType = z.output<typeof offenseTypeSchema>;

const addressFields = {
  id: integer,
  magnitude: optional(z.number()),
  network: optional(z.string()),
  offense_ids: optional(z.array(integer)),
  event_flow_count: optional(integer),
  first_event_flow_seen: optional(epochMs),
  last_event_flow_seen: optional(epochMs),
  domain_id: optional(integer),
};

/** `GET /siem/source_addresses` element. */
export const sourceAddressSchema = z.looseObject({
  ...addressFields,
  source_ip: optional(z.string()),
  local_destination_address_ids: optional(z.array(integer)),
});

/** A source address of one or more offenses. */
export type SourceAddress = z.output<typeof sourceAddressSchema>;

/** `GET /siem/local_destination_addresses` element. */
export const localDestinationAddressSchema = z.looseObject({
  ...addressFields,
  local_destination_ip: optional(z.string()),
  source_address_ids: optional(z.array(integer)),
});

/** A local destination address of one or more offenses. */
export type LocalDestinationAddress = z.output<
  typeof localDestinationAddressSchema
>;
