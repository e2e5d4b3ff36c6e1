import type {
  ApprovalStatus,
  EvidenceItem,
  VerificationState,
} from '../store/index.js';
import type { Criticality, CriticalityInput } from './criticality.js';
import type { ReferenceDataReader, RoleMatch } from './roles.js';
import type { CanonicalTarget, TargetKind } from './targets.js';
import type { GatedAction } from './vocabulary.js';

/** The caller of a gated tool, as the audit records it. */
export interface ClientIdentity {
  /** MCP client name (or `local`), written to the audit as the actor. */
  name: string;
  role?: string | undefined;
}

/** One gated call, as a tool hands it to the checkpoint. */
export interface GatedRequest {
  action: GatedAction;
  /** From canonicalizeIp, canonicalizeHost, canonicalizeUser, offenseTarget or actionTarget. */
  target: CanonicalTarget;
  offenseId: number | null;
  /** The model's confidence, 0 to 1. */
  confidence: number;
  /** The model's reasoning, shown to approvers marked as model-written. */
  rationale: string;
  evidence: readonly EvidenceItem[];
  /**
   * Action-specific arguments that the approval binds (update_offense's
   * status, closing_reason and assigned_to, for example). Default {}.
   */
  parameters?: Record<string, unknown> | undefined;
  approvalToken?: string | undefined;
  client: ClientIdentity;
  /**
   * The asset's criticality inputs, or a callback that reads them (called
   * only when needed). Absent for a host target: its resolved asset's
   * properties are used. Ignored for users, whose criticality comes from
   * their roles.
   */
  criticalityInput?:
    | CriticalityInput
    | (() => Promise<CriticalityInput | undefined>)
    | undefined;
  /** A fixed criticality, e.g. that of the action a rollback undoes. */
  criticality?: Criticality | undefined;
}

/** Per-call context: cancellation and the reference-data reader of this call. */
export interface EvaluateContext {
  signal?: AbortSignal | undefined;
  /** Overrides the checkpoint's reader, e.g. with one scoped to a tool call. */
  referenceData?: ReferenceDataReader | undefined;
}

/** The parts of a target that a claim and the audit carry. */
export interface TargetSummary {
  kind: TargetKind;
  value: string;
  label: string;
}

/**
 * Permission to run one executor, backed by an `intent` audit row (and, with
 * an approval, a claimed single-use token). Pass it to `complete` afterwards.
 */
export interface ExecutionClaim {
  /** Seq of the intent audit row. */
  intentSeq: number;
  action: GatedAction;
  target: TargetSummary;
  offenseId: number | null;
  parameters: Record<string, unknown>;
  parametersDigest: string;
  rule: string;
  /** The approval request executed, when an approval allowed it. */
  requestId: string | null;
  approver: string | null;
  client: ClientIdentity;
  criticality: Criticality;
}

/** Outcome a mode would give, in the words of the tools' results. */
export type ProjectedDecision = 'executed' | 'approval_required' | 'denied';

interface DecisionBase {
  /** Policy rule, such as `kill_switch`, `mode:monitor` or `autonomous:block_external_address`. */
  rule: string;
  /** One or two sentences for the model or person: why, and what to do next. */
  reason: string;
  roles: RoleMatch[];
  /** Absent when the checkpoint stopped before deriving it. */
  criticality?: Criticality | undefined;
}

/** The executor may run now; call `complete` with the claim afterwards. */
export interface ExecuteDecision extends DecisionBase {
  decision: 'execute';
  claim: ExecutionClaim;
}

/** A human must approve; the caller polls get_approval with the request id. */
export interface ApprovalRequiredDecision extends DecisionBase {
  decision: 'approval_required';
  requestId: string;
  expiresAt: string;
  /** False when an identical pending request was reused. */
  created: boolean;
  /** Whether the policy lets this request be approved in chat (MCP elicitation). */
  elicitationAllowed: boolean;
}

/** Nothing runs. */
export interface DeniedDecision extends DecisionBase {
  decision: 'denied';
  /**
   * In monitor mode: the outcome under `wouldBeMode`, the policy file's own
   * mode when `--mode monitor` narrowed it, else approve (the next rollout
   * phase). Approve mode executes only with a valid token.
   */
  wouldBe?: ProjectedDecision | undefined;
  /** In monitor mode: the mode that `wouldBe` describes. */
  wouldBeMode?: 'approve' | 'autonomous' | undefined;
  /** In monitor mode: the outcome of each other mode. */
  wouldBeByMode?:
    { approve: ProjectedDecision; autonomous: ProjectedDecision } | undefined;
}

/** The checkpoint's decision on a gated call; policy outcomes are never exceptions. */
export type CheckpointDecision =
  ExecuteDecision | ApprovalRequiredDecision | DeniedDecision;

/** Result of running the executor. */
export type ExecutionOutcome =
  | {
      ok: true;
      actionId?: string | undefined;
      verification?: VerificationState | undefined;
      details?: Record<string, unknown> | undefined;
    }
  | { ok: false; error: string; details?: Record<string, unknown> | undefined };

/** An approval request's state as get_approval returns it. */
export interface ApprovalView {
  requestId: string;
  status: ApprovalStatus;
  action: string;
  target: string;
  targetLabel: string;
  offenseId: number | null;
  criticality: string;
  expiresAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
  /** Present only while approved, unexpired and unused. */
  token?: string | undefined;
  tokenExpiresAt?: string | undefined;
  /** True once the approval has been used for an execution. */
  used: boolean;
  /** Next step for the caller. */
  message: string;
}
