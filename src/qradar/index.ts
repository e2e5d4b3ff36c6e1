export { QRadarClient } from './client.js';
export {
  isConnectionReset,
  readErrorCode,
  createConnectionError,
} from './connection-error.js';
export type { AddressLookupOptions } from './endpoints/addresses.js';
export type {
  ArielResultPage,
  GetSearchOptions,
  GetSearchResultsOptions,
} from './endpoints/ariel.js';
export {
  assetHostnameFilter,
  assetIpFilter,
  type AssetLookupOptions,
} from './endpoints/assets.js';
export type {
  GetOffenseOptions,
  ListClosingReasonsOptions,
  ListNotesOptions,
  ListOffensesOptions,
  OffenseSortField,
  OffenseUpdate,
} from './endpoints/offenses.js';
export type { Page } from './endpoints/paging.js';
export type {
  AddElementOptions,
  GetReferenceSetOptions,
  ListReferenceSetsOptions,
  NewReferenceSet,
  ReferenceSetSummary,
} from './endpoints/reference-sets.js';
export type { GetRulesOptions } from './endpoints/system.js';
export { createHttpError, type RequestContext } from './error-factory.js';
export {
  QRadarAuthError,
  QRadarBadRequestError,
  QRadarConflictError,
  QRadarConnectionError,
  QRadarError,
  QRadarForbiddenError,
  QRadarNotFoundError,
  QRadarRateLimitError,
  QRadarResponseValidationError,
  QRadarServerError,
  QRadarTimeoutError,
  QRadarUnprocessableError,
  type QRadarErrorCode,
  type QRadarErrorDetails,
} from './errors.js';
export {
  and,
  between,
  contains,
  eq,
  Filter,
  gt,
  gte,
  ilike,
  inList,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  not,
  notInList,
  or,
  quoteFilterString,
  type FilterValue,
} from './filter.js';
export type { QRadarClientOptions, RequestOptions, Sleep } from './options.js';
export {
  buildFields,
  buildRange,
  buildSort,
  parseContentRange,
  type ContentRange,
  type FieldSelection,
  type RangeOptions,
  type SortDirection,
  type SortKey,
} from './query.js';
export {
  computeRetryDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';
export type {
  RunSearchOptions,
  SearchProgress,
  SearchResult,
} from './run-search.js';
export {
  arielSearchStatuses,
  type ArielColumn,
  type ArielRow,
  type ArielSearch,
  type ArielSearchStatus,
} from './schemas/ariel.js';
export { assetSchema, type Asset } from './schemas/asset.js';
export {
  closingReasonSchema,
  localDestinationAddressSchema,
  noteSchema,
  offenseSchema,
  offenseStatuses,
  offenseTypeSchema,
  sourceAddressSchema,
  type ClosingReason,
  type LocalDestinationAddress,
  type Note,
  type Offense,
  type OffenseStatus,
  type OffenseType,
  type SourceAddress,
} from './schemas/offense.js';
export {
  referenceDataTaskSchema,
  referenceSetSchema,
  type ReferenceDataTask,
  type ReferenceSet,
  type ReferenceSetElement,
  type ReferenceSetElementType,
  type ReferenceSetTimeoutType,
} from './schemas/reference-data.js';
export {
  apiVersionSchema,
  ruleSchema,
  systemAboutSchema,
  type ApiVersion,
  type Rule,
  type SystemAbout,
} from './schemas/system.js';
export { pickApiVersion, supportedApiVersions } from './version.js';
