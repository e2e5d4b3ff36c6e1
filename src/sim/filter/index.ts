export { matchesFilter } from './evaluate.js';
export type { CompareOperator, FilterNode, FilterValue } from './filter-ast.js';
export { FilterSyntaxError } from './filter-error.js';
export { tokenizeFilter, type FilterToken } from './lexer.js';
export { parseFilter } from './parser.js';
