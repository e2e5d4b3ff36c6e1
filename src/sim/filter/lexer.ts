import { FilterSyntaxError } from './filter-error.js';

/** Kinds of filter tokens. */
export type FilterTokenKind =
  'word' | 'string' | 'operator' | 'open' | 'close' | 'comma' | 'end';

/** One token of a filter expression. */
export interface FilterToken {
  kind: FilterTokenKind;
  /** Source text; for strings, the value without quotes and escapes. */
  text: string;
  /** 0-based character offset in the expression. */
  position: number;
}

const operators = ['<=', '>=', '!=', '<>', '^=', '=', '<', '>'];
// A bare word ends at whitespace, quotes, parentheses, commas and operator characters.
const wordCharacter = /[^\s'"(),=!<>^]/;

function readString(
  text: string,
  start: number,
): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    const character = text[position] ?? '';
    if (character === '\\' && position + 1 < text.length) {
      value += text[position + 1] ?? '';
      position += 2;
      continue;
    }
    if (character === quote) {
      // A doubled quote inside a string stands for one quote character.
      if (text[position + 1] === quote) {
        value += quote;
        position += 2;
        continue;
      }
      return { value, end: position + 1 };
    }
    value += character;
    position += 1;
  }
  throw new FilterSyntaxError(start, 'Unterminated string literal');
}

/** Splits a filter expression into tokens; throws FilterSyntaxError on a stray character. */
export function tokenizeFilter(text: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let position = 0;
  while (position < text.length) {
    const character = text[position] ?? '';
    if (/\s/.test(character)) {
      position += 1;
      continue;
    }
    if (character === '"' || character === "'") {
      const { value, end } = readString(text, position);
      tokens.push({ kind: 'string', text: value, position });
      position = end;
      continue;
    }
    if (character === '(' || character === ')' || character === ',') {
      let kind: FilterTokenKind = 'comma';
      if (character === '(') kind = 'open';
      else if (character === ')') kind = 'close';
      tokens.push({ kind, text: character, position });
      position += 1;
      continue;
    }
    const operator = operators.find((entry) =>
      text.startsWith(entry, position),
    );
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, position });
      position += operator.length;
      continue;
    }
    if (!wordCharacter.test(character)) {
      throw new FilterSyntaxError(
        position,
        `Unexpected character ${JSON.stringify(character)}`,
      );
    }
    const start = position;
    while (position < text.length && wordCharacter.test(text[position] ?? ''))
      position += 1;
    tokens.push({
      kind: 'word',
      text: text.slice(start, position),
      position: start,
    });
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}
