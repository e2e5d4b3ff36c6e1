import { isIPv4 } from 'node:net';

import type { CompareOperator, FilterNode, FilterValue } from './filter-ast.js';

function readPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function ipv4ToNumber(text: string): number {
  return text
    .split('.')
    .reduce((total, octet) => total * 256 + Number(octet), 0);
}

function compareText(left: string, right: string): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}

function isNullLiteral(value: FilterValue): boolean {
  return !value.quoted && value.text.toLowerCase() === 'null';
}

/**
 * Orders a field value against a literal: numbers numerically, IPv4 addresses
 * by address, booleans by name, other text exactly or, for bare words, without
 * case. Returns undefined when the two cannot be compared.
 */
function compareToLiteral(
  field: unknown,
  literal: FilterValue,
): number | undefined {
  if (typeof field === 'number') {
    const number = Number(literal.text);
    if (literal.text.trim() === '' || Number.isNaN(number)) return undefined;
    return field - number;
  }
  if (typeof field === 'boolean') {
    const text = literal.text.toLowerCase();
    if (text !== 'true' && text !== 'false') return undefined;
    return Number(field) - Number(text === 'true');
  }
  if (typeof field === 'string') {
    if (isIPv4(field) && isIPv4(literal.text)) {
      return ipv4ToNumber(field) - ipv4ToNumber(literal.text);
    }
    const left = literal.quoted ? field : field.toLowerCase();
    const right = literal.quoted ? literal.text : literal.text.toLowerCase();
    return compareText(left, right);
  }
  return undefined;
}

function holds(order: number | undefined, operator: CompareOperator): boolean {
  if (order === undefined) return operator === '!=';
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function compareField(
  field: unknown,
  operator: CompareOperator,
  literal: FilterValue,
): boolean {
  if (isNullLiteral(literal) && (operator === '=' || operator === '!=')) {
    const isNull = field === null || field === undefined;
    return operator === '=' ? isNull : !isNull;
  }
  if (field === null || field === undefined) return false;
  if (Array.isArray(field)) {
    // An array of plain values matches when one element does; != needs all to differ.
    if (operator === '!=') {
      return field.every((element) => compareField(element, '!=', literal));
    }
    return field.some((element) => compareField(element, operator, literal));
  }
  return holds(compareToLiteral(field, literal), operator);
}

function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (const character of pattern) {
    if (character === '%') source += '.*';
    else if (character === '_') source += '.';
    else source += character.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** Tells whether a record satisfies a parsed filter. */
export function matchesFilter(node: FilterNode, record: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return (
        matchesFilter(node.left, record) && matchesFilter(node.right, record)
      );
    case 'or':
      return (
        matchesFilter(node.left, record) || matchesFilter(node.right, record)
      );
    case 'not':
      return !matchesFilter(node.operand, record);
    case 'compare':
      return compareField(
        readPath(record, node.path),
        node.operator,
        node.value,
      );
    case 'in': {
      const field = readPath(record, node.path);
      const found = node.values.some((value) =>
        compareField(field, '=', value),
      );
      return node.negated ? !found : found;
    }
    case 'between': {
      const field = readPath(record, node.path);
      const inside =
        compareField(field, '>=', node.low) &&
        compareField(field, '<=', node.high);
      return node.negated ? !inside : inside;
    }
    case 'null': {
      const field = readPath(record, node.path);
      const isNull = field === null || field === undefined;
      return node.negated ? !isNull : isNull;
    }
    case 'like': {
      const text = textOf(readPath(record, node.path));
      if (text === undefined) return false;
      const matched = likeToRegExp(node.pattern, node.caseInsensitive).test(
        text,
      );
      return node.negated ? !matched : matched;
    }
    case 'contains': {
      const field = readPath(record, node.path);
      if (Array.isArray(field)) {
        return field.some((element) => matchesFilter(node.condition, element));
      }
      return field !== null && typeof field === 'object'
        ? matchesFilter(node.condition, field)
        : false;
    }
    case 'contains_value': {
      const field = readPath(record, node.path);
      if (Array.isArray(field)) return compareField(field, '=', node.value);
      const text = textOf(field);
      return text !== undefined && text.includes(node.value.text);
    }
  }
}
