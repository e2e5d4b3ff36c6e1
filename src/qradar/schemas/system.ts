import { z } from 'zod';

import { epochMs, integer, optional } from './common.js';

/** `GET /help/versions` element. */
export const apiVersionSchema = z.looseObject({
  id: optional(integer),
  version: z.string(),
  deprecated: optional(z.boolean()),
  removed: optional(z.boolean()),
  root_resource_ids: optional(z.array(integer)),
});

/** An API version the console offers. */
export type ApiVersion = z.output<typeof apiVersionSchema>;

/** `GET /system/about`. */
export const systemAboutSchema = z.looseObject({
  release_name: optional(z.string()),
  build_version: optional(z.string()),
  external_version: optional(z.string()),
  fips_enabled: optional(z.boolean()),
});

/** Release information of the console. */
export type SystemAbout = z.output<typeof systemAboutSchema>;

/** `GET /analytics/rules` element. */
export const ruleSchema = z.looseObject({
  id: integer,
  name: optional(z.string()),
  type: optional(z.string()),
  enabled: optional(z.boolean()),
  owner: optional(z.string()),
  origin: optional(z.string()),
  identifier: optional(z.string()),
  linked_rule_identifier: optional(z.string()),
  creation_date: optional(epochMs),
  modification_date: optional(epochMs),
});

/** A correlation rule. */
export type Rule = z.output<typeof ruleSchema>;
