import {
  AqlSyntaxError,
  expressionResultKey,
  resolveAqlTimeWindow,
  type AqlColumn,
  type AqlExpression,
  type AqlPatternMatch,
  type AqlStatement,
} from '../../aql/index.js';
import { aqlColumns, type AqlColumnSpec } from './schema.js';
import {
  predicateFunctions,
  translateFunction,
} from './translate-functions.js';

/** Conversion of a raw SQLite value to a result value. */
export type AqlValueDecoder =
  'plain' | 'json' | 'booleanText' | 'booleanNumber';

/** One output column of a translated query. */
export interface AqlOutputColumn {
  key: string;
  decoder: AqlValueDecoder;
}

/** SQL text, bound parameters and output columns for one AQL statement. */
export interface TranslatedAql {
  sql: string;
  params: (string | number)[];
  outputs: AqlOutputColumn[];
}

/** Inputs of translateAql besides the statement. */
export interface TranslateOptions {
  nowMs: number;
  /** Custom property names present in the database, lower-case. */
  properties: ReadonlySet<string>;
  maxRows?: number;
}

// Expressions in WHERE resolve names as columns first; GROUP BY, HAVING and
// ORDER BY resolve SELECT aliases first, as `ORDER BY c DESC` expects.
type Scope = 'rows' | 'groups';

const predicateKinds = new Set([
  'in',
  'between',
  'isNull',
  'pattern',
  'textSearch',
]);
const comparisonOperators = new Set([
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'AND',
  'OR',
]);

function likeToGlob(pattern: string): string {
  let glob = '';
  for (const char of pattern) {
    if (char === '%') glob += '*';
    else if (char === '_') glob += '?';
    else if (char === '*' || char === '?' || char === '[') glob += `[${char}]`;
    else glob += char;
  }
  return glob;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

class Translator {
  readonly params: (string | number)[] = [];
  readonly #statement: AqlStatement;
  readonly #columns: Map<string, AqlColumnSpec>;
  readonly #aliases = new Map<string, AqlExpression>();
  readonly #options: TranslateOptions;
  readonly #expanding = new Set<string>();

  constructor(statement: AqlStatement, options: TranslateOptions) {
    this.#statement = statement;
    this.#options = options;
    this.#columns = new Map(
      aqlColumns(statement.database).map((column) => [column.name, column]),
    );
    for (const item of statement.select) {
      if (item.kind === 'expression' && item.alias !== undefined) {
        this.#aliases.set(item.alias.toLowerCase(), item.expression);
      }
    }
  }

  bind(value: string | number): string {
    this.params.push(value);
    return '?';
  }

  columnSpec(expression: AqlExpression): AqlColumnSpec | undefined {
    return expression.kind === 'column'
      ? this.#columns.get(expression.name.toLowerCase())
      : undefined;
  }

  translate(expression: AqlExpression, scope: Scope): string {
    const sub = (inner: AqlExpression): string => this.translate(inner, scope);
    switch (expression.kind) {
      case 'column':
        return this.#translateColumn(expression, scope);
      case 'string':
        return this.bind(expression.value);
      case 'number':
        return this.bind(expression.value);
      case 'boolean':
        return this.bind(expression.value ? 'true' : 'false');
      case 'null':
        return 'NULL';
      case 'unary':
        return expression.operator === 'NOT'
          ? `(NOT ${sub(expression.operand)})`
          : `(-${sub(expression.operand)})`;
      case 'binary':
        return `(${sub(expression.left)} ${expression.operator} ${sub(expression.right)})`;
      case 'isNull':
        return `(${sub(expression.operand)} IS ${expression.negated ? 'NOT ' : ''}NULL)`;
      case 'in':
        return `(${sub(expression.operand)} ${expression.negated ? 'NOT ' : ''}IN (${expression.values.map(sub).join(', ')}))`;
      case 'between':
        return `(${sub(expression.operand)} ${expression.negated ? 'NOT ' : ''}BETWEEN ${sub(expression.low)} AND ${sub(expression.high)})`;
      case 'pattern':
        return this.#translatePattern(expression, scope);
      case 'textSearch':
        return this.#translateTextSearch(
          expression.value,
          expression.position,
          expression.text,
        );
      case 'function':
        return translateFunction(expression, {
          translate: sub,
          bind: (value) => this.bind(value),
          database: this.#statement.database,
          nowMs: this.#options.nowMs,
        });
    }
  }

  #translateColumn(column: AqlColumn, scope: Scope): string {
    const lower = column.name.toLowerCase();
    const alias = this.#aliases.get(lower);
    const aliasFirst =
      scope === 'groups' && alias !== undefined && !this.#expanding.has(lower);
    const spec = this.#columns.get(lower);
    if (!aliasFirst && spec !== undefined) return `t.${spec.name}`;
    if (alias !== undefined && !this.#expanding.has(lower)) {
      this.#expanding.add(lower);
      try {
        return `(${this.translate(alias, 'rows')})`;
      } finally {
        this.#expanding.delete(lower);
      }
    }
    if (this.#options.properties.has(lower) && !lower.includes('"')) {
      return `json_extract(t.extra, ${this.bind(`$."${lower}"`)})`;
    }
    throw new AqlSyntaxError(
      { position: column.position, token: column.text },
      `unknown column "${column.name}" in ${this.#statement.database}`,
      'Check the spelling, or double-quote a custom property name such as "Process CommandLine".',
    );
  }

  #translatePattern(match: AqlPatternMatch, scope: Scope): string {
    const operand = this.translate(match.operand, scope);
    const not = match.negated ? 'NOT ' : '';
    if (match.operator === 'LIKE' && match.pattern.kind === 'string') {
      // GLOB is SQLite's case-sensitive LIKE; it keeps the comparison in C.
      return `(${operand} ${not}GLOB ${this.bind(likeToGlob(match.pattern.value))})`;
    }
    const pattern = this.translate(match.pattern, scope);
    switch (match.operator) {
      case 'LIKE':
        return `(${not}aql_like(${operand}, ${pattern}))`;
      case 'ILIKE':
        return `(${operand} ${not}LIKE ${pattern})`;
      case 'MATCHES':
        return `(${not}aql_matches(${operand}, ${pattern}, ''))`;
      case 'IMATCHES':
        return `(${not}aql_matches(${operand}, ${pattern}, 'i'))`;
    }
  }

  #translateTextSearch(text: string, position: number, source: string): string {
    const terms = text.split(/\s+/).filter((term) => term !== '');
    if (terms.length === 0) {
      throw new AqlSyntaxError(
        { position, token: source },
        'TEXT SEARCH needs at least one term',
        "Write TEXT SEARCH 'mimikatz'.",
      );
    }
    const checks = terms.map(
      (term) =>
        `t.payload LIKE ${this.bind(`%${escapeLike(term)}%`)} ESCAPE '\\'`,
    );
    return `(${checks.join(' AND ')})`;
  }

  decoderOf(expression: AqlExpression): AqlValueDecoder {
    const spec = this.columnSpec(expression);
    if (spec?.type === 'json') return 'json';
    if (spec?.type === 'boolean') return 'booleanText';
    if (expression.kind === 'function') {
      const name = expression.name.toUpperCase();
      if (name === 'RULENAME')
        return expression.args[0]?.kind === 'number' ? 'plain' : 'json';
      if (predicateFunctions.has(name)) return 'booleanNumber';
    }
    if (predicateKinds.has(expression.kind)) return 'booleanNumber';
    if (expression.kind === 'unary' && expression.operator === 'NOT')
      return 'booleanNumber';
    if (
      expression.kind === 'binary' &&
      comparisonOperators.has(expression.operator)
    )
      return 'booleanNumber';
    return 'plain';
  }
}

