import { z } from 'zod';

import { sanitizeText } from '../src/text/index.js';
import { orNone, TextRenderer } from './shared/render.js';
import { offenseIdSchema } from './shared/schemas.js';
import { toIsoTime } from './shared/time.js';
import { defineTool } from './tool.js';

/** First words of every note this server writes, so people can tell them apart. */
export const agentNoteMarker = '[qradar-mcp agent]';

/** Maximum length of the note text, in characters. */
export const maxNoteTextLength = 1500;

// QRadar takes note_text in the query string. Web servers commonly reject
// request lines past about 8 KB, so the encoded note stays well below that.
const maxEncodedNoteLength = 6000;

const inputSchema = z.strictObject({
  offense_id: offenseIdSchema,
  text: z.string().min(1).max(maxNoteTextLength),
  run_id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional()
    .describe('Agent run id, written in the note’s first line'),
});

const outputSchema = z.object({
  note_id: z.number().int(),
  offense_id: z.number().int(),
  created: z.string().nullable(),
  length: z.number().int(),
  truncated: z.boolean(),
});

/**
 * Builds the note: a marker line naming the run (or the client), then the
 * text with control, escape, bidi and zero-width characters removed, cut so
 * that the URL-encoded note stays under the query-string budget.
 */
export function buildAgentNote(
  text: string,
  origin: { runId?: string | undefined; clientIdentity: string },
): { note: string; truncated: boolean } {
  const header =
    origin.runId === undefined
      ? `${agentNoteMarker} client ${sanitizeText(origin.clientIdentity, { maxLength: 64, singleLine: true })}`
      : `${agentNoteMarker} run ${origin.runId}`;
  const clean = sanitizeText(text, {
    maxLength: Number.MAX_SAFE_INTEGER,
  }).trim();
  let body = sanitizeText(clean, { maxLength: maxNoteTextLength });
  let truncated = body.length < clean.length;
  while (
    encodeURIComponent(`${header}\n${body}`).length > maxEncodedNoteLength
  ) {
    body = `${body.slice(0, Math.floor(body.length * 0.9)).trimEnd()}…`;
    truncated = true;
  }
  return { note: `${header}\n${body}`, truncated };
}

/** add_note: writes a marked, sanitized, length-capped note on an offense. */
export const addNoteTool = defineTool({
  name: 'add_note',
  title: 'Add offense note',
  description:
    'Write a note on an offense. The server marks it as agent-written (first line names run_id or the client), strips control characters and caps it at 1500 characters. Each call adds a note.',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: true,
  },
  effect: 'write',
  async handler(input, context) {
    const { note, truncated } = buildAgentNote(input.text, {
      runId: input.run_id,
      clientIdentity: context.clientIdentity.name,
    });
    const created = await context.client.addNote(input.offense_id, note, {
      signal: context.signal,
    });
    context.logger.info(
      { offenseId: input.offense_id, noteId: created.id, runId: input.run_id },
      'note added',
    );
    return {
      note_id: created.id,
      offense_id: input.offense_id,
      created: toIsoTime(created.create_time),
      length: note.length,
      truncated,
    };
  },
  render(output) {
    const cut = output.truncated
      ? ' The text was cut to fit the note length limit.'
      : '';
    return new TextRenderer()
      .line(
        `Note ${output.note_id} added to offense ${output.offense_id} at ${orNone(output.created)} (${output.length} characters, marker line included).${cut}`,
      )
      .toString();
  },
});
