import { z } from 'zod';

import type { ArielRow } from '../src/qradar/index.js';
import { offenseTimeClause } from './shared/offenses.js';
import { countOf, orNone, TextRenderer } from './shared/render.js';
import { isoTimeSchema, offenseIdSchema } from './shared/schemas.js';
import { toIsoTime } from './shared/time.js';
import { untrustedText } from './shared/untrusted.js';
import { defineTool } from './tool.js';

// Output field -> AQL select item. Only these reach the query, so the model
// never writes AQL here.
const eventFields = {
  time: 'starttime',
  qid: 'qid',
  qid_name: 'QIDNAME(qid) AS qid_name',
  category: 'CATEGORYNAME(category) AS category_name',
  source_ip: 'sourceip',
  source_port: 'sourceport',
  destination_ip: 'destinationip',
  destination_port: 'destinationport',
  protocol: 'PROTOCOLNAME(protocolid) AS protocol_name',
  log_source: 'LOGSOURCENAME(logsourceid) AS log_source',
  event_count: 'eventcount',
  magnitude: 'magnitude',
  username: 'username',
  payload: 'UTF8(payload) AS payload_text',
} as const;

type EventField = keyof typeof eventFields;

const fieldNames = Object.keys(eventFields) as [EventField, ...EventField[]];

const payloadMaxLength = 400;

const inputSchema = z.strictObject({
  offense_id: offenseIdSchema,
  limit: z.number().int().min(1).max(200).default(50),
  fields: z
    .array(z.enum(fieldNames))
    .min(1)
    .max(fieldNames.length)
    .optional()
    .describe('Columns to return; default all'),
});

const optionalNumber = z.number().nullable().optional();
const optionalText = z.string().nullable().optional();

const outputSchema = z.object({
  offense_id: z.number().int(),
  events: z.array(
    z.object({
      ref: z.string(),
      time: isoTimeSchema.optional(),
      qid: optionalNumber,
      qid_name: optionalText,
      category: optionalText,
      source_ip: optionalText,
      source_port: optionalNumber,
      destination_ip: optionalText,
      destination_port: optionalNumber,
      protocol: optionalText,
      log_source: optionalText,
      event_count: optionalNumber,
      magnitude: optionalNumber,
      untrusted: z.object({
        username: optionalText,
        payload: optionalText,
      }),
    }),
  ),
  returned: z.number().int(),
  matched: z.number().int(),
  /** True when `limit` was reached: more events may exist. */
  truncated: z.boolean(),
  /** The offense's own event count (coalesced events included). */
  offense_event_count: z.number().int().nullable(),
  window: z.object({ start: isoTimeSchema, stop: isoTimeSchema }),
});

type OutputEvent = z.input<typeof outputSchema>['events'][number];

function endpoint(
  ip: string | null | undefined,
  port: number | null | undefined,
): string | undefined {
  if (ip === undefined && port === undefined) return undefined;
  return port === undefined || port === null
    ? orNone(ip)
    : `${orNone(ip)}:${port}`;
}

