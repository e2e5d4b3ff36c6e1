export {
  defaultPlaybookPath,
  packageRootFromHere,
  loadPlaybook,
  parsePlaybook,
  PlaybookError,
} from './baseline/load-playbook.js';
export type { Playbook } from './baseline/playbook-schema.js';
export {
  BudgetTracker,
  defaultBudgets,
  type BudgetName,
  type Budgets,
} from './budget.js';
export {
  decideAndNote,
  gatedCallFor,
  offenseHasNote,
  parseGatedDecision,
} from './decide-and-note.js';
export {
  investigate,
  submitToolSpec,
  type InvestigationResult,
  type ProgressEvent,
} from './investigate.js';
export {
  callMcpTool,
  gatedTargetArguments,
  listModelTools,
  modelToolNames,
  policyResourceUri,
  readPolicyResource,
  type GatedToolName,
  type ToolOutcome,
} from './mcp-session.js';
export {
  isPolicyMode,
  policyModes,
  stricterMode,
  type PolicyMode,
} from './mode.js';
export {
  formatEscalationNote,
  formatResumeNote,
  formatTriageNote,
  maxNoteLength,
  runMarker,
  type GatedDecision,
} from './note.js';
export { estimateCostUsd } from './pricing.js';
export {
  toolCallsOf,
  type CompleteOptions,
  type ContentBlock,
  type ModelMessage,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type StopReason as ModelStopReason,
  type TextBlock,
  type TokenUsage,
  type ToolCallBlock,
  type ToolResultBlock,
  type ToolSpec,
} from './provider.js';
export {
  createAnthropicProvider,
  defaultAnthropicModel,
  type AnthropicProviderOptions,
} from './providers/anthropic-provider.js';
export {
  createOpenAiProvider,
  defaultOpenAiModel,
  type OpenAiProviderOptions,
} from './providers/openai-provider.js';
export {
  parseRetryAfter,
  ProviderError,
  toProviderError,
  type ProviderErrorCode,
} from './providers/provider-error.js';
export {
  createBaselineProvider,
  type BaselineProviderOptions,
} from './providers/baseline-provider.js';
export { canonicalRequest, requestKey } from './providers/canonical-request.js';
export {
  cassetteMarker,
  createReplayProvider,
  readCassette,
  withRecording,
  type Cassette,
} from './providers/replay-provider.js';
export {
  sleepFor,
  withRetries,
  type RetryOptions,
} from './providers/retrying-provider.js';
export { Pseudonymizer } from './pseudonymize/pseudonymizer.js';
export { withPseudonymization } from './pseudonymize/pseudonymizing-provider.js';
export {
  attackStages,
  describeIssues,
  dispositions,
  evidenceItemSchema,
  recommendationJsonSchema,
  recommendationSchema,
  recommendedActions,
  type AttackStage,
  type Disposition,
  type EvidenceItem,
  type Recommendation,
  type RecommendedAction,
} from './recommendation.js';
export type {
  GatedCall,
  RunOutcome,
  RunPhase,
  RunState,
  RunTimings,
  RunUsage,
  StopReason,
  ToolCallRecord,
} from './run-record.js';
export {
  runTriage,
  type TriageOptions,
  type TriageResult,
} from './run-triage.js';
export { buildSystemPrompt, submitToolName } from './system-prompt.js';
export {
  resumeRun,
  ResumeError,
  type ResumeOptions,
  type ResumeResult,
} from './resume.js';
export {
  startTriggerServer,
  triggerPath,
  type SignatureVerifier,
  type TriggerServer,
  type TriggerServerOptions,
} from './trigger-server.js';
export {
  createProvider,
  defaultCassettesDir,
  defaultProviderName,
  providerNames,
  type ProviderChoice,
  type ProviderName,
} from './providers/create-provider.js';
export { formatRunDetails, formatRunList } from './run-report.js';
export { createTriageQueue, type TriageQueue } from './triage-queue.js';
export {
  renderTable,
  triageCells,
  triageColumns,
  type TriageRow,
} from './triage-table.js';
export {
  isUpdate,
  listOpenOffenses,
  pollOnce,
  watchOffenses,
  type WatchOptions,
} from './watch.js';
export {
  cursorKey,
  fingerprintOf,
  readCursor,
  writeCursor,
  type OffenseFingerprint,
  type TriageCursor,
} from './triage-cursor.js';
export {
  fetchApproval,
  findExecutedAction,
  readApproval,
  type ApprovalView,
} from './approval-lookup.js';
