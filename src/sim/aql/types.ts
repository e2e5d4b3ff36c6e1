import type { AqlDatabase } from '../../aql/index.js';

/** Data behind RULENAME and REFERENCESETCONTAINS, supplied by the simulator state. */
export interface AqlLookups {
  /** Returns the name of a custom rule, or undefined when the id is unknown. */
  ruleName(id: number): string | undefined;
  /** Tells whether a reference set contains a value. */
  referenceSetContains(setName: string, value: string): boolean;
}

/** Rows of one AQL query, keyed by QRadar's result-key rules. */
export interface AqlResult {
  database: AqlDatabase;
  /** Result keys in SELECT order, without duplicates. */
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Options of executeAql. */
export interface ExecuteAqlOptions {
  /** Clock for LAST, PARSEDATETIME, NOW and STOP defaults, epoch ms. */
  nowMs: number;
  lookups: AqlLookups;
  /** Cap on returned rows, applied on top of the query's LIMIT. */
  maxRows?: number;
}
