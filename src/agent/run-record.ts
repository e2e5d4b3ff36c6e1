import type { BudgetName } from './budget.js';
import type { GatedDecision } from './note.js';
import type { Recommendation } from './recommendation.js';

/** States a stored run moves through; the last three are final. */
export type RunState =
  'running' | 'awaiting_approval' | 'completed' | 'escalated' | 'failed';

/** Reason a run stopped without a recommendation. */
export type StopReason =
  | `budget:${BudgetName}`
  | 'invalid_recommendation'
  | 'provider_error'
  | 'gated_call_failed'
  | 'offense_unreadable'
  | 'aborted';

/** One MCP tool call of a run, as stored; approval tokens never appear. */
export interface ToolCallRecord {
  name: string;
  arguments: Record<string, unknown>;
  isError: boolean;
  durationMs: number;
  /** Epoch milliseconds when the call started. */
  startedMs: number;
  /** Caller of the tool: the model, or the runner's own code. */
  caller: 'model' | 'runner';
}

/** The one gated call made from a Recommendation, kept so `agent resume` can repeat it. */
export interface GatedCall {
  name: 'block_ip' | 'isolate_host' | 'disable_user';
  arguments: Record<string, unknown>;
}

/** Token use, model calls and estimated cost of a run. */
export interface RunUsage {
  turns: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no listed price. */
  costUsd: number | undefined;
}

/** Timings of a run in milliseconds. */
export interface RunTimings {
  startedMs: number;
  modelMs: number;
  toolMs: number;
  totalMs: number;
}

/**
 * How far a run got, stored in the run's outcome column after each step so
 * that a restarted run continues where it stopped instead of repeating a
 * model call, a gated call or a note.
 */
export type RunPhase = 'investigating' | 'recommended' | 'decided' | 'noted';

/** The runner's outcome record, stored as JSON in the run's outcome column. */
export interface RunOutcome {
  phase: RunPhase;
  recommendation?: Recommendation | undefined;
  gatedCall?: GatedCall | undefined;
  decision?: GatedDecision | undefined;
  /** The run's decision in one word: the policy outcome, none, or why it stopped. */
  result?:
    | 'executed'
    | 'approval_required'
    | 'denied'
    | 'none'
    | 'escalated'
    | 'failed'
    | undefined;
  approvalRequestId?: string | undefined;
  noteWritten: boolean;
  stopReason?: StopReason | undefined;
  /** Set when the stop came from a configuration error rather than load. */
  failed?: boolean | undefined;
  /** Human-readable detail of a stop or failure. */
  detail?: string | undefined;
  toolCalls: ToolCallRecord[];
  timings?: RunTimings | undefined;
  /** Filled by `agent resume`. */
  resume?:
    | {
        status: string;
        decision?: GatedDecision | undefined;
        detail?: string | undefined;
      }
    | undefined;
}
