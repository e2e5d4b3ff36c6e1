import type {
  ActionRecord,
  ActionStatus,
  ActionUpdate,
  ApprovalDecision,
  ApprovalRequestRecord,
  ApprovalStatus,
  AuditEntryInput,
  AuditHead,
  AuditRecord,
  AuditVerification,
  KillSwitchState,
  NewActionRecord,
  NewApprovalRequest,
  NewRunRecord,
  RunRecord,
  RunUpdate,
} from './records.js';

// Every method is asynchronous although the SQLite implementation works
// synchronously, so that a PostgreSQL implementation can satisfy the same
// interface. Operations that must be atomic (a token claim with its audit
// row, a decision with its audit row) are single methods for the same reason.

/** Filters for reading audit rows; rows come back in seq order. */
export interface AuditQuery {
  /** Only rows with seq greater than this. */
  afterSeq?: number | undefined;
  /** Only rows at or after this ISO time. */
  since?: string | undefined;
  kinds?: readonly string[] | undefined;
  offenseId?: number | undefined;
  /** Newest rows first when true (default false). */
  newestFirst?: boolean | undefined;
  limit?: number | undefined;
}

/** Append-only audit log with a hash chain. */
export interface AuditLog {
  /**
   * Appends one row and moves the head file. Throws StoreError
   * `AUDIT_WRITE_FAILED` when the row could not be written.
   */
  append(entry: AuditEntryInput): Promise<AuditRecord>;
  list(query?: AuditQuery): Promise<AuditRecord[]>;
  /** Counts rows of the given kinds since an ISO time, optionally for one action. */
  count(query: {
    kinds: readonly string[];
    since: string;
    action?: string | undefined;
  }): Promise<number>;
  /** Reads the head file (null before the first row). */
  head(): Promise<AuditHead | null>;
  /** Recomputes the whole chain and compares its end with the head file. */
  verify(): Promise<AuditVerification>;
}

/** A cap checked in the same transaction as an intent row. */
export interface RateLimitCheck {
  /** Rule name reported when the cap is reached, such as `rate_limit:block_ip`. */
  rule: string;
  /** Intent rows allowed since `since`; the new row would be one more. */
  max: number;
  since: string;
  /** Count only intents of this action; absent counts every action. */
  action?: string | undefined;
}

/** Outcome of recording an intent. */
export type IntentResult =
  | { status: 'recorded'; record: AuditRecord }
  | { status: 'token_already_used'; usedAt: string }
  | { status: 'rate_limited'; rule: string; count: number; max: number };

/** Single-use claims of approvals and the intent rows that go with them. */
export interface ClaimLedger {
  /**
   * Writes an `intent` audit row and, when `tokenId` is given, claims it by
   * a UNIQUE insert into used_tokens, in one transaction after checking the
   * rate limits. Nothing is written unless the result is `recorded`; an audit
   * failure throws StoreError `AUDIT_WRITE_FAILED`.
   */
  recordIntent(input: {
    entry: Omit<AuditEntryInput, 'kind'>;
    tokenId?: string | undefined;
    rateLimits?: readonly RateLimitCheck[] | undefined;
  }): Promise<IntentResult>;
  /**
   * Writes a `failed` audit row and deletes the claim of `tokenId` (if
   * given) in one transaction, so that the approval can be retried.
   */
  release(input: {
    entry: Omit<AuditEntryInput, 'kind'>;
    tokenId?: string | undefined;
  }): Promise<AuditRecord>;
  /** Returns when a token id was claimed, or undefined when it is unused. */
  usedAt(tokenId: string): Promise<string | undefined>;
}

/** Approval requests and their decisions. */
export interface ApprovalRequestStore {
  /**
   * Returns the request for the same action, target, offense and parameters
   * when one is pending and unexpired, or approved with an unexpired, unused
   * token. Otherwise it creates a pending request, with an
   * `approval_requested` audit row in the same transaction.
   */
  findOrCreatePending(
    request: NewApprovalRequest,
  ): Promise<{ request: ApprovalRequestRecord; created: boolean }>;
  get(id: string): Promise<ApprovalRequestRecord | undefined>;
  /** Lists requests, newest first; all statuses when none are given. */
  list(query?: {
    statuses?: readonly ApprovalStatus[] | undefined;
    limit?: number | undefined;
  }): Promise<ApprovalRequestRecord[]>;
  /**
   * Records a decision and its audit row in one transaction. Throws
   * StoreError `NOT_FOUND`, or `CONFLICT` when the request is no longer in one
   * of `decision.fromStatuses` (default pending).
   */
  decide(
    id: string,
    decision: ApprovalDecision,
    audit: AuditEntryInput,
  ): Promise<ApprovalRequestRecord>;
  /** Marks pending requests past expires_at as expired (one audit row each). */
  expirePending(): Promise<ApprovalRequestRecord[]>;
}

/** Executed containment actions, for verification, rollback and the sweeper. */
export interface ActionStore {
  /** Inserts a record, with an optional audit row in the same transaction. */
  insert(
    action: NewActionRecord,
    audit?: AuditEntryInput,
  ): Promise<ActionRecord>;
  get(id: string): Promise<ActionRecord | undefined>;
  /** Lists actions, newest first. */
  list(query?: {
    offenseId?: number | undefined;
    statuses?: readonly ActionStatus[] | undefined;
    limit?: number | undefined;
  }): Promise<ActionRecord[]>;
  /** Lists `executed` actions whose expires_at is at or before now, oldest first. */
  listExpired(): Promise<ActionRecord[]>;
  /**
   * Applies changes, with an optional audit row in the same transaction.
   * Throws StoreError `NOT_FOUND` for an unknown id.
   */
  update(
    id: string,
    changes: ActionUpdate,
    audit?: AuditEntryInput,
  ): Promise<ActionRecord>;
}

/** Agent runs. */
export interface RunStore {
  create(run: NewRunRecord): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Lists runs, newest first. */
  list(query?: {
    offenseId?: number | undefined;
    limit?: number | undefined;
  }): Promise<RunRecord[]>;
  /** Throws StoreError `NOT_FOUND` for an unknown id. */
  update(id: string, changes: RunUpdate): Promise<RunRecord>;
}

/** Key-value state of the agent runner (watch cursors, seen updates). */
export interface RunnerStateStore {
  /** Returns the stored JSON value, or undefined. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Lists entries whose key starts with `prefix` (all when absent). */
  list(prefix?: string): Promise<{ key: string; value: unknown }[]>;
}

/** The kill switch shared by every process that opens the same store. */
export interface KillSwitchStore {
  get(): Promise<KillSwitchState>;
  /** Sets or clears the switch with a policy_halt or policy_resume audit row. */
  set(change: {
    halted: boolean;
    by: string;
    reason?: string | undefined;
  }): Promise<KillSwitchState>;
}

/** The state store: audit, approvals, claims, actions, runs, kill switch. */
export interface Store {
  /** Path of the database file. */
  readonly databasePath: string;
  /** Path of the audit head file. */
  readonly auditHeadPath: string;
  readonly audit: AuditLog;
  readonly claims: ClaimLedger;
  readonly approvals: ApprovalRequestStore;
  readonly actions: ActionStore;
  readonly runs: RunStore;
  readonly runnerState: RunnerStateStore;
  readonly killSwitch: KillSwitchStore;
  /** Current time of the store's clock, as an ISO 8601 string. */
  nowIso(): string;
  close(): Promise<void>;
}
