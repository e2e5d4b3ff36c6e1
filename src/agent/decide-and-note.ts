import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import type { Logger } from '../config/index.js';
import { fetchApproval, findExecutedAction } from './approval-lookup.js';
import type { ProgressEvent } from './investigate.js';
import {
  callMcpTool,
  collectStrings,
  gatedTargetArguments,
  type GatedToolName,
} from './mcp-session.js';
import type { PolicyMode } from './mode.js';
import {
  formatEscalationNote,
  formatTriageNote,
  runMarker,
  type GatedDecision,
} from './note.js';
import type { Recommendation } from './recommendation.js';
import type { GatedCall, RunOutcome, RunState } from './run-record.js';

/** Inputs of the decision and note steps of a run. */
export interface DecideOptions {
  client: Client;
  offenseId: number;
  runId: string;
  outcome: RunOutcome;
  /** The effective mode: the server's, made stricter by the request. */
  mode: PolicyMode;
  /** The mode the server's policy reports, when it offers qradar://policy. */
  serverMode: PolicyMode | undefined;
  now: () => number;
  logger: Logger;
  onProgress: (event: ProgressEvent) => void;
  save: (state: RunState) => Promise<void>;
  /**
   * Read the offense's notes for the run's marker before writing: needed
   * when a stored run is continued, which may have written before it died.
   */
  checkExistingNote: boolean;
  signal?: AbortSignal | undefined;
}

/** Builds the one gated call a Recommendation maps to; undefined for action none. */
export function gatedCallFor(
  recommendation: Recommendation,
): GatedCall | undefined {
  if (recommendation.action === 'none' || recommendation.target === undefined) {
    return undefined;
  }
  const name: GatedToolName = recommendation.action;
  return {
    name,
    arguments: {
      [gatedTargetArguments[name]]: recommendation.target,
      offense_id: recommendation.offense_id,
      rationale: recommendation.rationale,
      confidence: recommendation.confidence,
      evidence: recommendation.evidence,
    },
  };
}

/** Reads the gated tools' `{decision, rule, request_id?, …}` result. */
export function parseGatedDecision(data: unknown): GatedDecision | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const decision = record['decision'];
  if (
    decision !== 'executed' &&
    decision !== 'approval_required' &&
    decision !== 'denied'
  ) {
    return undefined;
  }
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'object' && value !== null)
      return JSON.stringify(value);
    return undefined;
  };
  return {
    decision,
    rule: text('rule') ?? 'unknown',
    request_id: text('request_id'),
    action_id: text('action_id'),
    verification: text('verification'),
    would_be: text('would_be'),
  };
}

/**
 * Checks through get_offense whether a note of the offense carries the
 * marker. A failed read counts as no note.
 */
export async function offenseHasNote(
  client: Client,
  offenseId: number,
  marker: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const result = await callMcpTool(
    client,
    'get_offense',
    { offense_id: offenseId },
    signal === undefined ? {} : { signal },
  );
  if (result.isError) return false;
  const strings = collectStrings(result.data);
  strings.push(result.text);
  return strings.some((text) => text.includes(marker));
}

async function writeNote(
  options: DecideOptions,
  text: string,
): Promise<boolean> {
  const { client, offenseId, runId, outcome } = options;
  // A continued run may already have written its note before it died.
  if (
    options.checkExistingNote &&
    (await offenseHasNote(client, offenseId, runMarker(runId), options.signal))
  ) {
    return true;
  }
  const startedMs = options.now();
  const args = { offense_id: offenseId, text, run_id: runId };
  const result = await callMcpTool(client, 'add_note', args, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    now: options.now,
  });
  outcome.toolCalls.push({
    name: 'add_note',
    arguments: args,
    isError: result.isError,
    durationMs: result.durationMs,
    startedMs,
    caller: 'runner',
  });
  if (result.isError) {
    options.logger.error(
      { detail: result.text },
      'failed to write the triage note',
    );
  }
  return !result.isError;
}

/** Calls one gated tool and records the call; the token, when given, is stored redacted. */
async function callGated(
  options: DecideOptions,
  call: GatedCall,
  token?: string,
): Promise<{ decision: GatedDecision | undefined; text: string }> {
  const startedMs = options.now();
  const args =
    token === undefined
      ? call.arguments
      : { ...call.arguments, approval_token: token };
  const result = await callMcpTool(options.client, call.name, args, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    now: options.now,
  });
  options.outcome.toolCalls.push({
    name: call.name,
    arguments:
      token === undefined
        ? call.arguments
        : { ...call.arguments, approval_token: '[redacted]' },
    isError: result.isError,
    durationMs: result.durationMs,
    startedMs,
    caller: 'runner',
  });
  return {
    decision: result.isError ? undefined : parseGatedDecision(result.data),
    text: result.text,
  };
}

