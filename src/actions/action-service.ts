import type { Logger } from '../config/index.js';
import type { ExecutionOutcome, Policy } from '../policy/index.js';
import type { QRadarClient } from '../qradar/index.js';
import {
  StoreError,
  type ActionRecord,
  type ActionStatus,
  type Store,
} from '../store/index.js';
import { ActionError } from './errors.js';
import { createExecutorRegistry } from './executor-registry.js';
import type {
  ActionExecutor,
  ContainmentAction,
  ExecutorRequest,
} from './types.js';

/** Dependencies of the action service. */
export interface ActionServiceOptions {
  client: QRadarClient;
  store: Store;
  policy: Policy;
  logger: Logger;
  /** Environment holding webhook secrets; default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Epoch-millisecond clock; default Date.now. */
  now?: (() => number) | undefined;
  fetch?: typeof fetch | undefined;
  /** Replaces the executors the policy configures, for tests. */
  executors?: Partial<Record<ContainmentAction, ActionExecutor>> | undefined;
}

/** Result of running an executor for an allowed action. */
export interface ActionExecution {
  /** Hand this to the checkpoint's `complete`. */
  outcome: ExecutionOutcome;
  /** The stored action; undefined when the executor failed. */
  record: ActionRecord | undefined;
  detail: string;
}

/** Result of a rollback. */
export interface RollbackResult {
  record: ActionRecord;
  removed: boolean;
  detail: string;
}

