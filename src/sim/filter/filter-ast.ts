/** A literal of a filter: its text and whether it was quoted. */
export interface FilterValue {
  text: string;
  /** Quoted literals compare exactly; bare words such as enum values ignore case. */
  quoted: boolean;
}

/** Comparison operators, with `<>` and `^=` normalized to `!=`. */
export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A parsed filter expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | {
      kind: 'compare';
      path: string;
      operator: CompareOperator;
      value: FilterValue;
    }
  | { kind: 'in'; path: string; values: FilterValue[]; negated: boolean }
  | {
      kind: 'between';
      path: string;
      low: FilterValue;
      high: FilterValue;
      negated: boolean;
    }
  | { kind: 'null'; path: string; negated: boolean }
  | {
      kind: 'like';
      path: string;
      pattern: string;
      caseInsensitive: boolean;
      negated: boolean;
    }
  /** Some element of the array at `path` satisfies `condition`. */
  | { kind: 'contains'; path: string; condition: FilterNode }
  /** The array at `path` contains the value, or the text at `path` includes it. */
  | { kind: 'contains_value'; path: string; value: FilterValue };
