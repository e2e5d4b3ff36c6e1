import { AqlSyntaxError } from './errors.js';

/** Kind of an AQL token. */
export type AqlTokenKind =
  'word' | 'quoted' | 'string' | 'number' | 'symbol' | 'end';

/** One token of an AQL query with its location in the source text. */
export interface AqlToken {
  kind: AqlTokenKind;
  /** Source text as written, quotes included. */
  text: string;
  /** Unquoted value: the identifier, the string content or the symbol. */
  value: string;
  /** 0-based offset of the first character. */
  position: number;
  /** Offset just past the last character. */
  end: number;
}

const symbols = ['<=', '>=', '<>', '!=', '=', '<', '>', '+', '-', '*', '/'];
const punctuation = new Set(['(', ')', ',', ';']);

function isWordStart(char: string): boolean {
  return /[A-Za-z_]/.test(char);
}

function isWordPart(char: string): boolean {
  return /[A-Za-z0-9_]/.test(char);
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/**
 * Splits an AQL query into tokens, ending with one `end` token; throws
 * AqlSyntaxError on an unterminated quote or a character AQL does not use.
 */
export function tokenizeAql(query: string): AqlToken[] {
  const tokens: AqlToken[] = [];
  let index = 0;

  const push = (kind: AqlTokenKind, start: number, value: string): void => {
    tokens.push({
      kind,
      text: query.slice(start, index),
      value,
      position: start,
      end: index,
    });
  };

  while (index < query.length) {
    const char = query.charAt(index);
    const start = index;

    if (/\s/.test(char)) {
      index += 1;
    } else if (isWordStart(char)) {
      while (index < query.length && isWordPart(query.charAt(index))) {
        index += 1;
      }
      push('word', start, query.slice(start, index));
    } else if (
      isDigit(char) ||
      (char === '.' && isDigit(query.charAt(index + 1)))
    ) {
      while (isDigit(query.charAt(index))) index += 1;
      if (query.charAt(index) === '.' && isDigit(query.charAt(index + 1))) {
        index += 1;
        while (isDigit(query.charAt(index))) index += 1;
      }
      if (isWordPart(query.charAt(index))) {
        while (index < query.length && isWordPart(query.charAt(index))) {
          index += 1;
        }
        throw new AqlSyntaxError(
          { position: start, token: query.slice(start, index) },
          'invalid number',
          'Separate the number from the word after it with a space.',
        );
      }
      push('number', start, query.slice(start, index));
    } else if (char === "'" || char === '"') {
      const quoted = readQuoted(query, start);
      index = quoted.end;
      push(char === "'" ? 'string' : 'quoted', start, quoted.value);
    } else if (punctuation.has(char)) {
      index += 1;
      push('symbol', start, char);
    } else {
      const symbol = symbols.find((candidate) =>
        query.startsWith(candidate, index),
      );
      if (symbol === undefined) {
        throw new AqlSyntaxError(
          { position: start, token: char },
          `unexpected character ${JSON.stringify(char)}`,
          'Quote strings with single quotes and column names with double quotes.',
        );
      }
      index += symbol.length;
      push('symbol', start, symbol);
    }
  }
  tokens.push({
    kind: 'end',
    text: '',
    value: '',
    position: query.length,
    end: query.length,
  });
  return tokens;
}

/** Reads a quoted token starting at `start`; a doubled quote stands for one quote character. */
function readQuoted(
  query: string,
  start: number,
): { value: string; end: number } {
  const quote = query.charAt(start);
  let value = '';
  let index = start + 1;
  while (index < query.length) {
    const char = query.charAt(index);
    if (char === quote) {
      if (query.charAt(index + 1) === quote) {
        value += quote;
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
  const description = quote === "'" ? 'string' : 'quoted column name';
  throw new AqlSyntaxError(
    {
      position: start,
      token: query.slice(start, Math.min(start + 20, query.length)),
    },
    `unterminated ${description}`,
    `Close it with ${quote}.`,
  );
}
