import type { CompareOperator, FilterNode, FilterValue } from './filter-ast.js';
import { FilterSyntaxError } from './filter-error.js';
import { tokenizeFilter, type FilterToken } from './lexer.js';

const maxDepth = 64;
const keywords = new Set([
  'and',
  'or',
  'not',
  'in',
  'between',
  'is',
  'null',
  'like',
  'ilike',
  'contains',
]);
const predicateKeywords = new Set([
  'in',
  'not',
  'between',
  'is',
  'like',
  'ilike',
  'contains',
]);
const pathPattern = /^[A-Za-z_][\w.]*$/;

class FilterParser {
  readonly #tokens: FilterToken[];
  #index = 0;
  #depth = 0;

  constructor(tokens: FilterToken[]) {
    this.#tokens = tokens;
  }

  parse(): FilterNode {
    const node = this.#parseOr();
    const next = this.#peek();
    if (next.kind !== 'end') {
      throw new FilterSyntaxError(
        next.position,
        `Unexpected ${JSON.stringify(next.text)}`,
      );
    }
    return node;
  }

  #peek(offset = 0): FilterToken {
    const token =
      this.#tokens[this.#index + offset] ??
      this.#tokens[this.#tokens.length - 1];
    return token as FilterToken;
  }

  #advance(): FilterToken {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index += 1;
    return token;
  }

  #isKeyword(token: FilterToken, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  #acceptKeyword(keyword: string): boolean {
    if (!this.#isKeyword(this.#peek(), keyword)) return false;
    this.#index += 1;
    return true;
  }

  #expectKeyword(keyword: string): void {
    const token = this.#peek();
    if (!this.#acceptKeyword(keyword)) {
      throw new FilterSyntaxError(
        token.position,
        `Expected ${keyword.toUpperCase()} but found ${describe(token)}`,
      );
    }
  }

  #expect(kind: FilterToken['kind'], what: string): FilterToken {
    const token = this.#peek();
    if (token.kind !== kind) {
      throw new FilterSyntaxError(
        token.position,
        `Expected ${what} but found ${describe(token)}`,
      );
    }
    return this.#advance();
  }

  #enter(position: number): void {
    this.#depth += 1;
    if (this.#depth > maxDepth) {
      throw new FilterSyntaxError(position, 'Filter is nested too deeply');
    }
  }

  #parseOr(): FilterNode {
    let left = this.#parseAnd();
    while (this.#acceptKeyword('or')) {
      left = { kind: 'or', left, right: this.#parseAnd() };
    }
    return left;
  }

  #parseAnd(): FilterNode {
    let left = this.#parseUnary();
    while (this.#acceptKeyword('and')) {
      left = { kind: 'and', left, right: this.#parseUnary() };
    }
    return left;
  }

  #parseUnary(): FilterNode {
    const token = this.#peek();
    this.#enter(token.position);
    try {
      if (this.#acceptKeyword('not')) {
        return { kind: 'not', operand: this.#parseUnary() };
      }
      if (token.kind === 'open') {
        this.#advance();
        const inner = this.#parseOr();
        this.#expect('close', '")"');
        return inner;
      }
      return this.#parsePredicate();
    } finally {
      this.#depth -= 1;
    }
  }

  #parsePath(): string {
    const token = this.#peek();
    if (
      token.kind !== 'word' ||
      !pathPattern.test(token.text) ||
      keywords.has(token.text.toLowerCase())
    ) {
      throw new FilterSyntaxError(
        token.position,
        `Expected a field name but found ${describe(token)}`,
      );
    }
    this.#advance();
    return token.text;
  }

  #parseValue(): FilterValue {
    const token = this.#peek();
    if (token.kind === 'string') {
      this.#advance();
      return { text: token.text, quoted: true };
    }
    if (token.kind === 'word' && !keywords.has(token.text.toLowerCase())) {
      this.#advance();
      return { text: token.text, quoted: false };
    }
    if (this.#isKeyword(token, 'null')) {
      this.#advance();
      return { text: 'null', quoted: false };
    }
    throw new FilterSyntaxError(
      token.position,
      `Expected a value but found ${describe(token)}`,
    );
  }

  #parseValueList(): FilterValue[] {
    this.#expect('open', '"(" after IN');
    const values = [this.#parseValue()];
    while (this.#peek().kind === 'comma') {
      this.#advance();
      values.push(this.#parseValue());
    }
    this.#expect('close', '")" after the IN list');
    return values;
  }

  #parsePredicate(): FilterNode {
    const path = this.#parsePath();
    const token = this.#peek();
    if (token.kind === 'operator') {
      this.#advance();
      return {
        kind: 'compare',
        path,
        operator: normalizeOperator(token.text),
        value: this.#parseValue(),
      };
    }
    if (this.#acceptKeyword('is')) {
      const negated = this.#acceptKeyword('not');
      this.#expectKeyword('null');
      return { kind: 'null', path, negated };
    }
    if (this.#acceptKeyword('contains')) return this.#parseContains(path);
    const negated = this.#acceptKeyword('not');
    if (this.#acceptKeyword('in')) {
      return { kind: 'in', path, values: this.#parseValueList(), negated };
    }
    if (this.#acceptKeyword('between')) {
      const low = this.#parseValue();
      this.#expectKeyword('and');
      return { kind: 'between', path, low, high: this.#parseValue(), negated };
    }
    const likeToken = this.#peek();
    if (this.#acceptKeyword('like') || this.#acceptKeyword('ilike')) {
      return {
        kind: 'like',
        path,
        pattern: this.#parseValue().text,
        caseInsensitive: likeToken.text.toLowerCase() === 'ilike',
        negated,
      };
    }
    const found = this.#peek();
    throw new FilterSyntaxError(
      found.position,
      `Expected an operator after ${JSON.stringify(path)} but found ${describe(found)}`,
    );
  }

  #parseContains(path: string): FilterNode {
    const next = this.#peek();
    this.#enter(next.position);
    try {
      return this.#parseContainsOperand(path, next);
    } finally {
      this.#depth -= 1;
    }
  }

  #parseContainsOperand(path: string, next: FilterToken): FilterNode {
    if (next.kind === 'open') {
      this.#advance();
      const condition = this.#parseOr();
      this.#expect('close', '")"');
      return { kind: 'contains', path, condition };
    }
    // `interfaces contains ip_addresses contains value="…"` drills into arrays of
    // objects; `offense_ids contains 42` tests an array of plain values.
    const after = this.#peek(1);
    const startsPredicate =
      next.kind === 'word' &&
      pathPattern.test(next.text) &&
      !keywords.has(next.text.toLowerCase()) &&
      (after.kind === 'operator' ||
        (after.kind === 'word' &&
          predicateKeywords.has(after.text.toLowerCase())));
    if (startsPredicate) {
      return { kind: 'contains', path, condition: this.#parsePredicate() };
    }
    return { kind: 'contains_value', path, value: this.#parseValue() };
  }
}

function normalizeOperator(text: string): CompareOperator {
  if (text === '<>' || text === '^=') return '!=';
  return text as CompareOperator;
}

function describe(token: FilterToken): string {
  if (token.kind === 'end') return 'the end of the filter';
  if (token.kind === 'string') return `string ${JSON.stringify(token.text)}`;
  return JSON.stringify(token.text);
}

/**
 * Parses a QRadar `filter` expression into a tree. Throws FilterSyntaxError
 * with the character offset of the first token that breaks the grammar.
 */
export function parseFilter(text: string): FilterNode {
  return new FilterParser(tokenizeFilter(text)).parse();
}
