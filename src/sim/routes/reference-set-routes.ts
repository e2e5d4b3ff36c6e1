import {
  referenceElementTypes,
  referenceTimeoutTypes,
} from '../case-schema.js';
import { ApiError, invalidParameter, notFound } from '../http/api-error.js';
import {
  booleanParam,
  filterItems,
  listResult,
  objectResult,
} from '../http/respond.js';
import { readHeader, type RequestContext, type Route } from '../http/route.js';
import { applyFields, parseFields } from '../params/fields.js';
import { pageItems, parseRange } from '../params/range.js';
import { checkReferenceValue } from '../store/reference-values.js';
import { parseTimeToLive } from '../store/time-to-live.js';

const maxNameLength = 255;

function decodeAgain(text: string): string | undefined {
  if (!/%[0-9A-Fa-f]{2}/.test(text)) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Resolves the set name of the path. Some clients encode path segments
 * twice, so a name that is not found is decoded once more.
 */
function resolveSetName(context: RequestContext): string {
  const name = context.params['name'] ?? '';
  const store = context.services.references;
  const nowMs = context.services.now();
  if (store.getSet(name, nowMs) !== undefined) return name;
  const again = decodeAgain(name);
  if (again !== undefined && store.getSet(again, nowMs) !== undefined)
    return again;
  throw notFound(
    `Reference set ${JSON.stringify(name)} not found: list sets with GET /api/reference_data/sets.`,
  );
}

function requireSetInfo(context: RequestContext, name: string) {
  const info = context.services.references.getSet(name, context.services.now());
  if (info === undefined) {
    throw notFound(`Reference set ${JSON.stringify(name)} not found.`);
  }
  return info;
}

function readEnum(
  context: RequestContext,
  name: string,
  allowed: readonly string[],
): string | undefined {
  const text = context.query.get(name);
  if (text === null || text === '') return undefined;
  const upper = text.toUpperCase();
  if (!allowed.includes(upper)) {
    throw invalidParameter(
      `Invalid ${name} ${JSON.stringify(text)}: expected one of ${allowed.join(', ')}.`,
    );
  }
  return upper;
}

/** Routes of the legacy reference sets API; set deletes return an asynchronous task. */
export const referenceSetRoutes: Route[] = [
  {
    method: 'GET',
    template: '/api/reference_data/sets',
    handle: (context) =>
      listResult(
        context,
        context.services.references.listSets(
          context.services.now(),
        ) as unknown as Record<string, unknown>[],
      ),
  },
  {
    method: 'POST',
    template: '/api/reference_data/sets',
    handle: (context) => {
      const name = context.query.get('name')?.trim() ?? '';
      if (name === '' || name.length > maxNameLength) {
        throw invalidParameter(
          `Invalid name ${JSON.stringify(name)}: a reference set needs a name of 1 to ${maxNameLength} characters.`,
        );
      }
      const elementType = readEnum(
        context,
        'element_type',
        referenceElementTypes,
      );
      if (elementType === undefined) {
        throw invalidParameter(
          `Missing element_type: pass one of ${referenceElementTypes.join(', ')}.`,
        );
      }
      const ttlText = context.query.get('time_to_live');
      const timeToLive =
        ttlText === null || ttlText === ''
          ? undefined
          : parseTimeToLive(ttlText);
      if (ttlText !== null && ttlText !== '' && timeToLive === undefined) {
        throw invalidParameter(
          `Invalid time_to_live ${JSON.stringify(ttlText)}: expected a duration such as "1 month" or "5 minutes".`,
        );
      }
      const timeoutType =
        readEnum(context, 'timeout_type', referenceTimeoutTypes) ??
        (timeToLive === undefined ? 'UNKNOWN' : 'FIRST_SEEN');
      const created = context.services.references.createSet(
        {
          name,
          elementType,
          timeoutType,
          ...(timeToLive === undefined ? {} : { timeToLive }),
        },
        context.services.now(),
      );
      if (created === undefined) {
        throw new ApiError(
          409,
          1004,
          `Reference set ${JSON.stringify(name)} already exists: add elements with POST /api/reference_data/sets/{name}.`,
        );
      }
      context.services.logger.info(
        { set: name, elementType, timeoutType },
        'reference set created',
      );
      return objectResult(context, created, 201);
    },
  },
  {
    method: 'GET',
    template: '/api/reference_data/sets/{name}',
    handle: (context) => {
      const name = resolveSetName(context);
      const info = requireSetInfo(context, name);
      const elements = filterItems(
        context,
        (context.services.references.elements(name, context.services.now()) ??
          []) as unknown as Record<string, unknown>[],
      );
      // Range pages the elements of the set, not a list of sets.
      const page = pageItems(
        elements,
        parseRange(readHeader(context, 'range')),
      );
      const fieldsText = context.query.get('fields');
      const fields =
        fieldsText === null || fieldsText === ''
          ? undefined
          : parseFields(fieldsText);
      return {
        status: 200,
        body: applyFields({ ...info, data: page.items }, fields),
        headers: { 'content-range': page.contentRange },
      };
    },
  },
  {
    method: 'POST',
    template: '/api/reference_data/sets/{name}',
    handle: (context) => {
      const name = resolveSetName(context);
      const info = requireSetInfo(context, name);
      const value = context.query.get('value');
      if (value === null || value === '') {
        throw invalidParameter(
          'Missing value: pass the element in the value query parameter.',
        );
      }
      const problem = checkReferenceValue(info.element_type, value.trim());
      if (problem !== undefined) {
        throw invalidParameter(
          `Invalid value ${JSON.stringify(value)} for ${info.element_type} reference set ${JSON.stringify(name)}: ${problem}.`,
        );
      }
      const source = context.query.get('source') ?? 'reference data api';
      const updated = context.services.references.addElement(
        name,
        value.trim(),
        source,
        context.services.now(),
      );
      if (updated === undefined)
        throw notFound(`Reference set ${JSON.stringify(name)} not found.`);
      context.services.logger.info(
        { set: name, value },
        'reference set element added',
      );
      return objectResult(context, updated);
    },
  },
  {
    method: 'DELETE',
    template: '/api/reference_data/sets/{name}/{value}',
    handle: (context) => {
      const name = resolveSetName(context);
      const value = context.params['value'] ?? '';
      const store = context.services.references;
      let deleted = store.deleteElement(name, value);
      const again = decodeAgain(value);
      if (!deleted && again !== undefined)
        deleted = store.deleteElement(name, again);
      if (!deleted) {
        throw new ApiError(
          404,
          1003,
          `Set ${name} does not contain value ${value}`,
        );
      }
      context.services.logger.info(
        { set: name, value },
        'reference set element deleted',
      );
      return objectResult(context, requireSetInfo(context, name));
    },
  },
  {
    method: 'DELETE',
    template: '/api/reference_data/sets/{name}',
    handle: (context) => {
      const name = resolveSetName(context);
      const purgeOnly = booleanParam(context, 'purge_only') ?? false;
      const nowMs = context.services.now();
      context.services.references.deleteSet(name, purgeOnly);
      context.services.logger.info(
        { set: name, purgeOnly },
        'reference set deleted',
      );
      // The simulator deletes at once, but the task reads QUEUED as a console's first response does.
      const task = context.services.references.createTask({
        name: 'Reference Data Deletion Task',
        status: 'QUEUED',
        message: 'Searching for items that depend on the Reference Data.',
        created: nowMs,
        created_by: 'API_token: qradar-mcp',
        modified: nowMs,
        started: null,
        completed: null,
      });
      return objectResult(context, task, 202);
    },
  },
  {
    method: 'GET',
    template: '/api/reference_data/set_delete_tasks/{task_id}',
    handle: (context) => {
      const text = context.params['task_id'] ?? '';
      const task = /^\d+$/.test(text)
        ? context.services.references.task(Number(text))
        : undefined;
      if (task === undefined) {
        throw notFound(
          `Reference data task ${JSON.stringify(text)} not found.`,
        );
      }
      const nowMs = context.services.now();
      return objectResult(context, {
        ...task,
        status: 'COMPLETED',
        message: 'Reference data deleted.',
        started: task['created'],
        completed: nowMs,
        modified: nowMs,
      });
    },
  },
];
