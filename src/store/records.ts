// Row shapes of the store, as callers see them: camelCase fields, ISO 8601
// UTC times, JSON columns parsed. The store validates none of the domain
// values (actions, levels, roles); the policy layer owns their meaning.

/** Audit row kinds written by this project; the column accepts any string. */
export const auditKinds = [
  'intent',
  'executed',
  'failed',
  'denied',
  'approval_requested',
  'approved',
  'denied_by_approver',
  'approval_expired',
  'rollback',
  'rollback_failed',
  'verification',
  'operator_action',
  'policy_halt',
  'policy_resume',
] as const;

/** One of the audit row kinds in `auditKinds`. */
export type AuditKind = (typeof auditKinds)[number];

/** Fields of a new audit row; the store adds seq, time and the hash chain. */
export interface AuditEntryInput {
  /** The acting party: an MCP client name, an approver name, `runner`, `sweeper`. */
  actor: string;
  kind: AuditKind;
  action?: string | null | undefined;
  /** Canonical target value (an IP, `asset:17`, a user name, an offense id). */
  target?: string | null | undefined;
  offenseId?: number | null | undefined;
  /** Policy decision, for rows that record one: execute, approval_required, denied. */
  decision?: string | null | undefined;
  /** Policy rule that produced the decision, such as `kill_switch`. */
  rule?: string | null | undefined;
  /** JSON-serializable detail; stored as canonical JSON and covered by the hash. */
  details?: Record<string, unknown> | undefined;
}

/** A stored audit row. */
export interface AuditRecord {
  seq: number;
  time: string;
  actor: string;
  kind: string;
  action: string | null;
  target: string | null;
  offenseId: number | null;
  decision: string | null;
  rule: string | null;
  details: Record<string, unknown>;
  /** Hash of the row before (64 zeros for seq 1). */
  prevHash: string;
  /** SHA-256 hex over prevHash and the canonical row. */
  hash: string;
}

/** The newest audit row's seq and hash, also kept in a file beside the database. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Result of checking the whole audit chain against the head file. */
export type AuditVerification =
  | { ok: true; rows: number; head: AuditHead | null }
  | {
      ok: false;
      rows: number;
      /** First seq that is missing, edited, inserted or out of chain. */
      firstBadSeq: number;
      reason: string;
    };

/** One piece of evidence a model cited: `ref` names an event, asset or note. */
export interface EvidenceItem {
  kind: string;
  ref: string;
  excerpt?: string | undefined;
}

/** A role that covered a target when the request was made, and where it came from. */
export interface StoredRole {
  role: string;
  source: string;
}

/** Lifecycle of an approval request. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** Channel of an approval decision: the approvals CLI or in-chat elicitation. */
export type ApprovalDecisionKind = 'cli' | 'elicitation';

/** Fields of a new approval request. */
export interface NewApprovalRequest {
  action: string;
  /** Canonical target value, bound into the approval token. */
  target: string;
  targetKind: string;
  /** Target as people read it, e.g. `ws-042 (10.0.5.20, asset 17)`. */
  targetLabel: string;
  offenseId: number | null;
  /** Action-specific arguments, e.g. update_offense's status. */
  parameters: Record<string, unknown>;
  /** SHA-256 of the canonical parameters, bound into the approval token. */
  parametersDigest: string;
  evidence: EvidenceItem[];
  /** Written by the model; shown to approvers marked as model-written. */
  rationale: string;
  confidence: number;
  criticality: string;
  criticalityDerivation: string[];
  roles: StoredRole[];
  requestedBy: string;
  requestedByRole: string | null;
  expiresAt: string;
}

/** A stored approval request. */
export interface ApprovalRequestRecord extends NewApprovalRequest {
  id: string;
  status: ApprovalStatus;
  decidedBy: string | null;
  decisionKind: ApprovalDecisionKind | null;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
  /** Signed approval token, stored so that get_approval can return it. */
  token: string | null;
  tokenIssued: boolean;
  tokenExpiresAt: string | null;
}

/** An approval decision to record. */
export interface ApprovalDecision {
  status: 'approved' | 'denied';
  decidedBy: string;
  kind: ApprovalDecisionKind;
  reason?: string | null | undefined;
  /** A freshly minted token for an approval made through the CLI. */
  token?: { value: string; expiresAt: string } | undefined;
  /** Statuses the request may be in for the decision to apply; default pending. */
  fromStatuses?: ApprovalStatus[] | undefined;
}

/** State of an action's effect as the executor could observe it. */
export type VerificationState =
  'listed' | 'confirmed' | 'unverified' | 'failed';

/** Lifecycle of an executed action. */
export type ActionStatus = 'executed' | 'rolled_back' | 'expired';

/** Fields of a new action record, written after an executor ran. */
export interface NewActionRecord {
  /** Approval request the action executed, if any. */
  requestId: string | null;
  /** Seq of the intent audit row that authorized it. */
  claimSeq: number | null;
  action: string;
  target: string;
  targetKind: string;
  offenseId: number | null;
  /** Executor description, e.g. `reference_set:QRadar-MCP Blocked IPs`. */
  executor: string;
  /** Whether the element was already present, so rollback leaves it. */
  existedBefore: boolean;
  /** Whatever the executor needs to undo the action. */
  rollbackData: Record<string, unknown>;
  verification: VerificationState;
  expiresAt: string | null;
}

/** A stored action record. */
export interface ActionRecord extends NewActionRecord {
  id: string;
  status: ActionStatus;
  createdAt: string;
  updatedAt: string;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
}

/** Changes to an action record. */
export interface ActionUpdate {
  status?: ActionStatus | undefined;
  verification?: VerificationState | undefined;
  rollbackData?: Record<string, unknown> | undefined;
  rolledBackBy?: string | undefined;
  expiresAt?: string | null | undefined;
}

/** Fields of a new agent run. */
export interface NewRunRecord {
  offenseId: number | null;
  provider: string;
  model: string;
  mode: string;
  state: string;
}

/** A stored agent run; JSON columns are the runner's own shapes. */
export interface RunRecord extends NewRunRecord {
  id: string;
  outcome: unknown;
  transcript: unknown;
  usage: unknown;
  startedAt: string;
  finishedAt: string | null;
}

/** Changes to a run. */
export interface RunUpdate {
  state?: string | undefined;
  outcome?: unknown;
  transcript?: unknown;
  usage?: unknown;
  /** Set true to stamp finished_at with the store's clock. */
  finished?: boolean | undefined;
}

/** The kill switch as stored; `halted` stops every gated call. */
export interface KillSwitchState {
  halted: boolean;
  by: string | null;
  reason: string | null;
  at: string | null;
}
