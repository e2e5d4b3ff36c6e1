import type { Logger } from '../src/config/index.js';
import type { ActionService } from '../src/actions/index.js';
import type {
  ApprovalRequiredDecision,
  Checkpoint,
  CheckpointDecision,
  ClientIdentity,
  Policy,
} from '../src/policy/index.js';
import type { QRadarClient, Sleep } from '../src/qradar/index.js';
import type { Store } from '../src/store/index.js';

/** Limits and timings of the tools, with the defaults in toolSettingsDefaults. */
export interface ToolSettings {
  /** run_aql returns `{status: "running", search_id}` after this long. */
  aqlReturnAfterMs: number;
  /** First wait between Ariel status reads; doubles up to one second. */
  aqlPollIntervalMs: number;
  /** Longest AQL time window run_aql accepts. */
  aqlMaxWindowMs: number;
  /** Largest LIMIT run_aql accepts and most rows it returns. */
  aqlMaxRows: number;
  /** LIMIT added to a run_aql query without one. */
  aqlDefaultLimit: number;
  /** Time budget of the searches behind get_offense and get_offense_events. */
  summarySearchDeadlineMs: number;
}

/** Default tool settings. */
export const toolSettingsDefaults: ToolSettings = {
  aqlReturnAfterMs: 45_000,
  aqlPollIntervalMs: 250,
  aqlMaxWindowMs: 31 * 86_400_000,
  aqlMaxRows: 1000,
  aqlDefaultLimit: 100,
  summarySearchDeadlineMs: 40_000,
};

/** One progress update, sent only when the request carried a progressToken. */
export interface ProgressUpdate {
  progress: number;
  total?: number | undefined;
  message?: string | undefined;
}

/**
 * The handler's view of the server: the QRadar client, the policy and its
 * checkpoint, the store, the containment actions, and the request's
 * identity, clock, progress channel and cancellation signal.
 */
export interface ToolContext {
  client: QRadarClient;
  policy: Policy;
  checkpoint: Checkpoint;
  store: Store;
  actions: ActionService;
  logger: Logger;
  /** The MCP client; its name is recorded in the audit as the actor. */
  clientIdentity: ClientIdentity;
  /**
   * Asks the person in the chat to approve a request (MCP elicitation) and
   * returns the decision that replaces `approval_required`; absent when the
   * client cannot be asked.
   */
  approveInChat?:
    | ((decision: ApprovalRequiredDecision) => Promise<CheckpointDecision>)
    | undefined;
  /** Aborts when the client cancels the request or the session ends. */
  signal: AbortSignal;
  reportProgress(update: ProgressUpdate): Promise<void>;
  /** Epoch-millisecond clock. */
  now(): number;
  sleep: Sleep;
  settings: ToolSettings;
}
