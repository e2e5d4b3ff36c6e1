export type {
  AqlBetween,
  AqlBinary,
  AqlBinaryOperator,
  AqlBooleanLiteral,
  AqlColumn,
  AqlDatabase,
  AqlExpression,
  AqlFunctionCall,
  AqlInList,
  AqlIsNull,
  AqlNodeBase,
  AqlNullLiteral,
  AqlNumberLiteral,
  AqlOrderItem,
  AqlPatternMatch,
  AqlSelectItem,
  AqlStatement,
  AqlStringLiteral,
  AqlTextSearch,
  AqlTimeClause,
  AqlTimePoint,
  AqlTimeUnit,
  AqlUnary,
} from './ast.js';
export {
  AqlError,
  AqlSyntaxError,
  aqlErrorQradarCode,
  formatAqlMessage,
  type AqlErrorLocation,
} from './errors.js';
export { tokenizeAql, type AqlToken, type AqlTokenKind } from './lexer.js';
export { parseAql } from './parser.js';
export { expressionResultKey, selectItemResultKey } from './result-key.js';
export {
  defaultAqlWindowMs,
  parseTimeText,
  resolveAqlTimeWindow,
  type ParsedTimeText,
} from './time.js';
export { validateAql, type AqlLimits, type ValidatedAql } from './validate.js';