/** Formats the server-made fields of one event; absent fields (see `fields`) are left out. */
function eventLine(event: z.output<typeof outputSchema>['events'][number]) {
  const parts: string[] = [event.ref];
  if (event.time !== undefined) parts.push(orNone(event.time));
  if (event.qid !== undefined || event.qid_name !== undefined) {
    const category =
      event.category === undefined ? '' : ` [${orNone(event.category)}]`;
    parts.push(`qid ${orNone(event.qid)} ${orNone(event.qid_name)}${category}`);
  } else if (event.category !== undefined) {
    parts.push(`category ${orNone(event.category)}`);
  }
  const source = endpoint(event.source_ip, event.source_port);
  const destination = endpoint(event.destination_ip, event.destination_port);
  if (source !== undefined || destination !== undefined)
    parts.push(`${source ?? '?'} -> ${destination ?? '?'}`);
  if (event.protocol !== undefined) parts.push(orNone(event.protocol));
  if (event.log_source !== undefined)
    parts.push(`log source ${orNone(event.log_source)}`);
  if (event.event_count !== undefined)
    parts.push(`count ${orNone(event.event_count)}`);
  if (event.magnitude !== undefined)
    parts.push(`magnitude ${orNone(event.magnitude)}`);
  return `- ${parts.join(', ')}`;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function toEvent(
  row: ArielRow,
  ref: string,
  fields: ReadonlySet<EventField>,
): OutputEvent {
  const event: OutputEvent = { ref, untrusted: {} };
  if (fields.has('time')) event.time = toIsoTime(row['starttime']);
  if (fields.has('qid')) event.qid = numberOrNull(row['qid']);
  if (fields.has('qid_name')) event.qid_name = textOrNull(row['qid_name']);
  if (fields.has('category')) event.category = textOrNull(row['category_name']);
  if (fields.has('source_ip')) event.source_ip = textOrNull(row['sourceip']);
  if (fields.has('source_port'))
    event.source_port = numberOrNull(row['sourceport']);
  if (fields.has('destination_ip'))
    event.destination_ip = textOrNull(row['destinationip']);
  if (fields.has('destination_port'))
    event.destination_port = numberOrNull(row['destinationport']);
  if (fields.has('protocol')) event.protocol = textOrNull(row['protocol_name']);
  if (fields.has('log_source'))
    event.log_source = textOrNull(row['log_source']);
  if (fields.has('event_count'))
    event.event_count = numberOrNull(row['eventcount']);
  if (fields.has('magnitude')) event.magnitude = numberOrNull(row['magnitude']);
  if (fields.has('username')) {
    const username = textOrNull(row['username']);
    event.untrusted.username =
      username === null ? null : untrustedText(username, 100);
  }
  if (fields.has('payload')) {
    const payload = textOrNull(row['payload_text']);
    event.untrusted.payload =
      payload === null ? null : untrustedText(payload, payloadMaxLength);
  }
  return event;
}

/** get_offense_events: an offense's events, newest first, without hand-written AQL. */
export const getOffenseEventsTool = defineTool({
  name: 'get_offense_events',
  title: 'Get offense events',
  description:
    'Events of one offense, newest first, from an Ariel search the server writes. Each has a ref (event:<offense>-<n>) to cite; usernames and payloads (cut to 400 characters) are under `untrusted`.',
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
    const fields = new Set<EventField>(input.fields ?? fieldNames);
    const offense = await context.client.getOffense(input.offense_id, {
      fields: ['id', 'start_time', 'last_updated_time', 'event_count'],
      signal: context.signal,
    });
    const window = offenseTimeClause(
      offense,
      context.now(),
      context.settings.aqlMaxWindowMs,
    );
    // Every column is selected so that refs stay stable whatever `fields` is.
    const selectItems = Object.values(eventFields).join(', ');
    const query = `SELECT ${selectItems} FROM events WHERE INOFFENSE(${offense.id}) ORDER BY starttime DESC LIMIT ${input.limit} ${window.clause}`;
    const result = await context.client.runSearch(query, {
      signal: context.signal,
      deadlineMs: context.settings.summarySearchDeadlineMs,
      maxRows: input.limit,
    });
    const events = result.rows.map((row, index) =>
      toEvent(row, `event:${offense.id}-${index + 1}`, fields),
    );
    return {
      offense_id: offense.id,
      events,
      returned: events.length,
      matched: Math.max(result.recordCount, events.length),
      truncated: result.truncated || events.length >= input.limit,
      offense_event_count: numberOrNull(offense.event_count),
      window: {
        start: toIsoTime(window.startMs),
        stop: toIsoTime(window.stopMs),
      },
    };
  },
  render(output) {
    const eventCount =
      output.offense_event_count === null
        ? ''
        : `; the offense counts ${countOf(output.offense_event_count, 'event')}, coalesced ones included`;
    const text = new TextRenderer().line(
      `Offense ${output.offense_id}: ${countOf(output.returned, 'event')} returned of ${output.matched} matched, newest first${eventCount}.`,
      `Window: ${orNone(output.window.start)} to ${orNone(output.window.stop)}.`,
    );
    if (output.truncated)
      text.line(
        'Truncated: more events may exist; raise limit (up to 200) or use run_aql.',
      );
    for (const event of output.events) {
      text.line(eventLine(event));
      text
        .untrusted(`${event.ref} username`, event.untrusted.username, 100)
        .untrusted(`${event.ref} payload`, event.untrusted.payload, 400);
    }
    return text.toString();
  },
});
