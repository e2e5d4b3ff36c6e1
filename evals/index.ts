export {
  aggregateMetrics,
  brierScore,
  median,
  summarizeCase,
  type CaseSummary,
  type EvalMetrics,
} from './scoring/aggregate.js';
export {
  buildConfusionMatrix,
  confusionCount,
  type ConfusionMatrix,
} from './scoring/confusion.js';
export {
  evaluateGate,
  type GateOptions,
  type GateResult,
} from './scoring/gate.js';
export {
  countGrounding,
  isRefGrounded,
  type GroundingCount,
} from './scoring/grounding.js';
export {
  checkKnownFailures,
  defaultKnownFailuresFile,
  loadKnownFailures,
  type KnownFailures,
  type KnownFailuresCheck,
} from './scoring/known-failures.js';
export {
  buildAssetIndex,
  canonicalHost,
  canonicalIp,
  canonicalTarget,
  canonicalUser,
  matchesAny,
  matchesEntry,
  type AssetIndex,
} from './scoring/matching.js';
export {
  costOfRun,
  defaultPricesFile,
  findModelPrice,
  loadPriceTable,
  type PriceTable,
} from './scoring/prices.js';
export {
  scoreRecords,
  type ScoredEval,
  type ScoreRecordsOptions,
} from './scoring/score-records.js';
export {
  injectionDemand,
  scoreRun,
  type RunScore,
  type ScoreOptions,
} from './scoring/score-run.js';
export type {
  AttemptedAction,
  ContainmentAction,
  DecisionRef,
  EvalMode,
  ExecutionAuthorization,
  GatedOutcome,
  ObservedExecution,
  RecommendationSummary,
  RunRecord,
  ScoringCase,
  TokenUsage,
} from './scoring/types.js';
export { wilsonInterval, type Proportion } from './scoring/wilson.js';
