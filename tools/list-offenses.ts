import { z } from 'zod';

import { and, eq, gte, lt, type Filter } from '../src/qradar/index.js';
import {
  offenseListFields,
  offenseListItemSchema,
  offenseTypeNames,
  toOffenseListItem,
} from './shared/offenses.js';
import { countOf, TextRenderer } from './shared/render.js';
import { renderOffenseItem } from './shared/render-items.js';
import { parseSince } from './shared/time.js';
import { defineTool } from './tool.js';
import { ToolError } from './tool-error.js';

const inputSchema = z.strictObject({
  status: z
    .enum(['OPEN', 'HIDDEN', 'CLOSED', 'ANY'])
    .default('OPEN')
    .describe('Offense status; ANY lists all (default OPEN)'),
  min_magnitude: z.number().int().min(0).max(10).optional(),
  since: z
    .string()
    .max(40)
    .optional()
    .describe('Updated since: ISO 8601 time or 30m, 24h, 7d'),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional()
    .describe('next_cursor of the previous page'),
});

const outputSchema = z.object({
  offenses: z.array(offenseListItemSchema),
  returned: z.number().int(),
  total: z.number().int().nullable(),
  next_cursor: z.string().nullable(),
});

/** list_offenses: open or recent offenses, newest first, paged by cursor. */
export const listOffensesTool = defineTool({
  name: 'list_offenses',
  title: 'List offenses',
  description:
    'Offenses, newest first, with status, magnitude, type, counts, times and categories; page with next_cursor. Use get_offense for one offense in full.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'read',
  async handler(input, context) {
    const filters: Filter[] = [];
    if (input.status !== 'ANY') filters.push(eq('status', input.status));
    if (input.min_magnitude !== undefined)
      filters.push(gte('magnitude', input.min_magnitude));
    if (input.since !== undefined) {
      const sinceMs = parseSince(input.since, context.now());
      if (sinceMs === undefined) {
        throw new ToolError(
          'INVALID_INPUT',
          `Invalid since ${JSON.stringify(input.since)}: expected an ISO 8601 time or a relative form such as 24h.`,
          'Pass since as 2024-05-01T00:00:00Z, 30m, 24h or 7d.',
        );
      }
      filters.push(gte('last_updated_time', sinceMs));
    }
    if (input.cursor !== undefined)
      filters.push(lt('id', Number(input.cursor)));

    const page = await context.client.listOffenses({
      filter: filters.length === 0 ? undefined : and(...filters),
      sort: [{ field: 'id', direction: 'desc' }],
      fields: offenseListFields,
      range: { start: 0, limit: input.limit },
      signal: context.signal,
    });
    const typeNames = await offenseTypeNames(
      context.client,
      page.items,
      context.signal,
    );
    const last = page.items.at(-1);
    const hasMore =
      page.items.length === input.limit &&
      (page.total === undefined || page.total > page.items.length);
    return {
      offenses: page.items.map((offense) =>
        toOffenseListItem(offense, typeNames),
      ),
      returned: page.items.length,
      total: page.total ?? null,
      next_cursor: hasMore && last !== undefined ? String(last.id) : null,
    };
  },
  render(output) {
    const total = output.total === null ? '' : ` of ${output.total}`;
    const text = new TextRenderer().line(
      `${countOf(output.returned, 'offense')} returned${total}, newest first.`,
    );
    for (const offense of output.offenses) renderOffenseItem(text, offense);
    text.line(
      output.next_cursor === null
        ? 'No more pages.'
        : `More offenses: call list_offenses with cursor ${output.next_cursor}.`,
    );
    return text.toString();
  },
});
