import type {
  AqlBinaryOperator,
  AqlExpression,
  AqlFunctionCall,
} from './ast.js';
import type { AqlToken } from './lexer.js';
import { reservedWords, type TokenCursor } from './token-cursor.js';

const comparisonOperators = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);
const patternOperators = ['LIKE', 'ILIKE', 'MATCHES', 'IMATCHES'] as const;

/** Tells whether a token can begin an expression. */
export function canStartExpression(
  cursor: TokenCursor,
  token: AqlToken,
): boolean {
  switch (token.kind) {
    case 'quoted':
    case 'string':
    case 'number':
      return true;
    case 'symbol':
      return token.value === '(' || token.value === '-';
    case 'word':
      return (
        !reservedWords.has(token.value.toUpperCase()) ||
        cursor.isWord(token, 'NOT', 'NULL', 'TRUE', 'FALSE')
      );
    case 'end':
      return false;
  }
}

/**
 * Parses one expression at the cursor; `expected` names what the caller wants
 * ("a condition after WHERE") for the error when no expression starts here.
 */
export function parseExpression(
  cursor: TokenCursor,
  expected: string,
): AqlExpression {
  if (!canStartExpression(cursor, cursor.current)) {
    cursor.fail(cursor.current, `expected ${expected}`);
  }
  return parseOr(cursor);
}

function parseOr(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  let left = parseAnd(cursor);
  while (cursor.acceptWord('OR') !== undefined) {
    const right = parseOperand(cursor, parseAnd, 'a condition after OR');
    left = {
      kind: 'binary',
      operator: 'OR',
      left,
      right,
      ...cursor.span(start),
    };
  }
  return left;
}

function parseAnd(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  let left = parseNot(cursor);
  while (cursor.acceptWord('AND') !== undefined) {
    const right = parseOperand(cursor, parseNot, 'a condition after AND');
    left = {
      kind: 'binary',
      operator: 'AND',
      left,
      right,
      ...cursor.span(start),
    };
  }
  return left;
}

function parseNot(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  if (cursor.acceptWord('NOT') !== undefined) {
    const operand = parseOperand(cursor, parseNot, 'a condition after NOT');
    return { kind: 'unary', operator: 'NOT', operand, ...cursor.span(start) };
  }
  return parsePredicate(cursor);
}

function parseOperand(
  cursor: TokenCursor,
  parse: (cursor: TokenCursor) => AqlExpression,
  expected: string,
): AqlExpression {
  if (!canStartExpression(cursor, cursor.current)) {
    cursor.fail(cursor.current, `expected ${expected}`);
  }
  return parse(cursor);
}

function parsePredicate(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  const operand = parseAdditive(cursor);
  const token = cursor.current;

  if (token.kind === 'symbol' && comparisonOperators.has(token.value)) {
    cursor.advance();
    const right = parseOperand(
      cursor,
      parseAdditive,
      `a value after "${token.value}"`,
    );
    const operator = (
      token.value === '<>' ? '!=' : token.value
    ) as AqlBinaryOperator;
    return {
      kind: 'binary',
      operator,
      left: operand,
      right,
      ...cursor.span(start),
    };
  }

  if (cursor.acceptWord('IS') !== undefined) {
    const negated = cursor.acceptWord('NOT') !== undefined;
    if (cursor.acceptWord('NULL') === undefined) {
      cursor.fail(
        cursor.current,
        `expected NULL after IS${negated ? ' NOT' : ''}`,
        'Compare values with "=" and test for missing values with IS NULL or IS NOT NULL.',
      );
    }
    return { kind: 'isNull', negated, operand, ...cursor.span(start) };
  }

  const negationToken = cursor.current;
  const negated =
    cursor.isWord(negationToken, 'NOT') &&
    cursor.isWord(cursor.peek(), 'IN', 'BETWEEN', ...patternOperators);
  if (negated) cursor.advance();

  if (cursor.acceptWord('IN') !== undefined) {
    cursor.expectSymbol(
      '(',
      'expected "(" after IN',
      'Write IN (value, value, ...).',
    );
    const values: AqlExpression[] = [];
    do {
      values.push(parseExpression(cursor, 'a value in the IN list'));
    } while (cursor.acceptSymbol(',') !== undefined);
    cursor.expectSymbol(
      ')',
      'expected "," or ")" in the IN list',
      'Close the list with ")".',
    );
    return { kind: 'in', negated, operand, values, ...cursor.span(start) };
  }

  if (cursor.acceptWord('BETWEEN') !== undefined) {
    const low = parseOperand(cursor, parseAdditive, 'a value after BETWEEN');
    if (cursor.acceptWord('AND') === undefined) {
      cursor.fail(
        cursor.current,
        'expected AND in BETWEEN',
        'Write BETWEEN low AND high.',
      );
    }
    const high = parseOperand(
      cursor,
      parseAdditive,
      'a value after BETWEEN ... AND',
    );
    return {
      kind: 'between',
      negated,
      operand,
      low,
      high,
      ...cursor.span(start),
    };
  }

  for (const operator of patternOperators) {
    const operatorToken = cursor.acceptWord(operator);
    if (operatorToken !== undefined) {
      const pattern = parseOperand(
        cursor,
        parseAdditive,
        `a pattern after ${operator}`,
      );
      return {
        kind: 'pattern',
        operator,
        negated,
        operand,
        pattern,
        ...cursor.span(start),
      };
    }
  }
  return operand;
}

