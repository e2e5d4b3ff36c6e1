import {
  FilterSyntaxError,
  matchesFilter,
  parseFilter,
} from '../filter/index.js';
import { applyFields, parseFields } from '../params/fields.js';
import { pageItems, parseRange } from '../params/range.js';
import { parseSort, sortRecords } from '../params/sort.js';
import { ApiError, notFound } from './api-error.js';
import { readHeader, type RequestContext, type RouteResult } from './route.js';

type JsonRecord = Record<string, unknown>;

/**
 * Returns the `filter` parameter. A filter that still looks percent-encoded
 * after the usual decoding (no spaces or operators, but `%xx` sequences) is
 * decoded again, because IBM documents double encoding for query parameters.
 */
export function readFilterText(context: RequestContext): string | undefined {
  const text = context.query.get('filter');
  if (text === null || text.trim() === '') return undefined;
  if (!/[\s=<>!()]/.test(text) && /%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Parses the `fields` selector from the query string or, on POST, the header. */
function readFields(context: RequestContext) {
  const text = context.query.get('fields') ?? readHeader(context, 'fields');
  return text === undefined || text === null || text.trim() === ''
    ? undefined
    : parseFields(text);
}

/** Keeps the items that match the request's `filter`; throws 422 (code 1010) on a bad filter. */
export function filterItems<T>(context: RequestContext, items: T[]): T[] {
  const text = readFilterText(context);
  if (text === undefined) return items;
  let filter;
  try {
    filter = parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new ApiError(
        422,
        1010,
        `Invalid filter ${JSON.stringify(text)}: ${error.message}. Check operators and quote text values, as in status="OPEN" and id > 10.`,
      );
    }
    throw error;
  }
  return items.filter((item) => matchesFilter(filter, item));
}

/** Options of listResult. */
export interface ListOptions {
  /** Fields that may be sorted on even when no item has them. */
  sortableFields?: ReadonlySet<string>;
  /** False for endpoints that ignore `sort`. */
  sortable?: boolean;
}

/**
 * Builds the response of a list endpoint. It applies `filter`, `sort`, the
 * `Range` header and `fields`, in that order, and sets `Content-Range`.
 */
export function listResult(
  context: RequestContext,
  items: JsonRecord[],
  options: ListOptions = {},
): RouteResult {
  const range = parseRange(readHeader(context, 'range'));
  const fields = readFields(context);
  let selected = filterItems(context, items);
  const sortText = context.query.get('sort');
  if (sortText !== null && sortText !== '' && options.sortable !== false) {
    selected = sortRecords(
      selected,
      parseSort(sortText),
      options.sortableFields,
    );
  }
  const page = pageItems(selected, range);
  return {
    status: 200,
    body: page.items.map((item) => applyFields(item, fields)),
    headers: { 'content-range': page.contentRange },
  };
}

/** Builds the response for one object, projected by `fields`. */
export function objectResult(
  context: RequestContext,
  item: unknown,
  status = 200,
): RouteResult {
  return { status, body: applyFields(item, readFields(context)) };
}

/** Reads an integer path parameter; an id that is not a non-negative integer is not found. */
export function pathId(
  context: RequestContext,
  name: string,
  kind: string,
): number {
  const text = context.params[name] ?? '';
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id)) {
    throw notFound(
      `${kind} ${JSON.stringify(text)} not found: ids are non-negative integers.`,
    );
  }
  return id;
}

/** Reads a `true`/`false` query parameter; throws 422 (code 1005) on other text. */
export function booleanParam(
  context: RequestContext,
  name: string,
): boolean | undefined {
  const text = context.query.get(name);
  if (text === null) return undefined;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new ApiError(
    422,
    1005,
    `Invalid ${name} ${JSON.stringify(text)}: expected true or false.`,
  );
}
