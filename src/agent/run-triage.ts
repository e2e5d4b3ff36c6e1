import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { createSilentLogger, type Logger } from '../config/index.js';
import type { RunnerStateStore, RunRecord, RunStore } from '../store/index.js';
import { BudgetTracker, defaultBudgets, type Budgets } from './budget.js';
import {
  investigate,
  type InvestigationResult,
  type ProgressEvent,
} from './investigate.js';
import {
  callMcpTool,
  listModelTools,
  readPolicyResource,
} from './mcp-session.js';
import { stricterMode, type PolicyMode } from './mode.js';
import type { ContentBlock, ModelMessage, ModelProvider } from './provider.js';
import { withPseudonymization } from './pseudonymize/pseudonymizing-provider.js';
import {
  withRetries,
  type RetryOptions,
} from './providers/retrying-provider.js';
import { estimateCostUsd } from './pricing.js';
import type { Recommendation } from './recommendation.js';
import type {
  RunOutcome,
  RunState,
  RunUsage,
  StopReason,
} from './run-record.js';
import { decideAndNote } from './decide-and-note.js';
import { buildSystemPrompt } from './system-prompt.js';
import {
  fingerprintOf,
  writeCursor,
  type OffenseFingerprint,
} from './triage-cursor.js';

/** Inputs of one triage. */
export interface TriageOptions {
  /** A connected MCP client of the qradar-mcp server; it must not declare elicitation. */
  client: Client;
  provider: ModelProvider;
  offenseId: number;
  runs: RunStore;
  /**
   * Runner state in which to record the offense's triage cursor, as watch
   * does, so that watch skips an offense this run already triaged.
   */
  state?: RunnerStateStore | undefined;
  /** Requested mode; it can only make the server's policy stricter. */
  mode?: PolicyMode | undefined;
  budgets?: Partial<Budgets> | undefined;
  /** Replace names and internal IPs before requests leave; default provider.isExternal. */
  pseudonymize?: boolean | undefined;
  /** Continue this stored run (a watch restart) instead of creating one. */
  runId?: string | undefined;
  retry?: RetryOptions | undefined;
  now?: (() => number) | undefined;
  logger?: Logger | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** The result of one triage: run id, final state, outcome and usage. */
export interface TriageResult {
  runId: string;
  offenseId: number;
  state: RunState;
  outcome: RunOutcome;
  usage: RunUsage;
  recommendation: Recommendation | undefined;
}

function serverMode(policy: unknown): PolicyMode | undefined {
  if (typeof policy !== 'object' || policy === null) return undefined;
  const mode = (policy as Record<string, unknown>)['mode'];
  return mode === 'monitor' || mode === 'approve' || mode === 'autonomous'
    ? mode
    : undefined;
}

function stopOf(result: InvestigationResult): StopReason {
  if (result.kind === 'budget') return `budget:${result.budget}`;
  if (result.kind === 'invalid') return 'invalid_recommendation';
  return 'provider_error';
}

function describeStop(result: InvestigationResult): string {
  if (result.kind === 'budget') {
    return `the ${result.budget.replace('_', ' ')} budget ran out before a recommendation`;
  }
  if (result.kind === 'invalid') {
    return `the model answered with an invalid Recommendation twice (${result.detail})`;
  }
  if (result.kind === 'provider_error') {
    return `the model provider failed: ${result.detail}`;
  }
  return 'unknown';
}

/**
 * Reads the offense with get_offense before the model starts, so that a
 * run on an offense that cannot be read fails instead of guessing.
 */
async function readOffense(
  options: TriageOptions,
): Promise<{ fingerprint: OffenseFingerprint } | { error: string }> {
  const result = await callMcpTool(
    options.client,
    'get_offense',
    { offense_id: options.offenseId },
    options.signal === undefined ? {} : { signal: options.signal },
  );
  if (result.isError) {
    return {
      error: /not found/i.test(result.text)
        ? `Offense ${options.offenseId} not found: list open offenses with qradar-mcp agent watch or the list_offenses tool.`
        : `Failed to read offense ${options.offenseId}: ${result.text}`,
    };
  }
  const data = (result.data ?? {}) as { offense?: unknown };
  const offense =
    typeof data.offense === 'object' && data.offense !== null
      ? (data.offense as Record<string, unknown>)
      : {};
  return { fingerprint: fingerprintOf(offense) };
}

async function openRun(
  options: TriageOptions,
  mode: PolicyMode,
): Promise<RunRecord> {
  if (options.runId !== undefined) {
    const existing = await options.runs.get(options.runId);
    if (existing !== undefined) return existing;
  }
  return options.runs.create({
    offenseId: options.offenseId,
    provider: options.provider.name,
    model: options.provider.model,
    mode,
    state: 'running',
  });
}

/**
 * Triages one offense: the model investigates through the server's read
 * tools, its Recommendation is validated, the runner makes exactly one gated
 * call from it (none for action `none`) and writes a note carrying the run id.
 * Each step is stored, so calling again with the same runId finishes an
 * interrupted run without repeating a model call, gated call or note.
 */
export async function runTriage(options: TriageOptions): Promise<TriageResult> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createSilentLogger();
  const onProgress = options.onProgress ?? ((): void => undefined);
  const budgets: Budgets = { ...defaultBudgets, ...options.budgets };
  const startedMs = now();

