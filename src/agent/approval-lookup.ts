import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { callMcpTool } from './mcp-session.js';

/** An approval request as get_approval reports it to the runner. */
export interface ApprovalView {
  status: string;
  token: string | undefined;
  /** True once the token was spent on a gated call. */
  used: boolean;
  decidedBy: string | undefined;
  reason: string | undefined;
}

/** Reads get_approval's structured result; unknown fields are left undefined. */
export function readApproval(data: unknown): ApprovalView {
  const record = (
    typeof data === 'object' && data !== null ? data : {}
  ) as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return {
    status: text('status') ?? 'unknown',
    token: text('token'),
    used: record['used'] === true,
    decidedBy: text('decided_by'),
    reason: text('decision_reason'),
  };
}

/** Fetches one approval request with get_approval; undefined when the call fails. */
export async function fetchApproval(
  client: Client,
  requestId: string,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<ApprovalView | undefined> {
  const result = await callMcpTool(
    client,
    'get_approval',
    { request_id: requestId },
    options,
  );
  return result.isError ? undefined : readApproval(result.data);
}

/**
 * Finds through list_actions the newest executed, not rolled-back action
 * that matches: by approval request id, or by action type and target.
 * Returns its action id, or undefined when none matches or the call fails.
 */
export async function findExecutedAction(
  client: Client,
  match: { requestId: string } | { action: string; target: string },
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<string | undefined> {
  const result = await callMcpTool(
    client,
    'list_actions',
    { limit: 100 },
    options,
  );
  if (result.isError) return undefined;
  const data = (result.data ?? {}) as { actions?: unknown };
  const actions = Array.isArray(data.actions)
    ? (data.actions as Record<string, unknown>[])
    : [];
  const found = actions.find((action) => {
    if (action['status'] !== 'executed') return false;
    if ('requestId' in match) return action['request_id'] === match.requestId;
    return (
      action['action'] === match.action && action['target'] === match.target
    );
  });
  const id = found?.['action_id'];
  return typeof id === 'string' ? id : undefined;
}
