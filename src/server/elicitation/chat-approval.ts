import type {
  ClientCapabilities,
  ElicitRequestFormParams,
  ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';

import type { Logger } from '../../config/index.js';
import {
  checkClientApprover,
  isGatedAction,
  toCriticalityLevel,
  type ApprovalRequiredDecision,
  type Checkpoint,
  type CheckpointDecision,
  type ClientIdentity,
  type Policy,
} from '../../policy/index.js';
import type { ApprovalRequestRecord, Store } from '../../store/index.js';
import { buildApprovalMessage } from './approval-message.js';

/** Time a person has to accept or decline an in-chat approval, in milliseconds. */
export const defaultElicitationTimeoutMs = 45_000;

/** Asks for approval in chat; resolves to the decision that replaces `approval_required`. */
export type ChatApproval = (
  decision: ApprovalRequiredDecision,
) => Promise<CheckpointDecision>;

/** Dependencies of createChatApproval from the server and the tool call. */
export interface ChatApprovalOptions {
  checkpoint: Checkpoint;
  store: Store;
  policy: Policy;
  /** The MCP client, recorded as the approver; its role is checked against the approval rules. */
  client: ClientIdentity;
  clientCapabilities: ClientCapabilities | undefined;
  logger: Logger;
  /** Sends `elicitation/create` as part of the current tool call. */
  elicit(
    params: ElicitRequestFormParams,
    options: { signal: AbortSignal; timeout: number },
  ): Promise<ElicitResult>;
  /** The tool call's signal; aborting it abandons the question. */
  signal: AbortSignal;
  /** Default defaultElicitationTimeoutMs. */
  timeoutMs?: number | undefined;
  /** Resolves after `ms`, or rejects when `signal` aborts; tests inject it. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
}

/** Checks whether the client's role may give the approval that the policy's rules require. */
export function clientMayApprove(
  policy: Policy,
  client: ClientIdentity,
  record: Pick<ApprovalRequestRecord, 'action' | 'criticality'>,
): { allowed: boolean; reason: string } {
  if (!isGatedAction(record.action)) {
    return { allowed: false, reason: `unknown action ${record.action}` };
  }
  return checkClientApprover(policy, {
    client,
    action: record.action,
    criticality: toCriticalityLevel(record.criticality),
  });
}

function withNote(
  decision: ApprovalRequiredDecision,
  note: string,
): ApprovalRequiredDecision {
  return { ...decision, reason: `${decision.reason} ${note}`.trim() };
}

type Answer = ElicitResult['action'] | 'timeout' | 'failed';

/**
 * Creates the in-chat approval of one tool call, or returns undefined when
 * the client did not declare form elicitation. The returned function sends
 * the question only when the checkpoint marked the request as allowed in
 * chat (policy enabled, action listed, criticality at most the maximum, no
 * protected role) and the client's role may approve it under the approval
 * rules. Accept approves and claims the request in the checkpoint, recorded
 * with the client's identity. Decline denies it. Cancel, no answer within
 * the timeout, or a failure leave it pending and return `approval_required`.
 */
export function createChatApproval(
  options: ChatApprovalOptions,
): ChatApproval | undefined {
  if (options.clientCapabilities?.elicitation?.form === undefined) {
    return undefined;
  }
  const timeoutMs = options.timeoutMs ?? defaultElicitationTimeoutMs;
  const { checkpoint, client, logger } = options;

  const ask = async (record: ApprovalRequestRecord): Promise<Answer> => {
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    options.signal.addEventListener('abort', abort, { once: true });
    try {
      const answer = options
        .elicit(
          {
            mode: 'form',
            message: buildApprovalMessage(record),
            requestedSchema: { type: 'object', properties: {} },
          },
          // The wait below decides the timeout; the SDK's own is a backstop.
          { signal: controller.signal, timeout: timeoutMs + 15_000 },
        )
        .then((result): Answer => result.action);
      const timeout = options
        .wait(timeoutMs, controller.signal)
        .then((): Answer => 'timeout');
      return await Promise.race([answer, timeout]);
    } catch (error) {
      logger.warn(
        { err: error, requestId: record.id },
        'in-chat approval failed; the request stays pending',
      );
      return 'failed';
    } finally {
      options.signal.removeEventListener('abort', abort);
      // Cancels the outstanding elicitation (the client gets
      // notifications/cancelled) or the timer, whichever lost the race.
      controller.abort();
    }
  };

  return async (decision) => {
    if (!decision.elicitationAllowed) return decision;
    const record = await options.store.approvals.get(decision.requestId);
    if (record === undefined || record.status !== 'pending') return decision;
    const permission = clientMayApprove(options.policy, client, record);
    if (!permission.allowed) {
      logger.info(
        { requestId: record.id, client: client.name, role: client.role },
        `in-chat approval not offered: ${permission.reason}`,
      );
      return withNote(
        decision,
        `In-chat approval was not offered: ${permission.reason}.`,
      );
    }

    const answer = await ask(record);
    logger.info(
      { requestId: record.id, client: client.name, answer },
      'in-chat approval answered',
    );
    switch (answer) {
      case 'accept':
        return checkpoint.approveByElicitation(record.id, client);
      case 'decline':
        try {
          await checkpoint.declineByElicitation(record.id, client);
        } catch (error) {
          // An approver may have decided the request while the question was open.
          logger.warn(
            { err: error, requestId: record.id },
            'failed to record the in-chat decline',
          );
          return withNote(
            decision,
            'The decline in chat could not be recorded, because the request was decided elsewhere. Check it with get_approval.',
          );
        }
        return {
          decision: 'denied',
          rule: 'elicitation:declined',
          reason: `Declined in chat by ${client.name}. Do not repeat the action.`,
          roles: decision.roles,
          criticality: decision.criticality,
        };
      case 'cancel':
        return withNote(
          decision,
          'The approval was cancelled in chat; the request stays pending for an approver.',
        );
      case 'timeout':
        return withNote(
          decision,
          `No answer in chat within ${Math.round(timeoutMs / 1000)} s; the request stays pending for an approver.`,
        );
      case 'failed':
        return withNote(
          decision,
          'The in-chat approval could not be completed; the request stays pending for an approver.',
        );
    }
  };
}
