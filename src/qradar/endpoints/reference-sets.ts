import { z } from 'zod';

import type { Filter } from '../filter.js';
import type { RequestOptions } from '../options.js';
import { buildRange, encodePathSegment, type RangeOptions } from '../query.js';
import {
  referenceDataTaskSchema,
  referenceSetSchema,
  type ReferenceDataTask,
  type ReferenceSet,
  type ReferenceSetElementType,
  type ReferenceSetTimeoutType,
} from '../schemas/reference-data.js';
import type { QRadarTransport } from '../transport.js';
import { fetchAllPages } from './paging.js';

/** Reference-set metadata without nulls, as policy code reads it. */
export interface ReferenceSetSummary {
  name: string;
  element_type: string;
  number_of_elements?: number;
  timeout_type?: string;
  time_to_live?: string;
  creation_time?: number;
  namespace?: string;
}

/** Options of listReferenceSets. */
export interface ListReferenceSetsOptions extends RequestOptions {
  filter?: Filter | undefined;
}

/** Options of getReferenceSet. */
export interface GetReferenceSetOptions extends RequestOptions {
  /** Pages the set's `data`; defaults to the first 1000 elements. */
  range?: RangeOptions | undefined;
}

/** A reference set to create. */
export interface NewReferenceSet {
  name: string;
  elementType: ReferenceSetElementType;
  /** Prose such as `7 days` or `1 month`; the set never expires when left out. */
  timeToLive?: string | undefined;
  /** Defaults to `FIRST_SEEN` when timeToLive is set, so an element expires after its first addition. */
  timeoutType?: Exclude<ReferenceSetTimeoutType, 'UNKNOWN'> | undefined;
}

/** Options of addReferenceSetElement. */
export interface AddElementOptions extends RequestOptions {
  /** Recorded as the element's `source`, e.g. `qradar-mcp`. */
  source?: string | undefined;
}

const valuesPageSize = 1000;
const maxValues = 100_000;
const maxSets = 10_000;

function setPath(name: string): string {
  if (name === '')
    throw new RangeError(
      'Invalid reference set name: expected a non-empty name.',
    );
  return `/reference_data/sets/${encodePathSegment(name)}`;
}

function setContext(action: string, name: string) {
  return {
    action: `${action} reference set "${name}"`,
    subject: `reference set "${name}"`,
    notFoundHint:
      'list the reference sets to find its exact name, which is case-sensitive',
  };
}

function summarize(set: ReferenceSet): ReferenceSetSummary {
  const summary: ReferenceSetSummary = {
    name: set.name,
    element_type: set.element_type,
  };
  if (typeof set.number_of_elements === 'number')
    summary.number_of_elements = set.number_of_elements;
  if (typeof set.timeout_type === 'string')
    summary.timeout_type = set.timeout_type;
  if (typeof set.time_to_live === 'string')
    summary.time_to_live = set.time_to_live;
  if (typeof set.creation_time === 'number')
    summary.creation_time = set.creation_time;
  if (typeof set.namespace === 'string') summary.namespace = set.namespace;
  return summary;
}

/** Lists every reference set's metadata (without elements), paging through them. */
export async function listReferenceSets(
  transport: QRadarTransport,
  options: ListReferenceSetsOptions = {},
): Promise<ReferenceSetSummary[]> {
  const sets = await fetchAllPages(
    transport,
    {
      method: 'GET',
      path: '/reference_data/sets',
      query: { filter: options.filter?.toString() },
      schema: z.array(referenceSetSchema),
      label: 'reference_sets',
      context: { action: 'list reference sets' },
      options,
    },
    500,
    maxSets,
  );
  return sets.map(summarize);
}