/**
 * Makes the run's gated call. A target that an executed, not rolled-back
 * action of the same type already contains is skipped. When the server
 * reuses an approval request that is already approved, the runner fetches
 * the token with get_approval and repeats the call at once.
 */
async function makeGatedCall(
  options: DecideOptions,
  call: GatedCall,
): Promise<void> {
  const { outcome } = options;
  const lookupOptions = {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    now: options.now,
  };
  const targetValue = call.arguments[gatedTargetArguments[call.name]];
  const target = typeof targetValue === 'string' ? targetValue : '';
  const existing = await findExecutedAction(
    options.client,
    { action: call.name, target },
    lookupOptions,
  );
  if (existing !== undefined) {
    outcome.decision = {
      decision: 'executed',
      rule: 'already_contained',
      action_id: existing,
      request_id: undefined,
      verification: undefined,
      would_be: undefined,
    };
    outcome.result = 'none';
    outcome.detail = `already contained by action ${existing}`;
    return;
  }
  let { decision, text } = await callGated(options, call);
  if (
    decision?.decision === 'approval_required' &&
    decision.request_id !== undefined
  ) {
    const approval = await fetchApproval(
      options.client,
      decision.request_id,
      lookupOptions,
    );
    if (
      approval?.status === 'approved' &&
      approval.token !== undefined &&
      !approval.used
    ) {
      const requestId = decision.request_id;
      ({ decision, text } = await callGated(options, call, approval.token));
      if (decision !== undefined && decision.request_id === undefined) {
        decision = { ...decision, request_id: requestId };
      }
    }
  }
  if (decision === undefined) {
    outcome.result = 'failed';
    outcome.stopReason = 'gated_call_failed';
    outcome.detail = `the ${call.name} call failed: ${text}`;
    return;
  }
  outcome.decision = decision;
  outcome.result = decision.decision;
  outcome.approvalRequestId = decision.request_id;
}

/**
 * Makes the run's one gated call from its Recommendation and writes the
 * note, storing each step. A run that stopped without a Recommendation gets
 * an escalation note instead. Returns the run's final state.
 */
export async function decideAndNote(options: DecideOptions): Promise<RunState> {
  const { outcome, runId, offenseId } = options;
  const recommendation = outcome.recommendation;

  if (recommendation === undefined) {
    if (outcome.phase !== 'noted') {
      outcome.result = 'escalated';
      outcome.noteWritten = await writeNote(
        options,
        formatEscalationNote({
          runId,
          reason: outcome.detail ?? 'no recommendation',
        }),
      );
      outcome.phase = 'noted';
    }
    return 'escalated';
  }

  if (outcome.phase === 'recommended') {
    const call = gatedCallFor(recommendation);
    outcome.gatedCall = call;
    if (call === undefined) {
      outcome.result = 'none';
    } else if (options.mode === 'monitor' && options.serverMode !== 'monitor') {
      // The server would apply its own, looser mode; monitor means no call.
      outcome.decision = {
        decision: 'denied',
        rule: 'mode:monitor',
        would_be: 'not evaluated',
      };
      outcome.result = 'denied';
    } else {
      await options.save('running');
      await makeGatedCall(options, call);
    }
    outcome.phase = 'decided';
    options.onProgress({
      runId,
      offenseId,
      kind: 'decision',
      message: `policy: ${outcome.result ?? 'none'}${outcome.approvalRequestId === undefined ? '' : ` (request ${outcome.approvalRequestId})`}`,
    });
    await options.save('running');
  }

  if (outcome.phase === 'decided') {
    const text =
      outcome.result === 'failed'
        ? formatEscalationNote({
            runId,
            reason: outcome.detail ?? 'the gated call failed',
          })
        : formatTriageNote({
            runId,
            recommendation,
            decision: outcome.decision,
            indicators: recommendation.evidence
              .filter((item) => item.kind === 'indicator')
              .map((item) => `${item.excerpt} (${item.ref})`),
          });
    outcome.noteWritten = await writeNote(options, text);
    outcome.phase = 'noted';
    options.onProgress({
      runId,
      offenseId,
      kind: 'note',
      message: outcome.noteWritten ? 'note written' : 'note not written',
    });
  }

  if (outcome.result === 'failed') return 'escalated';
  if (outcome.result === 'approval_required') return 'awaiting_approval';
  return 'completed';
}