/** Actor and authorization of a rollback. */
export interface RollbackOptions {
  actor: string;
  /** `mcp` after the checkpoint claimed it, `cli` for an operator, `sweeper` on expiry. */
  via: 'mcp' | 'cli' | 'sweeper';
  /** Seq of the checkpoint's intent row; without it an audit row is written first. */
  intentSeq?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Runs containment executors, records actions, rolls them back and expires them. */
export interface ActionService {
  /** Returns the executor the policy configures for an action. */
  executorFor(action: ContainmentAction): ActionExecutor;
  /**
   * Runs the executor of an action the checkpoint allowed and stores the
   * action; executor failures come back as `{ok: false}` outcomes.
   */
  execute(request: ExecutorRequest): Promise<ActionExecution>;
  /**
   * Undoes an executed action, removing only what it added. Throws
   * ActionError for unknown or inactive actions and failed rollbacks.
   */
  rollback(actionId: string, options: RollbackOptions): Promise<RollbackResult>;
  /** Rolls back every executed action past its expiry; errors are logged per action. */
  sweepExpired(options?: {
    signal?: AbortSignal | undefined;
  }): Promise<{ actionId: string; ok: boolean; detail: string }[]>;
  list(query?: {
    offenseId?: number | undefined;
    limit?: number | undefined;
  }): Promise<ActionRecord[]>;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates the action service of one process. */
export function createActionService(
  options: ActionServiceOptions,
): ActionService {
  const { client, store, policy, logger } = options;
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;

  const registry = createExecutorRegistry({
    client,
    policy,
    logger,
    env,
    now,
    fetch: options.fetch,
    overrides: options.executors,
  });

  async function activeRecord(actionId: string): Promise<ActionRecord> {
    const record = await store.actions.get(actionId);
    if (record === undefined) {
      throw new ActionError(
        'ACTION_NOT_FOUND',
        `Action ${actionId} not found.`,
        'List executed actions with list_actions or qradar-mcp actions list.',
      );
    }
    if (record.status !== 'executed') {
      throw new ActionError(
        'ACTION_NOT_ACTIVE',
        `Failed to roll back action ${actionId}: it is already ${record.status.replace('_', ' ')}.`,
        'Nothing to undo; list_actions shows its state.',
      );
    }
    return record;
  }

  // An operator or the sweeper acts without a checkpoint claim, so its
  // audit row is written before the executor runs, and no row means no run.
  async function auditOperatorIntent(
    record: ActionRecord,
    rollbackOptions: RollbackOptions,
  ): Promise<number> {
    try {
      const row = await store.audit.append({
        actor: rollbackOptions.actor,
        action: record.action,
        target: record.target,
        offenseId: record.offenseId,
        kind: 'operator_action',
        decision: 'execute',
        rule: rollbackOptions.via === 'sweeper' ? 'expiry' : 'operator',
        details: {
          operation: 'rollback',
          action_id: record.id,
          via: rollbackOptions.via,
        },
      });
      return row.seq;
    } catch (error) {
      if (!StoreError.is(error)) throw error;
      throw new ActionError(
        'AUDIT_UNAVAILABLE',
        `Failed to roll back action ${record.id}: ${error.message}`,
        'Nothing was changed. Fix the store, then retry.',
        { cause: error },
      );
    }
  }

  async function auditFailedRollback(
    record: ActionRecord,
    actor: string,
    intentSeq: number,
    error: unknown,
  ): Promise<void> {
    try {
      await store.audit.append({
        actor,
        action: record.action,
        target: record.target,
        offenseId: record.offenseId,
        kind: 'rollback_failed',
        details: {
          action_id: record.id,
          intent_seq: intentSeq,
          error: errorMessage(error),
        },
      });
    } catch (auditError) {
      logger.error(
        { err: auditError, actionId: record.id },
        'failed to audit a failed rollback',
      );
    }
  }

  async function rollback(
    actionId: string,
    rollbackOptions: RollbackOptions,
  ): Promise<RollbackResult> {
    const record = await activeRecord(actionId);
    const executor = registry.forRecord(record);
    const intentSeq =
      rollbackOptions.intentSeq ??
      (await auditOperatorIntent(record, rollbackOptions));

    let outcome;
    try {
      outcome = await executor.rollback(record.rollbackData, {
        existedBefore: record.existedBefore,
        signal: rollbackOptions.signal,
      });
    } catch (error) {
      await auditFailedRollback(
        record,
        rollbackOptions.actor,
        intentSeq,
        error,
      );
      throw new ActionError(
        'ROLLBACK_FAILED',
        `Failed to roll back action ${actionId}: ${errorMessage(error)}`,
        'The action is still in force. Retry later or undo it by hand.',
        { cause: error },
      );
    }

    const status: ActionStatus =
      rollbackOptions.via === 'sweeper' ? 'expired' : 'rolled_back';
    const updated = await store.actions.update(
      actionId,
      { status, rolledBackBy: rollbackOptions.actor },
      {
        actor: rollbackOptions.actor,
        action: record.action,
        target: record.target,
        offenseId: record.offenseId,
        kind: 'rollback',
        details: {
          intent_seq: intentSeq,
          via: rollbackOptions.via,
          removed: outcome.removed,
          detail: outcome.detail,
        },
      },
    );
    logger.info(
      { actionId, via: rollbackOptions.via, removed: outcome.removed },
      'action rolled back',
    );
    return {
      record: updated,
      removed: outcome.removed,
      detail: outcome.detail,
    };
  }

  return {
    executorFor: (action) => registry.forAction(action),

    async execute(request) {
      const executor = registry.forAction(request.action);
      let result;
      try {
        result = await executor.execute(request);
      } catch (error) {
        const detail = errorMessage(error);
        logger.warn(
          { action: request.action, executor: executor.name, error: detail },
          'executor failed',
        );
        return {
          outcome: {
            ok: false,
            error: detail,
            details: { executor: executor.name },
          },
          record: undefined,
          detail,
        };
      }
      const expiresAt =
        request.action === 'block_ip'
          ? new Date(now() + policy.block.timeToLive.ms).toISOString()
          : null;
      let record: ActionRecord | undefined;
      try {
        record = await store.actions.insert({
          requestId: request.requestId,
          claimSeq: request.intentSeq,
          action: request.action,
          target: request.target.value,
          targetKind: request.target.kind,
          offenseId: request.offenseId,
          executor: result.executor,
          existedBefore: result.existedBefore,
          rollbackData: result.rollbackData,
          verification: result.verification,
          expiresAt,
        });
      } catch (error) {
        logger.error(
          { err: error, action: request.action },
          'executor ran but its action record could not be stored',
        );
      }
      return {
        outcome: {
          ok: true,
          actionId: record?.id,
          verification: result.verification,
          details: {
            executor: result.executor,
            existed_before: result.existedBefore,
            detail: result.detail,
          },
        },
        record,
        detail: result.detail,
      };
    },

    rollback,

    async sweepExpired(sweepOptions = {}) {
      const results: { actionId: string; ok: boolean; detail: string }[] = [];
      for (const record of await store.actions.listExpired()) {
        try {
          const result = await rollback(record.id, {
            actor: 'sweeper',
            via: 'sweeper',
            signal: sweepOptions.signal,
          });
          results.push({
            actionId: record.id,
            ok: true,
            detail: result.detail,
          });
        } catch (error) {
          logger.warn(
            { actionId: record.id, error: errorMessage(error) },
            'failed to expire action',
          );
          results.push({
            actionId: record.id,
            ok: false,
            detail: errorMessage(error),
          });
        }
      }
      return results;
    },

    list: (query = {}) => store.actions.list(query),
  };
}
