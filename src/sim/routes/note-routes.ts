import { ApiError, invalidParameter, notFound } from '../http/api-error.js';
import { listResult, objectResult, pathId } from '../http/respond.js';
import type { RequestContext, Route } from '../http/route.js';
import { apiTokenUsername } from '../store/builtin-data.js';

/** Maximum note length, in characters. */
const maxNoteLength = 65_536;

function requireOffense(context: RequestContext): number {
  const id = pathId(context, 'offense_id', 'Offense');
  if (context.services.offenses.get('offenses', id) === undefined) {
    throw notFound(
      `Offense ${id} not found: list offenses with GET /api/siem/offenses.`,
    );
  }
  return id;
}

/** Routes for offense notes: list, one by id, and create with `note_text` in the query string. */
export const noteRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/siem/offenses/{offense_id}/notes',
    handle: (context) => {
      const id = requireOffense(context);
      return listResult(
        context,
        context.services.offenses.notes(id) as unknown as Record<
          string,
          unknown
        >[],
      );
    },
  },
  {
    method: 'GET',
    template: '/api/siem/offenses/{offense_id}/notes/{note_id}',
    handle: (context) => {
      const offenseId = requireOffense(context);
      const noteId = pathId(context, 'note_id', 'Note');
      const note = context.services.offenses
        .notes(offenseId)
        .find((entry) => entry.id === noteId);
      if (note === undefined) {
        throw new ApiError(
          404,
          1003,
          `Note ${noteId} not found on offense ${offenseId}: list the notes with GET /api/siem/offenses/${offenseId}/notes.`,
        );
      }
      return objectResult(context, note);
    },
  },
  {
    method: 'POST',
    template: '/api/siem/offenses/{offense_id}/notes',
    handle: (context) => {
      const id = requireOffense(context);
      const text = context.query.get('note_text');
      if (text === null || text.trim() === '') {
        throw invalidParameter(
          'Missing note_text: pass the note in the note_text query parameter.',
        );
      }
      if (text.length > maxNoteLength) {
        throw invalidParameter(
          `Invalid note_text: ${text.length} characters exceeds the limit of ${maxNoteLength}.`,
        );
      }
      const note = context.services.offenses.addNote(
        id,
        text,
        apiTokenUsername,
        context.services.now(),
      );
      if (note === undefined) throw notFound(`Offense ${id} not found.`);
      context.services.logger.info(
        { offenseId: id, noteId: note.id },
        'offense note added',
      );
      return objectResult(context, note, 201);
    },
  },
];
