export { formatJavaDate } from './date-format.js';
export { executeAql } from './execute.js';
export { insertEventRecords, type EventRecord } from './insert.js';
export {
  aqlColumns,
  commonColumns,
  createAqlTables,
  flowOnlyColumns,
  highLevelCategoryNames,
  nameTables,
  protocolNames,
  type AqlColumnSpec,
  type AqlColumnType,
} from './schema.js';
export { supportedFunctions } from './translate-functions.js';
export type { AqlLookups, AqlResult, ExecuteAqlOptions } from './types.js';
