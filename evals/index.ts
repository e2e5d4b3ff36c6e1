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
export { caseOutcome, type CaseOutcome } from './report/case-outcome.js';
export {
  formatCost,
  formatDecision,
  formatDuration,
  formatInterval,
  formatPercent,
} from './report/format.js';
export {
  renderHtmlReport,
  reportContentSecurityPolicy,
} from './report/html.js';
export { escapeMarkdown, renderMarkdownSummary } from './report/markdown.js';
export { buildMetricRows, type MetricRow } from './report/metric-rows.js';
export { formatProgressLine, replacePreviousLine } from './report/progress.js';
export {
  buildEvalResults,
  resultsFormatVersion,
  type EvalResults,
  type EvalRunInfo,
} from './report/results.js';
export { renderBarChart, type ChartBar } from './report/svg-charts.js';
export { renderTerminalReport } from './report/terminal.js';
export { writeReports, type ReportFiles } from './report/write-reports.js';
export type {
  CaseRunContext,
  CaseRunner,
  ProviderSettings,
} from './harness/case-runner.js';
export {
  collectExecutions,
  collectOtherAttempts,
} from './harness/end-state.js';
export {
  createEvalClock,
  createSeededIds,
  evalEpochMs,
  openCaseEnvironment,
  type CaseEnvironment,
} from './harness/environment.js';
export {
  snapshotReferenceSets,
  type ReferenceSetSnapshot,
} from './harness/reference-snapshot.js';
export { runEval, type RunEvalOptions } from './harness/run-eval.js';
export {
  cassetteFileFor,
  defaultCassettesDir,
  installedSdkVersion,
  writeCassetteManifest,
  type CassetteManifest,
} from './harness/cassettes.js';
export {
  createAgentCaseRunner,
  evalApproverName,
  evalClientName,
  evalPolicy,
  executorReferenceSets,
  type AgentCaseRunnerOptions,
} from './harness/agent-case-runner.js';
export { createCaseProvider } from './harness/providers.js';
export { ToolResultRecorder } from './harness/recording-client.js';
