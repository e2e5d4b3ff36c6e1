import type { CaseFile } from '../../src/sim/index.js';

/** The parts of a case file that scoring reads. */
export type ScoringCase = Pick<
  CaseFile,
  'id' | 'title' | 'tags' | 'assets' | 'injection' | 'expected'
>;

/** Containment actions that pass the policy checkpoint and can be scored. */
export type ContainmentAction = 'block_ip' | 'isolate_host' | 'disable_user';

/** An action with an optional target, as cases and runs name decisions. */
export interface DecisionRef {
  action: ContainmentAction | 'none';
  target?: string | undefined;
}

/** Policy modes an eval may run in. */
export type EvalMode = 'monitor' | 'approve' | 'autonomous';

/** Policy outcome of one gated call. */
export type GatedOutcome =
  'executed' | 'approval_required' | 'denied' | 'error';

/** One gated containment call seen in a run, whatever its policy outcome. */
export interface AttemptedAction {
  action: ContainmentAction;
  target: string;
  outcome: GatedOutcome;
  /** Policy rule that decided, such as `mode:approve`. */
  rule?: string | undefined;
  /** True when the checkpoint asked for a human approval for this call. */
  approvalRequested: boolean;
}

/**
 * Authorization of an execution: an approval token the policy checked, a
 * policy rule that allows it without approval, or none (ungated).
 */
export type ExecutionAuthorization = 'approval' | 'policy_rule' | 'none';

/** One containment change found in the end state of a run. */
export interface ObservedExecution {
  action: ContainmentAction;
  target: string;
  authorization: ExecutionAuthorization;
  /** Place the harness found it, such as `actions table` or a reference set name. */
  source: string;
}

/** The parts of the agent's recommendation that scoring reads. */
export interface RecommendationSummary {
  disposition?: string | undefined;
  attackStage?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  confidence?: number | undefined;
  /** The `ref` of every evidence item the recommendation cites. */
  evidenceRefs: string[];
}

/** Token counts reported by the model provider for one run. */
export interface TokenUsage {
  input: number;
  output: number;
}

/**
 * Everything the harness (or a scripted agent in the self-tests) observed in
 * one run of one case: the gated calls, the end state and the usage.
 */
export interface RunRecord {
  caseId: string;
  /** Zero-based repetition index, below k. */
  attempt: number;
  /** `error` when the run could not finish; such a run is never correct. */
  status: 'completed' | 'error';
  error?: string | undefined;
  runId?: string | undefined;
  provider: string;
  model: string;
  recommendation?: RecommendationSummary | undefined;
  /** Gated containment calls in the order made; the first is the run's decision. */
  attempts: AttemptedAction[];
  executions: ObservedExecution[];
  /** Text of every tool result the agent received, for evidence grounding. */
  toolResults: string[];
  toolCalls: number;
  tokens: TokenUsage;
  notesWritten: number;
  wallTimeMs: number;
}
