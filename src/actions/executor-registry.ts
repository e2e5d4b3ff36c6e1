import type { Logger } from '../config/index.js';
import type { ExecutorConfig, Policy } from '../policy/index.js';
import type { QRadarClient } from '../qradar/index.js';
import type { ActionRecord } from '../store/index.js';
import { ActionError } from './errors.js';
import { createReferenceSetExecutor } from './reference-set-executor.js';
import type { ActionExecutor, ContainmentAction } from './types.js';
import { createWebhookExecutor } from './webhook-executor.js';

/** The executors of one process, by action and by stored action record. */
export interface ExecutorRegistry {
  /** Returns the executor the policy configures for an action. */
  forAction(action: ContainmentAction): ActionExecutor;
  /**
   * Returns the executor that can undo a stored action: the configured one
   * when it ran the action, else a reference-set executor for the set named
   * in the record. Throws ActionError `EXECUTOR_CHANGED` for a webhook that
   * the policy no longer configures.
   */
  forRecord(record: ActionRecord): ActionExecutor;
}

/** Builds the executors that the policy configures, with test overrides. */
export function createExecutorRegistry(options: {
  client: QRadarClient;
  policy: Policy;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  now: () => number;
  fetch?: typeof fetch | undefined;
  overrides?: Partial<Record<ContainmentAction, ActionExecutor>> | undefined;
}): ExecutorRegistry {
  const { client, policy, logger } = options;

  function fromConfig(
    action: ContainmentAction,
    config: ExecutorConfig,
  ): ActionExecutor {
    if (config.type === 'reference_set') {
      return createReferenceSetExecutor({
        client,
        logger,
        setName: config.referenceSet,
        elementType: 'ALNIC',
      });
    }
    return createWebhookExecutor({
      action,
      url: config.url,
      secretEnv: config.secretEnv,
      env: options.env,
      logger,
      now: options.now,
      fetch: options.fetch,
    });
  }

  const executors: Record<ContainmentAction, ActionExecutor> = {
    block_ip:
      options.overrides?.block_ip ??
      createReferenceSetExecutor({
        client,
        logger,
        setName: policy.block.referenceSet,
        elementType: 'IP',
        timeToLive: policy.block.timeToLive,
      }),
    isolate_host:
      options.overrides?.isolate_host ??
      fromConfig('isolate_host', policy.executors.isolate_host),
    disable_user:
      options.overrides?.disable_user ??
      fromConfig('disable_user', policy.executors.disable_user),
  };

  return {
    forAction: (action) => executors[action],
    forRecord(record) {
      const action = record.action as ContainmentAction;
      const current = executors[action] as ActionExecutor | undefined;
      if (current?.name === record.executor) return current;
      if (record.executor.startsWith('reference_set:')) {
        return createReferenceSetExecutor({
          client,
          logger,
          setName: record.executor.slice('reference_set:'.length),
          elementType: action === 'block_ip' ? 'IP' : 'ALNIC',
        });
      }
      throw new ActionError(
        'EXECUTOR_CHANGED',
        `Failed to roll back action ${record.id}: it ran through ${record.executor}, which the policy no longer configures.`,
        'Undo it in the system behind that executor, or restore the executor in the policy.',
      );
    },
  };
}
