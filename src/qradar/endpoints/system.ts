import { z } from 'zod';

import { inList } from '../filter.js';
import type { RequestOptions } from '../options.js';
import { buildFields, withField, type FieldSelection } from '../query.js';
import {
  apiVersionSchema,
  ruleSchema,
  systemAboutSchema,
  type ApiVersion,
  type Rule,
  type SystemAbout,
} from '../schemas/system.js';
import type { QRadarTransport } from '../transport.js';
import { fetchAllPages, lookupInBatches } from './paging.js';

/** Options of getRules. */
export interface GetRulesOptions extends RequestOptions {
  /** Fields to return; `id` is always added. Defaults to every field. */
  fields?: FieldSelection | undefined;
}

/** Lists the API versions the console offers. */
export async function listApiVersions(
  transport: QRadarTransport,
  options: RequestOptions = {},
): Promise<ApiVersion[]> {
  const { data } = await transport.request({
    method: 'GET',
    path: '/help/versions',
    schema: z.array(apiVersionSchema),
    label: 'versions',
    context: { action: 'list the API versions of the QRadar console' },
    options,
  });
  return data;
}

/** Reads the console's release and build. */
export async function getSystemAbout(
  transport: QRadarTransport,
  options: RequestOptions = {},
): Promise<SystemAbout> {
  const { data } = await transport.request({
    method: 'GET',
    path: '/system/about',
    schema: systemAboutSchema,
    label: 'about',
    context: { action: 'read the QRadar system information' },
    options,
  });
  return data;
}

/** Looks up analytics rules by id, 100 ids per request. */
export function getRules(
  transport: QRadarTransport,
  ids: readonly number[],
  options: GetRulesOptions = {},
): Promise<Rule[]> {
  const fields = withField(options.fields, 'id');
  return lookupInBatches(
    ids,
    (chunk) =>
      fetchAllPages(
        transport,
        {
          method: 'GET',
          path: '/analytics/rules',
          query: {
            filter: inList('id', chunk).toString(),
            fields: fields === undefined ? undefined : buildFields(fields),
          },
          schema: z.array(ruleSchema),
          label: 'rules',
          context: { action: 'look up analytics rules' },
          options,
        },
        chunk.length,
        chunk.length,
      ),
    options,
  );
}

/** Maps rule ids to rule names; ids the console does not know are left out. */
export async function getRuleNames(
  transport: QRadarTransport,
  ids: readonly number[],
  options: RequestOptions = {},
): Promise<Map<number, string>> {
  const rules = await getRules(transport, ids, {
    ...options,
    fields: ['id', 'name'],
  });
  const names = new Map<number, string>();
  for (const rule of rules)
    if (typeof rule.name === 'string') names.set(rule.id, rule.name);
  return names;
}
