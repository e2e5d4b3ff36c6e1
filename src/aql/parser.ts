import type {
  AqlDatabase,
  AqlExpression,
  AqlOrderItem,
  AqlSelectItem,
  AqlStatement,
  AqlTimeClause,
  AqlTimePoint,
  AqlTimeUnit,
} from './ast.js';
import type { AqlToken } from './lexer.js';
import { parseExpression } from './parse-expression.js';
import { parseTimeText } from './time.js';
import { TokenCursor } from './token-cursor.js';

/** Time clause wording shared by the error messages. */
export const timeClauseHint = 'LAST n MINUTES|HOURS|DAYS or START ... STOP ...';

const clauseNames = [
  'WHERE',
  'GROUP BY',
  'HAVING',
  'ORDER BY',
  'LIMIT',
] as const;
type ClauseName = (typeof clauseNames)[number];

const unitsByWord: Record<string, AqlTimeUnit> = {
  MINUTE: 'MINUTES',
  MINUTES: 'MINUTES',
  HOUR: 'HOURS',
  HOURS: 'HOURS',
  DAY: 'DAYS',
  DAYS: 'DAYS',
};
const unitMs: Record<AqlTimeUnit, number> = {
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

/**
 * Parses one AQL SELECT statement into a typed AST. Keywords are
 * case-insensitive, and the time clause is optional here because QRadar runs
 * such queries over a default window (validateAql requires one). Throws
 * AqlSyntaxError with the position and token of the first problem.
 */
export function parseAql(query: string): AqlStatement {
  const cursor = new TokenCursor(query);
  return parseStatement(cursor);
}

function parseStatement(cursor: TokenCursor): AqlStatement {
  if (cursor.acceptWord('SELECT') === undefined) {
    cursor.fail(
      cursor.current,
      'expected SELECT at the start of the query',
      'AQL reads data with SELECT ... FROM events|flows.',
    );
  }
  const select = parseSelectList(cursor);

  if (cursor.acceptWord('FROM') === undefined) {
    cursor.fail(
      cursor.current,
      'expected "," or FROM after the SELECT list',
      'Separate columns with commas and name the database with FROM events or FROM flows.',
    );
  }
  const databaseToken = cursor.current;
  if (!cursor.isWord(databaseToken, 'EVENTS', 'FLOWS')) {
    cursor.fail(
      databaseToken,
      'expected events or flows after FROM',
      'Query FROM events or FROM flows.',
    );
  }
  cursor.advance();
  const database = databaseToken.value.toLowerCase() as AqlDatabase;

  const statement: AqlStatement = {
    query: cursor.query,
    select,
    database,
    groupBy: [],
    orderBy: [],
    parameters: [],
  };
  let lastClause: ClauseName | undefined;

  if (cursor.acceptWord('WHERE') !== undefined) {
    statement.where = parseExpression(cursor, 'a condition after WHERE');
    lastClause = 'WHERE';
  }
  if (acceptPair(cursor, 'GROUP', 'BY')) {
    statement.groupBy = parseExpressionList(cursor, 'a column after GROUP BY');
    lastClause = 'GROUP BY';
  }
  if (cursor.acceptWord('HAVING') !== undefined) {
    statement.having = parseExpression(cursor, 'a condition after HAVING');
    lastClause = 'HAVING';
  }
  if (acceptPair(cursor, 'ORDER', 'BY')) {
    statement.orderBy = parseOrderList(cursor);
    lastClause = 'ORDER BY';
  }
  if (cursor.acceptWord('LIMIT') !== undefined) {
    statement.limit = parseLimit(cursor);
    lastClause = 'LIMIT';
  }
  const time = parseTimeClause(cursor);
  if (time !== undefined) statement.time = time;
  if (time !== undefined && cursor.acceptWord('PARAMETERS') !== undefined) {
    statement.parameters = parseParameters(cursor);
  }

  const semicolon = cursor.acceptSymbol(';');
  if (cursor.current.kind !== 'end') {
    if (semicolon !== undefined) {
      cursor.fail(
        cursor.current,
        'only one statement is allowed',
        'Remove the text after ";".',
      );
    }
    failTrailing(cursor, lastClause, time !== undefined);
  }
  return statement;
}

function acceptPair(
  cursor: TokenCursor,
  first: string,
  second: string,
): boolean {
  if (!cursor.isWord(cursor.current, first)) return false;
  cursor.advance();
  if (cursor.acceptWord(second) === undefined) {
    cursor.fail(
      cursor.current,
      `expected ${second} after ${first}`,
      `Write ${first} ${second} ...`,
    );
  }
  return true;
}

function parseSelectList(cursor: TokenCursor): AqlSelectItem[] {
  const items: AqlSelectItem[] = [];
  do {
    const star = cursor.acceptSymbol('*');
    if (star !== undefined) {
      items.push({ kind: 'star', position: star.position });
      continue;
    }
    const expected =
      items.length === 0
        ? 'a column, a function call or * after SELECT'
        : 'a column or a function call after ","';
    const expression = parseExpression(cursor, expected);
    const alias = parseAlias(cursor);
    items.push(
      alias === undefined
        ? { kind: 'expression', expression }
        : { kind: 'expression', expression, alias },
    );
  } while (cursor.acceptSymbol(',') !== undefined);
  return items;
}

function parseAlias(cursor: TokenCursor): string | undefined {
  if (cursor.acceptWord('AS') === undefined) return undefined;
  const token = cursor.current;
  const isName =
    token.kind === 'string' || token.kind === 'quoted' || token.kind === 'word';
  if (!isName || cursor.isWord(token, 'FROM')) {
    cursor.fail(
      token,
      'expected an alias after AS',
      "Write AS name or AS 'Alias with spaces'.",
    );
  }
  cursor.advance();
  return token.value;
}

function parseExpressionList(
  cursor: TokenCursor,
  expected: string,
): AqlExpression[] {
  const expressions: AqlExpression[] = [];
  do {
    expressions.push(parseExpression(cursor, expected));
  } while (cursor.acceptSymbol(',') !== undefined);
  return expressions;
}

function parseOrderList(cursor: TokenCursor): AqlOrderItem[] {
  const items: AqlOrderItem[] = [];
  do {
    const expression = parseExpression(cursor, 'a column after ORDER BY');
    const direction = cursor.acceptWord('ASC', 'DESC');
    items.push({
      expression,
      direction: direction?.value.toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
    });
  } while (cursor.acceptSymbol(',') !== undefined);
  return items;
}

function parseLimit(cursor: TokenCursor): {
  value: number;
  position: number;
  end: number;
} {
  const token = cursor.current;
  if (token.kind !== 'number' || !/^\d+$/.test(token.value)) {
    cursor.fail(
      token,
      'expected a whole number after LIMIT',
      'Write for example LIMIT 100.',
    );
  }
  cursor.advance();
  return {
    value: Number(token.value),
    position: token.position,
    end: token.end,
  };
}

function parseTimeClause(cursor: TokenCursor): AqlTimeClause | undefined {
  const start = cursor.current.position;
  if (cursor.acceptWord('LAST') !== undefined) {
    const amount = cursor.current;
    if (
      amount.kind !== 'number' ||
      !/^\d+$/.test(amount.value) ||
      Number(amount.value) === 0
    ) {
      cursor.fail(
        amount,
        'expected a whole number greater than 0 after LAST',
        'Write for example LAST 15 MINUTES.',
      );
    }
    cursor.advance();
    const unitToken = cursor.current;
    const unit =
      unitToken.kind === 'word'
        ? unitsByWord[unitToken.value.toUpperCase()]
        : undefined;
    if (unit === undefined) {
      cursor.fail(
        unitToken,
        `expected MINUTES, HOURS or DAYS after LAST ${amount.value}`,
        'Write for example LAST 24 HOURS.',
      );
    }
    cursor.advance();
    const count = Number(amount.value);
    return {
      kind: 'last',
      amount: count,
      unit,
      windowMs: count * unitMs[unit],
      position: start,
      end: cursor.previousEnd,
    };
  }
  if (cursor.isWord(cursor.current, 'STOP')) {
    cursor.fail(
      cursor.current,
      'STOP needs a START before it',
      "Write START '<time>' STOP '<time>'.",
    );
  }
  if (cursor.acceptWord('START') === undefined) return undefined;
  const startPoint = parseTimePoint(cursor, 'START');
  if (cursor.acceptWord('STOP') === undefined) {
    return {
      kind: 'range',
      start: startPoint,
      position: start,
      end: cursor.previousEnd,
    };
  }
  const stopPoint = parseTimePoint(cursor, 'STOP');
  if (
    startPoint.kind === 'absolute' &&
    stopPoint.kind === 'absolute' &&
    startPoint.ms > stopPoint.ms
  ) {
    cursor.fail(
      {
        kind: 'string',
        text: stopPoint.text,
        value: stopPoint.text,
        position: stopPoint.position,
        end: cursor.previousEnd,
      },
      'START must precede STOP',
      'Swap the two times or move START earlier.',
    );
  }
  return {
    kind: 'range',
    start: startPoint,
    stop: stopPoint,
    position: start,
    end: cursor.previousEnd,
  };
}

function parseTimePoint(
  cursor: TokenCursor,
  keyword: 'START' | 'STOP',
): AqlTimePoint {
  const token = cursor.current;
  const invalid: (at: AqlToken) => never = (at) =>
    cursor.fail(
      at,
      `invalid time after ${keyword}`,
      "Use 'yyyy-MM-dd HH:mm[:ss]', epoch milliseconds or PARSEDATETIME('1 hour ago').",
    );

  if (token.kind === 'number') {
    cursor.advance();
    return {
      kind: 'absolute',
      ms: Number(token.value),
      position: token.position,
      text: token.text,
    };
  }
  let textToken = token;
  if (cursor.isWord(token, 'PARSEDATETIME')) {
    cursor.advance();
    cursor.expectSymbol(
      '(',
      'expected "(" after PARSEDATETIME',
      "Write PARSEDATETIME('1 hour ago').",
    );
    textToken = cursor.current;
    if (textToken.kind !== 'string') invalid(textToken);
    cursor.advance();
    cursor.expectSymbol(
      ')',
      'expected ")" to close PARSEDATETIME',
      "Write PARSEDATETIME('1 hour ago').",
    );
  } else if (token.kind === 'string') {
    cursor.advance();
  } else {
    invalid(token);
  }
  const parsed = parseTimeText(textToken.value);
  if (parsed === undefined) invalid(textToken);
  const text = cursor.query.slice(token.position, cursor.previousEnd);
  return parsed.kind === 'absolute'
    ? { kind: 'absolute', ms: parsed.ms, position: token.position, text }
    : {
        kind: 'relative',
        offsetMs: parsed.offsetMs,
        position: token.position,
        text,
      };
}

function parseParameters(
  cursor: TokenCursor,
): { name: string; value: string }[] {
  const parameters: { name: string; value: string }[] = [];
  do {
    const name = cursor.current;
    if (name.kind !== 'word')
      cursor.fail(
        name,
        'expected a parameter name after PARAMETERS',
        'Write PARAMETERS name=value.',
      );
    cursor.advance();
    cursor.expectSymbol(
      '=',
      `expected "=" after ${name.value}`,
      'Write PARAMETERS name=value.',
    );
    const value = cursor.current;
    if (value.kind === 'end' || value.kind === 'symbol') {
      cursor.fail(
        value,
        `expected a value for ${name.value}`,
        'Write PARAMETERS name=value.',
      );
    }
    cursor.advance();
    parameters.push({ name: name.value, value: value.value });
  } while (cursor.acceptSymbol(',') !== undefined);
  return parameters;
}

/** Explains a token left over after the last clause, naming the clause order when that is the mistake. */
function failTrailing(
  cursor: TokenCursor,
  lastClause: ClauseName | undefined,
  hasTime: boolean,
): never {
  const token = cursor.current;
  const order =
    'AQL clause order is WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, then the time clause.';
  const misplaced = clauseNames.find((name) =>
    cursor.isWord(token, name.split(' ')[0] ?? name),
  );

  if (cursor.isWord(token, 'INTO')) {
    cursor.fail(
      token,
      'INTO is not supported',
      'Remove INTO <name>; results are read through the search id.',
    );
  }

  if (misplaced !== undefined && misplaced === lastClause) {
    cursor.fail(token, `only one ${misplaced} clause is allowed`, order);
  }
  if (misplaced !== undefined && hasTime) {
    cursor.fail(token, `${misplaced} must come before the time clause`, order);
  }
  if (misplaced !== undefined && lastClause !== undefined) {
    cursor.fail(token, `${misplaced} must come before ${lastClause}`, order);
  }

  if (cursor.isWord(token, 'LAST', 'START') && hasTime) {
    cursor.fail(
      token,
      'only one time clause is allowed',
      'Keep either LAST n UNITS or START ... STOP.',
    );
  }
  if (hasTime) {
    cursor.fail(
      token,
      'expected the end of the query after the time clause',
      order,
    );
  }

  // Without a time clause, name what may still follow the last clause.
  const later = clauseNames.slice(
    lastClause === undefined ? 0 : clauseNames.indexOf(lastClause) + 1,
  );
  const operators =
    lastClause === 'WHERE' || lastClause === 'HAVING' ? 'AND, OR, ' : '';
  cursor.fail(
    token,
    `expected ${operators}${later.join(', ')}${later.length > 0 ? ', ' : ''}a time clause (${timeClauseHint}) or the end of the query`,
    order,
  );
}
