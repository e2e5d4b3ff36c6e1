import { z } from 'zod';

import { inList, type Filter } from '../filter.js';
import type { RequestOptions } from '../options.js';
import {
  buildFields,
  buildSort,
  withField,
  type FieldSelection,
  type RangeOptions,
  type SortKey,
} from '../query.js';
import {
  closingReasonSchema,
  noteSchema,
  offenseSchema,
  offenseTypeSchema,
  type ClosingReason,
  type Note,
  type Offense,
  type OffenseStatus,
  type OffenseType,
} from '../schemas/offense.js';
import type { QRadarTransport } from '../transport.js';
import { fetchPage, lookupInBatches, type Page } from './paging.js';

/** Offense fields that QRadar documents as sortable. */
export type OffenseSortField =
  | 'id'
  | 'offense_type'
  | 'offense_source'
  | 'severity'
  | 'credibility'
  | 'relevance'
  | 'magnitude'
  | 'start_time'
  | 'last_updated_time'
  | 'last_persisted_time'
  | 'first_persisted_time'
  | 'close_time'
  | 'closing_user'
  | 'closing_reason_id'
  | 'assigned_to'
  | 'follow_up'
  | 'protected'
  | 'inactive'
  | 'event_count'
  | 'flow_count'
  | 'device_count'
  | 'remote_destination_count'
  | 'username_count'
  | 'category_count'
  | 'policy_category_count'
  | 'security_category_count'
  | 'categories';

/** Options of listOffenses. */
export interface ListOffensesOptions extends RequestOptions {
  filter?: Filter | undefined;
  sort?: readonly SortKey<OffenseSortField>[] | undefined;
  /** Fields to return; `id` is always added. */
  fields?: FieldSelection | undefined;
  /** Defaults to the first 50 offenses. */
  range?: RangeOptions | undefined;
}

/** Options of getOffense. */
export interface GetOffenseOptions extends RequestOptions {
  fields?: FieldSelection | undefined;
}

/** Changes sent by updateOffense; QRadar takes them in the query string. */
export interface OffenseUpdate {
  status?: OffenseStatus | undefined;
  /** Required by QRadar when `status` is `CLOSED`. */
  closingReasonId?: number | undefined;
  /** QRadar user name to assign the offense to. */
  assignedTo?: string | undefined;
  followUp?: boolean | undefined;
  protected?: boolean | undefined;
}

/** Options of listNotes. */
export interface ListNotesOptions extends RequestOptions {
  filter?: Filter | undefined;
  /** Defaults to the first 50 notes. */
  range?: RangeOptions | undefined;
}

/** Options of listClosingReasons. */
export interface ListClosingReasonsOptions extends RequestOptions {
  includeReserved?: boolean | undefined;
  includeDeleted?: boolean | undefined;
}

const offenseNotFoundHint = 'list open offenses with list_offenses';

function offensePath(offenseId: number): string {
  if (!Number.isSafeInteger(offenseId) || offenseId < 0)
    throw new RangeError(
      `Invalid offense id ${offenseId}: expected a non-negative integer.`,
    );
  return `/siem/offenses/${offenseId}`;
}

/** Lists offenses with `filter`, `sort`, `fields` and a `Range` page. */
export function listOffenses(
  transport: QRadarTransport,
  options: ListOffensesOptions = {},
): Promise<Page<Offense>> {
  const fields = withField(options.fields, 'id');
  return fetchPage(
    transport,
    {
      method: 'GET',
      path: '/siem/offenses',
      query: {
        filter: options.filter?.toString(),
        sort: options.sort === undefined ? undefined : buildSort(options.sort),
        fields: fields === undefined ? undefined : buildFields(fields),
      },
      schema: z.array(offenseSchema),
      label: 'offenses',
      context: {
        action: 'list offenses',
        unprocessableHint:
          'correct the filter, sort or fields parameter that the message names',
      },
      options,
    },
    options.range,
  );
}