/**
 * Translates a parsed statement into parameterised SQLite SQL over table alias
 * `t`; every literal is bound, and the time window applies to starttime.
 */
export function translateAql(
  statement: AqlStatement,
  options: TranslateOptions,
): TranslatedAql {
  const translator = new Translator(statement, options);
  const selections: string[] = [];
  const outputs: AqlOutputColumn[] = [];

  for (const item of statement.select) {
    if (item.kind === 'star') {
      for (const column of aqlColumns(statement.database)) {
        selections.push(`t.${column.name}`);
        const decoder: AqlValueDecoder =
          column.type === 'json'
            ? 'json'
            : column.type === 'boolean'
              ? 'booleanText'
              : 'plain';
        outputs.push({ key: column.name, decoder });
      }
      continue;
    }
    selections.push(translator.translate(item.expression, 'rows'));
    outputs.push({
      key: item.alias ?? expressionResultKey(item.expression),
      decoder: translator.decoderOf(item.expression),
    });
  }

  const window = resolveAqlTimeWindow(statement.time, options.nowMs);
  const conditions = [
    `t.starttime BETWEEN ${translator.bind(window.startMs)} AND ${translator.bind(window.stopMs)}`,
  ];
  if (statement.where !== undefined)
    conditions.push(translator.translate(statement.where, 'rows'));

  const selectList = selections
    .map((sql, index) => `${sql} AS c${index}`)
    .join(', ');
  let sql = `SELECT ${selectList} FROM ${statement.database} AS t WHERE ${conditions.join(' AND ')}`;
  if (statement.groupBy.length > 0) {
    sql += ` GROUP BY ${statement.groupBy.map((expression) => translator.translate(expression, 'groups')).join(', ')}`;
  }
  if (statement.having !== undefined)
    sql += ` HAVING ${translator.translate(statement.having, 'groups')}`;
  if (statement.orderBy.length > 0) {
    const terms = statement.orderBy.map(
      (item) =>
        `${translator.translate(item.expression, 'groups')} ${item.direction}`,
    );
    sql += ` ORDER BY ${terms.join(', ')}`;
  }
  const limits = [statement.limit?.value, options.maxRows].filter(
    (value): value is number => value !== undefined,
  );
  if (limits.length > 0)
    sql += ` LIMIT ${translator.bind(Math.min(...limits))}`;

  return { sql, params: translator.params, outputs };
}
