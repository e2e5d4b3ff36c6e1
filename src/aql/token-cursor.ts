import type { AqlNodeBase } from './ast.js';
import { AqlSyntaxError } from './errors.js';
import { tokenizeAql, type AqlToken } from './lexer.js';

/** Words that end an expression or start a clause, so they cannot be bare column names. */
export const reservedWords = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'HAVING',
  'ORDER',
  'LIMIT',
  'LAST',
  'START',
  'STOP',
  'AND',
  'OR',
  'NOT',
  'IN',
  'BETWEEN',
  'IS',
  'NULL',
  'LIKE',
  'ILIKE',
  'MATCHES',
  'IMATCHES',
  'AS',
  'ASC',
  'DESC',
  'INTO',
  'PARAMETERS',
  'TRUE',
  'FALSE',
]);

/** Position within the token list of one query, with helpers that raise located errors. */
export class TokenCursor {
  readonly query: string;
  readonly #tokens: AqlToken[];
  #index = 0;
  #previousEnd = 0;

  constructor(query: string) {
    this.query = query;
    this.#tokens = tokenizeAql(query);
  }

  /** The token under the cursor; the final `end` token repeats forever. */
  get current(): AqlToken {
    return this.peek(0);
  }

  /** Offset just past the last consumed token. */
  get previousEnd(): number {
    return this.#previousEnd;
  }

  peek(offset = 1): AqlToken {
    const last = this.#tokens.length - 1;
    const token = this.#tokens[Math.min(this.#index + offset, last)];
    if (token === undefined) throw new Error('token list is empty');
    return token;
  }

  advance(): AqlToken {
    const token = this.current;
    if (token.kind !== 'end') this.#index += 1;
    this.#previousEnd = token.end;
    return token;
  }

  isWord(token: AqlToken, ...words: string[]): boolean {
    return token.kind === 'word' && words.includes(token.value.toUpperCase());
  }

  isSymbol(token: AqlToken, ...values: string[]): boolean {
    return token.kind === 'symbol' && values.includes(token.value);
  }

  acceptWord(...words: string[]): AqlToken | undefined {
    return this.isWord(this.current, ...words) ? this.advance() : undefined;
  }

  acceptSymbol(...values: string[]): AqlToken | undefined {
    return this.isSymbol(this.current, ...values) ? this.advance() : undefined;
  }

  expectSymbol(value: string, reason: string, nextStep?: string): AqlToken {
    const token = this.acceptSymbol(value);
    if (token === undefined) this.fail(this.current, reason, nextStep);
    return token;
  }

  fail(token: AqlToken, reason: string, nextStep?: string): never {
    throw new AqlSyntaxError(
      { position: token.position, token: token.text },
      reason,
      nextStep,
    );
  }

  /** Location fields for a node that started at `start` and ends at the last consumed token. */
  span(start: number): AqlNodeBase {
    const end = Math.max(start, this.#previousEnd);
    return { position: start, end, text: this.query.slice(start, end) };
  }
}
