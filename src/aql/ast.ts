/** Ariel database that a query reads. */
export type AqlDatabase = 'events' | 'flows';

/** Location and source text shared by every expression node. */
export interface AqlNodeBase {
  /** 0-based offset of the node's first character in the query. */
  position: number;
  /** Offset just past the node's last character. */
  end: number;
  /** The node's source text exactly as written. */
  text: string;
}

/** Column or custom property reference; `name` is unquoted and keeps the query's spelling. */
export interface AqlColumn extends AqlNodeBase {
  kind: 'column';
  name: string;
  quoted: boolean;
}

/** Single-quoted string literal. */
export interface AqlStringLiteral extends AqlNodeBase {
  kind: 'string';
  value: string;
}

/** Numeric literal. */
export interface AqlNumberLiteral extends AqlNodeBase {
  kind: 'number';
  value: number;
}

/** TRUE or FALSE. */
export interface AqlBooleanLiteral extends AqlNodeBase {
  kind: 'boolean';
  value: boolean;
}

/** NULL. */
export interface AqlNullLiteral extends AqlNodeBase {
  kind: 'null';
}

/** Function or aggregate call; `star` marks `COUNT(*)`, and `name` keeps the query's spelling. */
export interface AqlFunctionCall extends AqlNodeBase {
  kind: 'function';
  name: string;
  args: AqlExpression[];
  star: boolean;
}

/** NOT or unary minus. */
export interface AqlUnary extends AqlNodeBase {
  kind: 'unary';
  operator: 'NOT' | '-';
  operand: AqlExpression;
}

/** Binary operator; `<>` is normalised to `!=`. */
export type AqlBinaryOperator =
  'AND' | 'OR' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

/** Logical, comparison or arithmetic operation. */
export interface AqlBinary extends AqlNodeBase {
  kind: 'binary';
  operator: AqlBinaryOperator;
  left: AqlExpression;
  right: AqlExpression;
}

/** `[NOT] LIKE | ILIKE | MATCHES | IMATCHES pattern`. */
export interface AqlPatternMatch extends AqlNodeBase {
  kind: 'pattern';
  operator: 'LIKE' | 'ILIKE' | 'MATCHES' | 'IMATCHES';
  negated: boolean;
  operand: AqlExpression;
  pattern: AqlExpression;
}

/** `[NOT] IN (values)`. */
export interface AqlInList extends AqlNodeBase {
  kind: 'in';
  negated: boolean;
  operand: AqlExpression;
  values: AqlExpression[];
}

/** `[NOT] BETWEEN low AND high`. */
export interface AqlBetween extends AqlNodeBase {
  kind: 'between';
  negated: boolean;
  operand: AqlExpression;
  low: AqlExpression;
  high: AqlExpression;
}

/** `IS [NOT] NULL`. */
export interface AqlIsNull extends AqlNodeBase {
  kind: 'isNull';
  negated: boolean;
  operand: AqlExpression;
}

/** `TEXT SEARCH 'terms'` over the payload. */
export interface AqlTextSearch extends AqlNodeBase {
  kind: 'textSearch';
  value: string;
}

/** Any AQL expression. */
export type AqlExpression =
  | AqlColumn
  | AqlStringLiteral
  | AqlNumberLiteral
  | AqlBooleanLiteral
  | AqlNullLiteral
  | AqlFunctionCall
  | AqlUnary
  | AqlBinary
  | AqlPatternMatch
  | AqlInList
  | AqlBetween
  | AqlIsNull
  | AqlTextSearch;

/** One entry of the SELECT list: `*` or an expression with an optional alias. */
export type AqlSelectItem =
  | { kind: 'star'; position: number }
  | {
      kind: 'expression';
      expression: AqlExpression;
      /** Alias without its quotes, kept verbatim. */
      alias?: string;
    };

/** One ORDER BY entry. */
export interface AqlOrderItem {
  expression: AqlExpression;
  direction: 'ASC' | 'DESC';
}

/** A point in time of a START or STOP clause: absolute epoch ms, or an offset from now. */
export type AqlTimePoint =
  | { kind: 'absolute'; ms: number; position: number; text: string }
  | { kind: 'relative'; offsetMs: number; position: number; text: string };

/** Unit of a LAST clause. */
export type AqlTimeUnit = 'MINUTES' | 'HOURS' | 'DAYS';

/** The time clause: `LAST n UNITS` or `START ... [STOP ...]`. */
export type AqlTimeClause =
  | {
      kind: 'last';
      amount: number;
      unit: AqlTimeUnit;
      /** Window length in milliseconds. */
      windowMs: number;
      position: number;
      end: number;
    }
  | {
      kind: 'range';
      start: AqlTimePoint;
      /** Absent means now. */
      stop?: AqlTimePoint;
      position: number;
      end: number;
    };

/** Parsed AQL SELECT statement. */
export interface AqlStatement {
  /** The query text that was parsed. */
  query: string;
  select: AqlSelectItem[];
  database: AqlDatabase;
  where?: AqlExpression;
  groupBy: AqlExpression[];
  having?: AqlExpression;
  orderBy: AqlOrderItem[];
  limit?: { value: number; position: number; end: number };
  time?: AqlTimeClause;
  /** `PARAMETERS name=value` entries after the time clause, kept but not interpreted. */
  parameters: { name: string; value: string }[];
}
