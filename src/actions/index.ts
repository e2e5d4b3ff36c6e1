export {
  createActionService,
  type ActionExecution,
  type ActionService,
  type ActionServiceOptions,
  type RollbackOptions,
  type RollbackResult,
} from './action-service.js';
export { ActionError, type ActionErrorCode } from './errors.js';
export {
  createExecutorRegistry,
  type ExecutorRegistry,
} from './executor-registry.js';
export {
  createReferenceSetExecutor,
  referenceSetValue,
  type ReferenceSetExecutorOptions,
} from './reference-set-executor.js';
export type {
  ActionExecutor,
  ContainmentAction,
  ExecutorRequest,
  ExecutorResult,
  RollbackOutcome,
} from './types.js';
export {
  createWebhookExecutor,
  type WebhookExecutorOptions,
} from './webhook-executor.js';