/** Reads one offense; throws QRadarNotFoundError when the id is unknown. */
export async function getOffense(
  transport: QRadarTransport,
  offenseId: number,
  options: GetOffenseOptions = {},
): Promise<Offense> {
  const fields = withField(options.fields, 'id');
  const { data } = await transport.request({
    method: 'GET',
    path: offensePath(offenseId),
    query: { fields: fields === undefined ? undefined : buildFields(fields) },
    schema: offenseSchema,
    label: 'offense',
    context: {
      action: `get offense ${offenseId}`,
      subject: `offense ${offenseId}`,
      notFoundHint: offenseNotFoundHint,
    },
    options,
  });
  return data;
}

/**
 * Changes an offense's status, assignee or flags and returns the updated
 * offense. It is never retried, since a repeated update could override a
 * change made in between.
 */
export async function updateOffense(
  transport: QRadarTransport,
  offenseId: number,
  update: OffenseUpdate,
  options: RequestOptions = {},
): Promise<Offense> {
  const { data } = await transport.request({
    method: 'POST',
    path: offensePath(offenseId),
    query: {
      status: update.status,
      closing_reason_id: update.closingReasonId,
      assigned_to: update.assignedTo,
      follow_up: update.followUp,
      protected: update.protected,
    },
    schema: offenseSchema,
    label: 'offense',
    context: {
      action: `update offense ${offenseId}`,
      subject: `offense ${offenseId}`,
      notFoundHint: offenseNotFoundHint,
      conflictHint:
        'closing needs a closing reason that is neither reserved nor deleted; read the offense with get_offense to check its status',
      unprocessableHint:
        'check status (OPEN, HIDDEN or CLOSED), the closing reason id and that assigned_to is a QRadar user name',
    },
    options,
  });
  return data;
}

/** Lists an offense's notes, oldest first as QRadar returns them. */
export function listNotes(
  transport: QRadarTransport,
  offenseId: number,
  options: ListNotesOptions = {},
): Promise<Page<Note>> {
  return fetchPage(
    transport,
    {
      method: 'GET',
      path: `${offensePath(offenseId)}/notes`,
      query: { filter: options.filter?.toString() },
      schema: z.array(noteSchema),
      label: 'notes',
      context: {
        action: `list the notes of offense ${offenseId}`,
        subject: `offense ${offenseId}`,
        notFoundHint: offenseNotFoundHint,
      },
      options,
    },
    options.range,
  );
}

/**
 * Adds a note to an offense (`note_text` travels in the query string). It is
 * never retried: a retry after a lost response would write the note twice.
 */
export async function addNote(
  transport: QRadarTransport,
  offenseId: number,
  text: string,
  options: RequestOptions = {},
): Promise<Note> {
  const { data } = await transport.request({
    method: 'POST',
    path: `${offensePath(offenseId)}/notes`,
    query: { note_text: text },
    schema: noteSchema,
    label: 'note',
    context: {
      action: `add a note to offense ${offenseId}`,
      subject: `offense ${offenseId}`,
      notFoundHint: offenseNotFoundHint,
    },
    options,
  });
  return data;
}

/** Lists the reasons offenses can be closed with. */
export async function listClosingReasons(
  transport: QRadarTransport,
  options: ListClosingReasonsOptions = {},
): Promise<ClosingReason[]> {
  const page = await fetchPage(
    transport,
    {
      method: 'GET',
      path: '/siem/offense_closing_reasons',
      query: {
        include_reserved: options.includeReserved,
        include_deleted: options.includeDeleted,
      },
      schema: z.array(closingReasonSchema),
      label: 'closing_reasons',
      context: { action: 'list offense closing reasons' },
      options,
    },
    { limit: 500 },
  );
  return page.items;
}

/** Looks up offense types by id (all of them when `ids` is undefined). */
export async function listOffenseTypes(
  transport: QRadarTransport,
  ids?: readonly number[],
  options: RequestOptions = {},
): Promise<OffenseType[]> {
  const lookup = async (filter: Filter | undefined): Promise<OffenseType[]> => {
    const page = await fetchPage(
      transport,
      {
        method: 'GET',
        path: '/siem/offense_types',
        query: { filter: filter?.toString() },
        schema: z.array(offenseTypeSchema),
        label: 'offense_types',
        context: { action: 'list offense types' },
        options,
      },
      { limit: 500 },
    );
    return page.items;
  };
  if (ids === undefined) return lookup(undefined);
  return lookupInBatches(ids, (chunk) => lookup(inList('id', chunk)), options);
}