function parseAdditive(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  let left = parseMultiplicative(cursor);
  for (;;) {
    const token = cursor.acceptSymbol('+', '-');
    if (token === undefined) return left;
    const right = parseOperand(
      cursor,
      parseMultiplicative,
      `a value after "${token.value}"`,
    );
    const operator = token.value as AqlBinaryOperator;
    left = { kind: 'binary', operator, left, right, ...cursor.span(start) };
  }
}

function parseMultiplicative(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  let left = parseUnary(cursor);
  for (;;) {
    const token = cursor.acceptSymbol('*', '/');
    if (token === undefined) return left;
    const right = parseOperand(
      cursor,
      parseUnary,
      `a value after "${token.value}"`,
    );
    const operator = token.value as AqlBinaryOperator;
    left = { kind: 'binary', operator, left, right, ...cursor.span(start) };
  }
}

function parseUnary(cursor: TokenCursor): AqlExpression {
  const start = cursor.current.position;
  if (cursor.acceptSymbol('-') !== undefined) {
    const operand = parseOperand(cursor, parseUnary, 'a value after "-"');
    if (operand.kind === 'number') {
      return { kind: 'number', value: -operand.value, ...cursor.span(start) };
    }
    return { kind: 'unary', operator: '-', operand, ...cursor.span(start) };
  }
  return parsePrimary(cursor);
}

function parsePrimary(cursor: TokenCursor): AqlExpression {
  const token = cursor.current;
  const start = token.position;

  if (token.kind === 'string') {
    cursor.advance();
    return { kind: 'string', value: token.value, ...cursor.span(start) };
  }
  if (token.kind === 'number') {
    cursor.advance();
    return {
      kind: 'number',
      value: Number(token.value),
      ...cursor.span(start),
    };
  }
  if (token.kind === 'quoted') {
    cursor.advance();
    return {
      kind: 'column',
      name: token.value,
      quoted: true,
      ...cursor.span(start),
    };
  }
  if (cursor.acceptSymbol('(') !== undefined) {
    const inner = parseExpression(cursor, 'an expression after "("');
    cursor.expectSymbol(
      ')',
      'expected ")" to close "("',
      'Balance the parentheses.',
    );
    return { ...inner, ...cursor.span(start) };
  }
  if (token.kind === 'word') {
    const upper = token.value.toUpperCase();
    if (upper === 'NULL' || upper === 'TRUE' || upper === 'FALSE') {
      cursor.advance();
      const span = cursor.span(start);
      return upper === 'NULL'
        ? { kind: 'null', ...span }
        : { kind: 'boolean', value: upper === 'TRUE', ...span };
    }
    if (upper === 'TEXT' && cursor.isWord(cursor.peek(), 'SEARCH')) {
      cursor.advance();
      cursor.advance();
      const text = cursor.current;
      if (text.kind !== 'string') {
        cursor.fail(
          text,
          'expected a quoted string after TEXT SEARCH',
          "Write TEXT SEARCH 'terms'.",
        );
      }
      cursor.advance();
      return { kind: 'textSearch', value: text.value, ...cursor.span(start) };
    }
    if (!reservedWords.has(upper)) {
      cursor.advance();
      if (cursor.isSymbol(cursor.current, '(')) return parseCall(cursor, token);
      return {
        kind: 'column',
        name: token.value,
        quoted: false,
        ...cursor.span(start),
      };
    }
  }
  return cursor.fail(
    token,
    'expected a column name, a value or a function call',
  );
}

function parseCall(cursor: TokenCursor, nameToken: AqlToken): AqlFunctionCall {
  cursor.advance();
  const args: AqlExpression[] = [];
  let star = false;
  const close = (): void => {
    cursor.expectSymbol(
      ')',
      `expected "," or ")" in the call to ${nameToken.value}`,
      'Close the argument list with ")".',
    );
  };
  if (cursor.acceptSymbol('*') !== undefined) {
    star = true;
  } else if (!cursor.isSymbol(cursor.current, ')')) {
    do {
      args.push(parseExpression(cursor, `an argument to ${nameToken.value}`));
    } while (cursor.acceptSymbol(',') !== undefined);
  }
  close();
  return {
    kind: 'function',
    name: nameToken.value,
    args,
    star,
    ...cursor.span(nameToken.position),
  };
}
