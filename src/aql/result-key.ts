import type { AqlExpression, AqlSelectItem } from './ast.js';

/**
 * Returns the result key QRadar gives an expression without an alias. A
 * column keeps the query's spelling, and a function becomes
 * `<lower-case name>_<first argument as written>`, as in `qidname_qid` or
 * `rulename_creEventList`. Other expressions keep their source text.
 * NOTE: `COUNT(*)` becomes `COUNT` here; the observed QRadar responses this
 * rule comes from show no unaliased `COUNT(*)`, so alias it to be sure.
 */
export function expressionResultKey(expression: AqlExpression): string {
  switch (expression.kind) {
    case 'column':
      return expression.name;
    case 'string':
      return expression.value;
    case 'function': {
      const name = expression.name.toLowerCase();
      if (expression.star) return name === 'count' ? 'COUNT' : `${name}_*`;
      const first = expression.args[0];
      return first === undefined
        ? name
        : `${name}_${expressionResultKey(first)}`;
    }
    default:
      return expression.text;
  }
}

/** Returns the result key of a SELECT item: its alias verbatim, else the QRadar default; `*` has none. */
export function selectItemResultKey(item: AqlSelectItem): string | undefined {
  if (item.kind === 'star') return undefined;
  return item.alias ?? expressionResultKey(item.expression);
}