  const policy = await readPolicyResource(options.client, options.signal);
  const policyMode = serverMode(policy?.data);
  const mode = stricterMode(policyMode ?? 'approve', options.mode);
  if (
    options.mode !== undefined &&
    policyMode === 'autonomous' &&
    options.mode === 'approve'
  ) {
    throw new Error(
      `Failed to apply mode approve: the server's policy runs in autonomous mode and only the server can require approvals. Start the server with --mode approve.`,
    );
  }

  const run = await openRun(options, mode);
  const runId = run.id;
  const runLogger = logger.child({ runId, offenseId: options.offenseId });
  const stored = (run.outcome ?? undefined) as RunOutcome | undefined;
  const outcome: RunOutcome = stored ?? {
    phase: 'investigating',
    noteWritten: false,
    toolCalls: [],
  };
  // An interrupted investigation starts over; its stored transcript lacks
  // the structured tool data that the baseline reads.
  if (outcome.phase === 'investigating') outcome.toolCalls = [];
  const messages: ModelMessage[] =
    outcome.phase === 'investigating' || !Array.isArray(run.transcript)
      ? []
      : (run.transcript as ModelMessage[]);
  const storedUsage = run.usage as Partial<RunUsage> | null;
  const usage = {
    inputTokens: storedUsage?.inputTokens ?? 0,
    outputTokens: storedUsage?.outputTokens ?? 0,
  };
  const timings = { modelMs: 0, toolMs: 0 };
  const budget = new BudgetTracker(budgets, now);
  budget.turns = storedUsage?.turns ?? 0;
  budget.toolCalls = storedUsage?.toolCalls ?? 0;

  const usageNow = (): RunUsage => ({
    turns: budget.turns,
    toolCalls: budget.toolCalls,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: options.provider.isExternal
      ? estimateCostUsd(options.provider.model, usage)
      : 0,
  });
  const save = async (state: RunState, finished = false): Promise<void> => {
    outcome.timings = {
      startedMs,
      modelMs: timings.modelMs,
      toolMs: timings.toolMs,
      totalMs: now() - startedMs,
    };
    await options.runs.update(runId, {
      state,
      outcome,
      transcript: messages.map(stripData),
      usage: usageNow(),
      finished,
    });
  };

  onProgress({
    runId,
    offenseId: options.offenseId,
    kind: 'start',
    message: `triage with ${options.provider.name} in ${mode} mode`,
  });
  runLogger.info({ provider: options.provider.name, mode }, 'triage started');

