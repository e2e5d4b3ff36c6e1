import type { CanonicalTarget } from '../policy/index.js';
import type { VerificationState } from '../store/index.js';

/** Containment actions that an executor carries out. */
export type ContainmentAction = 'block_ip' | 'isolate_host' | 'disable_user';

/** Request to an executor, made once the checkpoint allowed the action. */
export interface ExecutorRequest {
  action: ContainmentAction;
  target: CanonicalTarget;
  offenseId: number | null;
  /** Seq of the intent audit row; webhook executors send it as an idempotency key. */
  intentSeq: number;
  requestId: string | null;
  signal?: AbortSignal | undefined;
}

/** Result of an executor: what it did and how far its effect was observed. */
export interface ExecutorResult {
  /** `listed` and `confirmed` mean the effect was observed; only `confirmed` means contained. */
  verification: VerificationState;
  /** Whether the element was already present, so that rollback leaves it. */
  existedBefore: boolean;
  /** Executor description, e.g. `reference_set:QRadar-MCP Blocked IPs`. */
  executor: string;
  /** Everything rollback needs; stored with the action. */
  rollbackData: Record<string, unknown>;
  /** One sentence for the model and the audit. */
  detail: string;
}

/** Result of a rollback. */
export interface RollbackOutcome {
  /** True when an element was removed or the webhook accepted the undo. */
  removed: boolean;
  detail: string;
}

/** Carries out one kind of containment and undoes it. */
export interface ActionExecutor {
  /** Executor description, e.g. `webhook:https://soar.example.com/hook`. */
  readonly name: string;
  /** Runs the action; throws when it could not be carried out. */
  execute(request: ExecutorRequest): Promise<ExecutorResult>;
  /** Undoes an action from its stored rollback data; throws on failure. */
  rollback(
    rollbackData: Record<string, unknown>,
    options: { existedBefore: boolean; signal?: AbortSignal | undefined },
  ): Promise<RollbackOutcome>;
}
