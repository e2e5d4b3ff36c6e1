import { z } from 'zod';

import { addressSchema } from './addresses.js';
import { assetSummarySchema } from './assets.js';
import { eventSummarySchema } from './event-summary.js';
import { listOrNone, orNone, TextRenderer } from './render.js';
import {
  formatAddress,
  renderAsset,
  renderEventSummary,
} from './render-items.js';
import { isoTimeSchema } from './schemas.js';

/** Result of get_offense: the decision picture of one offense. */
export const offensePictureSchema = z.object({
  offense: z.object({
    id: z.number().int(),
    status: z.string().nullable(),
    offense_type: z.string().nullable(),
    magnitude: z.number().nullable(),
    severity: z.number().nullable(),
    credibility: z.number().nullable(),
    relevance: z.number().nullable(),
    event_count: z.number().int().nullable(),
    flow_count: z.number().int().nullable(),
    start_time: isoTimeSchema,
    last_updated_time: isoTimeSchema,
    assigned_to: z.string().nullable(),
    follow_up: z.boolean().nullable(),
    untrusted: z.object({
      description: z.string().nullable(),
      offense_source: z.string().nullable(),
    }),
  }),
  categories: z.array(z.string()),
  rules: z.array(
    z.object({ id: z.number().int(), name: z.string().nullable() }),
  ),
  addresses: z.object({
    sources: z.array(addressSchema),
    local_destinations: z.array(addressSchema),
    more_sources: z.number().int(),
    more_local_destinations: z.number().int(),
  }),
  assets: z.array(assetSummarySchema),
  event_summary: eventSummarySchema.nullable(),
  notes: z.array(
    z.object({
      id: z.number().int(),
      created: isoTimeSchema,
      untrusted: z.object({ author: z.string().nullable(), text: z.string() }),
    }),
  ),
  notes_total: z.number().int(),
  related_offenses: z.array(
    z.object({
      id: z.number().int(),
      status: z.string().nullable(),
      magnitude: z.number().nullable(),
      shared_sources: z.array(z.string()),
      untrusted: z.object({ description: z.string().nullable() }),
    }),
  ),
  warnings: z.array(z.string()),
});

function addressLine(
  label: string,
  addresses: z.output<typeof addressSchema>[],
  more: number,
): string {
  const extra = more > 0 ? `, and ${more} more not shown` : '';
  return `${label} (${addresses.length + more}): ${listOrNone(addresses.map(formatAddress))}${extra}`;
}

function renderNotes(
  text: TextRenderer,
  output: z.output<typeof offensePictureSchema>,
): void {
  const shown = output.notes.length;
  text.line(
    `Notes: ${shown} newest of ${output.notes_total} shown${shown === 0 ? '' : ' (texts below)'}`,
  );
  for (const note of output.notes) {
    text.line(`- note:${note.id} created ${orNone(note.created)}`);
    text
      .untrusted(`note:${note.id} author`, note.untrusted.author, 80)
      .untrusted(`note:${note.id} text`, note.untrusted.text);
  }
}

function renderRelated(
  text: TextRenderer,
  output: z.output<typeof offensePictureSchema>,
): void {
  const related = output.related_offenses;
  text.line(
    `Related open offenses sharing a source (${related.length}):${related.length === 0 ? ' none' : ''}`,
  );
  for (const offense of related) {
    text.line(
      `- offense ${offense.id}: ${orNone(offense.status)}, magnitude ${orNone(offense.magnitude)}, shared sources ${listOrNone(offense.shared_sources)}`,
    );
    text.untrusted(
      `offense ${offense.id} description`,
      offense.untrusted.description,
      150,
    );
  }
}

/** Renders the decision picture: scores, rules, addresses, assets, events, notes, related offenses. */
export function renderOffensePicture(
  output: z.output<typeof offensePictureSchema>,
): string {
  const { offense, addresses } = output;
  const text = new TextRenderer().line(
    `Offense ${offense.id}: ${orNone(offense.status)}, magnitude ${orNone(offense.magnitude)} (severity ${orNone(offense.severity)}, credibility ${orNone(offense.credibility)}, relevance ${orNone(offense.relevance)}), type ${orNone(offense.offense_type)}`,
    `Events ${orNone(offense.event_count)}, flows ${orNone(offense.flow_count)}; started ${orNone(offense.start_time)}, last updated ${orNone(offense.last_updated_time)}; assigned to ${orNone(offense.assigned_to)}; follow-up ${orNone(offense.follow_up)}`,
    `Categories: ${listOrNone(output.categories)}`,
    `Rules: ${listOrNone(
      output.rules.map((rule) => `${rule.id} ${orNone(rule.name)}`),
      '; ',
    )}`,
    addressLine('Sources', addresses.sources, addresses.more_sources),
    addressLine(
      'Local destinations',
      addresses.local_destinations,
      addresses.more_local_destinations,
    ),
  );
  text
    .untrusted(
      `offense ${offense.id} description`,
      offense.untrusted.description,
    )
    .untrusted(
      `offense ${offense.id} offense source`,
      offense.untrusted.offense_source,
      100,
    );

  text.line(
    `Assets (${output.assets.length}):${output.assets.length === 0 ? ' none found' : ''}`,
  );
  for (const asset of output.assets) renderAsset(text, asset);

  if (output.event_summary === null)
    text.line('Event summary: unavailable (see warnings)');
  else renderEventSummary(text, output.event_summary);

  renderNotes(text, output);
  renderRelated(text, output);
  if (output.warnings.length > 0)
    text.line('Warnings:', ...output.warnings.map((warning) => `- ${warning}`));
  return text.toString();
}