  let fingerprint: OffenseFingerprint | undefined;
  if (outcome.phase === 'investigating') {
    const read = await readOffense(options);
    if ('error' in read) {
      outcome.result = 'failed';
      outcome.stopReason = 'offense_unreadable';
      outcome.failed = true;
      outcome.detail = read.error;
      await save('failed', true);
      runLogger.warn({ detail: read.error }, 'offense not readable');
      onProgress({
        runId,
        offenseId: options.offenseId,
        kind: 'done',
        message: 'failed: offense not readable',
      });
      return {
        runId,
        offenseId: options.offenseId,
        state: 'failed',
        outcome,
        usage: usageNow(),
        recommendation: undefined,
      };
    }
    fingerprint = read.fingerprint;
  }

  if (outcome.phase === 'investigating') {
    const pseudonymize = options.pseudonymize ?? options.provider.isExternal;
    const retrying = withRetries(options.provider, {
      logger: runLogger,
      ...options.retry,
    });
    const provider = pseudonymize ? withPseudonymization(retrying) : retrying;
    const tools = await listModelTools(options.client, options.signal);
    const firstMessage: ContentBlock[] = [
      {
        type: 'text',
        text: `Triage QRadar offense ${options.offenseId}. Gather the evidence with the tools, then call submit_recommendation.`,
      },
      ...(policy === undefined
        ? []
        : [
            {
              type: 'text' as const,
              text: `Policy (qradar://policy):\n${policy.text}`,
              data: policy.data,
            },
          ]),
    ];
    await save('running');
    const result = await investigate({
      client: options.client,
      provider,
      offenseId: options.offenseId,
      runId,
      system: buildSystemPrompt({
        mode,
        offenseId: options.offenseId,
        toolNames: tools.map((tool) => tool.name),
      }),
      tools,
      firstMessage,
      budget,
      messages,
      toolCalls: outcome.toolCalls,
      usage,
      timings,
      now,
      logger: runLogger,
      onProgress,
      signal: options.signal,
    });
    if (result.kind === 'recommendation') {
      outcome.phase = 'recommended';
      outcome.recommendation = result.recommendation;
      onProgress({
        runId,
        offenseId: options.offenseId,
        kind: 'recommendation',
        message: `${result.recommendation.attack_stage}: ${result.recommendation.action} ${result.recommendation.target ?? ''} (confidence ${result.recommendation.confidence.toFixed(2)})`,
      });
    } else {
      outcome.stopReason =
        options.signal?.aborted === true ? 'aborted' : stopOf(result);
      outcome.detail = describeStop(result);
      if (result.kind === 'provider_error' && !result.isTransient) {
        outcome.failed = true;
      }
      runLogger.warn(
        { stopReason: outcome.stopReason },
        'triage stopped without a recommendation',
      );
    }
    await save('running');
  }

  const decidedState = await decideAndNote({
    client: options.client,
    offenseId: options.offenseId,
    runId,
    outcome,
    mode,
    serverMode: policyMode,
    now,
    logger: runLogger,
    onProgress,
    save,
    checkExistingNote: options.runId !== undefined,
    signal: options.signal,
  });
  const state: RunState =
    outcome.stopReason === 'provider_error' && outcome.failed === true
      ? 'failed'
      : decidedState;
  await save(state, true);
  if (
    options.state !== undefined &&
    fingerprint !== undefined &&
    state !== 'failed'
  ) {
    await writeCursor(options.state, options.offenseId, {
      ...fingerprint,
      runId,
    });
  }
  runLogger.info({ state, result: outcome.result }, 'triage finished');
  onProgress({
    runId,
    offenseId: options.offenseId,
    kind: 'done',
    message: `${state}: ${outcome.result ?? 'none'}`,
  });
  return {
    runId,
    offenseId: options.offenseId,
    state,
    outcome,
    usage: usageNow(),
    recommendation: outcome.recommendation,
  };
}

/** Drops structured tool data from the stored transcript; the text stays. */
function stripData(message: ModelMessage): ModelMessage {
  return {
    role: message.role,
    content: message.content.map((block) => {
      if (block.type === 'tool_result') {
        return {
          type: 'tool_result',
          callId: block.callId,
          name: block.name,
          text:
            block.text.length > 20_000
              ? `${block.text.slice(0, 19_999)}…`
              : block.text,
          isError: block.isError,
        };
      }
      if (block.type === 'text') return { type: 'text', text: block.text };
      return block;
    }),
  };
}