/** Reads a reference set with one page of its elements in `data`. */
export async function getReferenceSet(
  transport: QRadarTransport,
  name: string,
  options: GetReferenceSetOptions = {},
): Promise<ReferenceSet> {
  const start = options.range?.start ?? 0;
  const limit = options.range?.limit ?? valuesPageSize;
  const { data } = await transport.request({
    method: 'GET',
    path: setPath(name),
    headers: { Range: buildRange(start, limit) },
    schema: referenceSetSchema,
    label: 'reference_set',
    context: setContext('read', name),
    options,
  });
  return data;
}

/** Reads every element value of a reference set, paging through `data`. */
export async function getReferenceSetValues(
  transport: QRadarTransport,
  name: string,
  options: RequestOptions = {},
): Promise<string[]> {
  const values: string[] = [];
  while (values.length < maxValues) {
    const set = await getReferenceSet(transport, name, {
      ...options,
      range: { start: values.length, limit: valuesPageSize },
    });
    const page = set.data ?? [];
    values.push(...page.map((element) => element.value));
    const total = set.number_of_elements ?? undefined;
    if (page.length < valuesPageSize) break;
    if (total !== undefined && values.length >= total) break;
  }
  return values;
}

/** Creates a reference set; throws QRadarConflictError when the name is taken. */
export async function createReferenceSet(
  transport: QRadarTransport,
  set: NewReferenceSet,
  options: RequestOptions = {},
): Promise<ReferenceSet> {
  const timeoutType =
    set.timeoutType ??
    (set.timeToLive === undefined ? undefined : 'FIRST_SEEN');
  const { data } = await transport.request({
    method: 'POST',
    path: '/reference_data/sets',
    query: {
      name: set.name,
      element_type: set.elementType,
      time_to_live: set.timeToLive,
      timeout_type: timeoutType,
    },
    schema: referenceSetSchema,
    label: 'reference_set',
    context: {
      action: `create reference set "${set.name}"`,
      conflictHint:
        'a set with this name exists: read it instead of creating it',
      unprocessableHint:
        'check element_type (ALN, ALNIC, IP, NUM, PORT or DATE) and time_to_live (such as "7 days")',
    },
    retrySafe: false,
    options,
  });
  return data;
}

/**
 * Adds a value to a reference set, or refreshes it when present. Repeating
 * it is harmless, so it is the one POST the retry policy may repeat.
 */
export async function addReferenceSetElement(
  transport: QRadarTransport,
  name: string,
  value: string,
  options: AddElementOptions = {},
): Promise<ReferenceSet> {
  const { data } = await transport.request({
    method: 'POST',
    path: setPath(name),
    query: { value, source: options.source },
    schema: referenceSetSchema,
    label: 'reference_set',
    context: {
      ...setContext('add a value to', name),
      unprocessableHint: `check that the value suits the set's element type`,
    },
    retrySafe: true,
    options,
  });
  return data;
}

/** Removes a value from a reference set; throws QRadarNotFoundError when it is absent. */
export async function deleteReferenceSetElement(
  transport: QRadarTransport,
  name: string,
  value: string,
  options: RequestOptions = {},
): Promise<ReferenceSet> {
  const { data } = await transport.request({
    method: 'DELETE',
    path: `${setPath(name)}/${encodePathSegment(value)}`,
    schema: referenceSetSchema,
    label: 'reference_set',
    context: {
      action: `remove "${value}" from reference set "${name}"`,
      subject: `value "${value}" in reference set "${name}"`,
      notFoundHint:
        'the set or the value is absent, so there is nothing to remove',
    },
    options,
  });
  return data;
}

/** Deletes a reference set (or only its elements with purgeOnly); QRadar runs it as a task. */
export async function deleteReferenceSet(
  transport: QRadarTransport,
  name: string,
  options: RequestOptions & { purgeOnly?: boolean | undefined } = {},
): Promise<ReferenceDataTask> {
  const { data } = await transport.request({
    method: 'DELETE',
    path: setPath(name),
    query: { purge_only: options.purgeOnly },
    schema: referenceDataTaskSchema,
    label: 'task',
    context: setContext('delete', name),
    options,
  });
  return data;
}
