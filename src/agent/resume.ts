import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { createSilentLogger, type Logger } from '../config/index.js';
import type { RunStore } from '../store/index.js';
import { findExecutedAction, readApproval } from './approval-lookup.js';
import { offenseHasNote, parseGatedDecision } from './decide-and-note.js';
import { callMcpTool } from './mcp-session.js';
import { formatResumeNote, runMarker } from './note.js';
import type { RunOutcome, RunState } from './run-record.js';

/** Inputs of resumeRun. */
export interface ResumeOptions {
  client: Client;
  runs: RunStore;
  runId: string;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
}

/** The result of a resume: the run's state and the approval's status. */
export interface ResumeResult {
  runId: string;
  state: RunState;
  /** pending, approved, denied or expired: the approval's status. */
  approvalStatus: string;
  outcome: RunOutcome;
}

const resumeErrorBrand = Symbol.for('qradar-mcp.ResumeError');

/** A run that cannot be resumed. The message gives the reason and the next step. */
export class ResumeError extends Error {
  readonly [resumeErrorBrand] = true;

  constructor(message: string) {
    super(message);
    this.name = 'ResumeError';
  }

  /** Tells whether a value is a ResumeError, also across duplicate bundles. */
  static is(value: unknown): value is ResumeError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[resumeErrorBrand] === true
    );
  }
}

/**
 * Finishes a run that waits for approval. Runner code reads the approval
 * with get_approval. When it is approved, the runner repeats the stored
 * gated call with the token, and when it is denied or expired, it writes a
 * final note. The model is never called, so the token reaches neither a
 * prompt nor the transcript, and the stored tool call shows it redacted.
 * A run that already finished is returned unchanged. Throws ResumeError for
 * an unknown run or one without an approval request.
 */
export async function resumeRun(options: ResumeOptions): Promise<ResumeResult> {
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? createSilentLogger()).child({
    runId: options.runId,
  });
  const run = await options.runs.get(options.runId);
  if (run === undefined) {
    throw new ResumeError(
      `Run ${options.runId} not found: list runs with qradar-mcp agent runs.`,
    );
  }
  const outcome = run.outcome as RunOutcome | null;
  const requestId = outcome?.approvalRequestId;
  const gatedCall = outcome?.gatedCall;
  if (outcome === null || requestId === undefined || gatedCall === undefined) {
    throw new ResumeError(
      `Run ${options.runId} has no approval request to resume: it ended ${run.state}.`,
    );
  }
  if (run.state !== 'awaiting_approval') {
    return {
      runId: run.id,
      state: run.state as RunState,
      approvalStatus: outcome.resume?.status ?? 'unknown',
      outcome,
    };
  }
  const offenseId = run.offenseId ?? 0;
  const signalOption =
    options.signal === undefined ? {} : { signal: options.signal };
  const lookup = await callMcpTool(
    options.client,
    'get_approval',
    { request_id: requestId },
    { ...signalOption, now },
  );
  if (lookup.isError) {
    throw new ResumeError(
      `Failed to read approval request ${requestId}: ${lookup.text} Check the request id with qradar-mcp approvals show ${requestId}.`,
    );
  }
  const approval = readApproval(lookup.data);
  logger.info({ requestId, status: approval.status }, 'approval read');
  if (approval.status === 'pending') {
    return {
      runId: run.id,
      state: 'awaiting_approval',
      approvalStatus: 'pending',
      outcome,
    };
  }

  let detail: string;
  if (approval.status === 'approved' && approval.used) {
    // Another run that shared this request spent the token.
    const actionId = await findExecutedAction(
      options.client,
      { requestId },
      { ...signalOption, now },
    );
    const executedBy = `executed by another run (action ${actionId ?? 'unknown'})`;
    outcome.resume = { status: 'approved', detail: executedBy };
    outcome.result = 'executed';
    detail = `Approved by ${approval.decidedBy ?? 'an approver'}; the token was already used: ${gatedCall.name} ${executedBy}.`;
  } else if (approval.status === 'approved' && approval.token !== undefined) {
    const startedMs = now();
    const result = await callMcpTool(
      options.client,
      gatedCall.name,
      { ...gatedCall.arguments, approval_token: approval.token },
      { ...signalOption, now },
    );
    outcome.toolCalls.push({
      name: gatedCall.name,
      arguments: { ...gatedCall.arguments, approval_token: '[redacted]' },
      isError: result.isError,
      durationMs: result.durationMs,
      startedMs,
      caller: 'runner',
    });
    const decision = result.isError
      ? undefined
      : parseGatedDecision(result.data);
    outcome.resume = {
      status: 'approved',
      decision,
      detail: decision === undefined ? result.text : undefined,
    };
    outcome.result =
      decision?.decision === 'executed'
        ? 'executed'
        : decision === undefined
          ? 'failed'
          : decision.decision;
    detail =
      decision === undefined
        ? `Approved by ${approval.decidedBy ?? 'an approver'}, but the ${gatedCall.name} call failed: ${result.text}`
        : `Approved by ${approval.decidedBy ?? 'an approver'}; ${gatedCall.name} ${decision.decision} (rule ${decision.rule}${decision.action_id === undefined ? '' : `, action ${decision.action_id}`}${decision.verification === undefined ? '' : `, verification ${decision.verification}`}).`;
  } else {
    outcome.resume = { status: approval.status, detail: approval.reason };
    outcome.result = 'denied';
    detail =
      approval.status === 'denied'
        ? `Denied by ${approval.decidedBy ?? 'an approver'}${approval.reason === undefined ? '' : `: ${approval.reason}`}. No containment was made; the offense stays with the analysts.`
        : `The request is ${approval.status}; no containment was made. Triage the offense again if it still needs action.`;
  }

  const marker = runMarker(run.id, 'resume');
  if (
    !(await offenseHasNote(options.client, offenseId, marker, options.signal))
  ) {
    const text = formatResumeNote({
      runId: run.id,
      requestId,
      outcome: approval.status,
      detail,
    });
    const noteArgs = { offense_id: offenseId, text, run_id: run.id };
    const startedMs = now();
    const note = await callMcpTool(options.client, 'add_note', noteArgs, {
      ...signalOption,
      now,
    });
    outcome.toolCalls.push({
      name: 'add_note',
      arguments: noteArgs,
      isError: note.isError,
      durationMs: note.durationMs,
      startedMs,
      caller: 'runner',
    });
    outcome.noteWritten = !note.isError;
    if (note.isError)
      logger.error({ detail: note.text }, 'failed to write the resume note');
  }
  const state: RunState =
    outcome.result === 'failed' ? 'escalated' : 'completed';
  await options.runs.update(run.id, { state, outcome, finished: true });
  logger.info({ state, result: outcome.result }, 'run resumed');
  return { runId: run.id, state, approvalStatus: approval.status, outcome };
}
