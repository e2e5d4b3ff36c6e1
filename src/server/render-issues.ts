import type { z } from 'zod';

const maxShownValueLength = 60;

// Input fields whose values are never echoed back, even when invalid.
const hiddenField = /token|secret|password|key$/i;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function showValue(field: string, value: unknown): string {
  if (value === undefined) return '(missing)';
  if (hiddenField.test(field)) return '(value hidden)';
  const json = JSON.stringify(value) ?? typeof value;
  if (json.length <= maxShownValueLength) return json;
  const length =
    typeof value === 'string' ? `${value.length} characters` : 'truncated';
  return `${json.slice(0, maxShownValueLength)}… (${length})`;
}

function describeBound(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return '';
  const isMaximum = issue.code === 'too_big';
  const bound = isMaximum ? issue.maximum : issue.minimum;
  const comparison = isMaximum ? 'at most' : 'at least';
  switch (issue.origin) {
    case 'string':
      return `expected ${comparison} ${String(bound)} characters`;
    case 'array':
    case 'set':
      return `expected ${comparison} ${String(bound)} items`;
    default:
      return `expected a value ${comparison} ${String(bound)}`;
  }
}

function describeReason(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'a value is required';
      return issue.expected === 'int'
        ? 'expected an integer'
        : `expected ${issue.expected}, received ${value === null ? 'null' : typeof value}`;
    case 'too_big':
    case 'too_small':
      return describeBound(issue);
    case 'invalid_value':
      return `expected one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}`;
    case 'invalid_format':
      return issue.message !== '' ? issue.message : `expected ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted forms';
    default:
      return issue.message;
  }
}

/**
 * Renders zod issues as one message: `Invalid <field> <value>: <reason>.` for
 * each issue, then the next step. Values of token-like fields are hidden and
 * long values are cut, so the message never echoes a secret or a huge string.
 */
export function renderIssues(
  toolName: string,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): { message: string; hint: string } {
  const sentences: string[] = [];
  const fields = new Set<string>();
  for (const issue of issues.slice(0, 5)) {
    const path =
      issue.code === 'unrecognized_keys'
        ? [...issue.path, issue.keys[0] ?? '']
        : issue.path;
    const field = formatPath(path) || 'arguments';
    const value = valueAt(input, path);
    fields.add(field);
    sentences.push(
      `Invalid ${field} ${showValue(field, value)}: ${describeReason(issue, value)}.`,
    );
  }
  if (issues.length > 5) {
    sentences.push(`${issues.length - 5} more invalid fields.`);
  }
  return {
    message: sentences.join(' '),
    hint: `Correct ${[...fields].join(', ')} as the ${toolName} input schema describes, then call ${toolName} again.`,
  };
}
