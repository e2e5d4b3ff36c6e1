import type { z } from 'zod';

import { sanitizeText } from '../text/index.js';

import { QRadarResponseValidationError } from './errors.js';

const maxIssuesShown = 3;

function formatPath(label: string, path: readonly PropertyKey[]): string {
  let text = label;
  for (const key of path) {
    text +=
      typeof key === 'number'
        ? `[${key}]`
        : typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current = body;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// Quotes short scalar values so that "expected one of OPEN|HIDDEN|CLOSED" shows what came instead.
function describeReceived(body: unknown, path: readonly PropertyKey[]): string {
  const value = valueAt(body, path);
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return ` (received ${JSON.stringify(sanitizeText(String(value), { maxLength: 40 }))})`;
}

/** Request a response belongs to, named in error messages. */
export interface ResponseSource {
  method: string;
  path: string;
}

/**
 * Parses a response body with its schema, or throws a
 * QRadarResponseValidationError naming each wrong field by its path, such as
 * `offense.severity`.
 */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  label: string,
  source: ResponseSource,
): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const shown = issues
    .slice(0, maxIssuesShown)
    .map(
      (issue) =>
        `${formatPath(label, issue.path)}: ${issue.message}${describeReceived(body, issue.path)}`,
    );
  if (issues.length > maxIssuesShown)
    shown.push(`${issues.length - maxIssuesShown} more`);
  const hint =
    'check that QRADAR_URL points at a QRadar console and that QRADAR_API_VERSION, if set, is one the console serves';
  throw new QRadarResponseValidationError(
    `Failed to read the QRadar response to ${source.method} ${source.path}: ${shown.join('; ')}. Check that QRADAR_URL points at a QRadar console and that QRADAR_API_VERSION, if set, is one the console serves.`,
    {
      code: 'QRADAR_INVALID_RESPONSE',
      method: source.method,
      path: source.path,
      retryable: false,
      hint,
      cause: result.error,
    },
  );
}

/** Builds the error for a 2xx response whose body is not JSON, quoting its start. */
export function createNotJsonError(
  text: unknown,
  source: ResponseSource,
): QRadarResponseValidationError {
  const excerpt = sanitizeText(String(text), { maxLength: 80 });
  const hint =
    'check that QRADAR_URL points at the QRadar console itself and not at a proxy or login page';
  return new QRadarResponseValidationError(
    `Failed to read the QRadar response to ${source.method} ${source.path}: expected JSON, received "${excerpt}". Check that QRADAR_URL points at the QRadar console itself and not at a proxy or login page.`,
    {
      code: 'QRADAR_INVALID_RESPONSE',
      method: source.method,
      path: source.path,
      retryable: false,
      hint,
    },
  );
}
