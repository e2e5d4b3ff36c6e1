import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import type { Logger } from '../config/index.js';
import type { BudgetName, BudgetTracker } from './budget.js';
import { callMcpTool } from './mcp-session.js';
import type {
  ContentBlock,
  ModelMessage,
  ModelProvider,
  ModelRequest,
  ToolCallBlock,
  ToolResultBlock,
  ToolSpec,
} from './provider.js';
import { toolCallsOf } from './provider.js';
import {
  describeIssues,
  recommendationJsonSchema,
  recommendationSchema,
  type Recommendation,
} from './recommendation.js';
import { ProviderError } from './providers/provider-error.js';
import type { ToolCallRecord } from './run-record.js';
import { submitToolName } from './system-prompt.js';

/** Progress of a run, for terminal output; texts may hold attacker data. */
export interface ProgressEvent {
  runId: string;
  offenseId: number;
  kind:
    | 'start'
    | 'model'
    | 'tool'
    | 'recommendation'
    | 'decision'
    | 'note'
    | 'done';
  message: string;
}

/** The end of the model loop: a Recommendation or the reason for stopping. */
export type InvestigationResult =
  | { kind: 'recommendation'; recommendation: Recommendation }
  | { kind: 'budget'; budget: BudgetName }
  | { kind: 'invalid'; detail: string }
  | { kind: 'provider_error'; detail: string; isTransient: boolean };

/** Inputs of the model loop. */
export interface InvestigationOptions {
  client: Client;
  provider: ModelProvider;
  offenseId: number;
  runId: string;
  system: string;
  tools: ToolSpec[];
  firstMessage: ContentBlock[];
  budget: BudgetTracker;
  messages: ModelMessage[];
  toolCalls: ToolCallRecord[];
  usage: { inputTokens: number; outputTokens: number };
  timings: { modelMs: number; toolMs: number };
  now: () => number;
  logger: Logger;
  onProgress: (event: ProgressEvent) => void;
  signal?: AbortSignal | undefined;
  /** Output token cap of one model call; default 4096. */
  maxOutputTokens?: number | undefined;
}

/** Returns the runner-local tool through which a model submits its Recommendation. */
export function submitToolSpec(): ToolSpec {
  return {
    name: submitToolName,
    description:
      'Submit your final Recommendation for the offense. Call it once, after gathering evidence; the runner then makes the one containment call the policy allows.',
    inputSchema: recommendationJsonSchema(),
  };
}

function findJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

function validate(
  value: unknown,
  offenseId: number,
): { recommendation: Recommendation } | { error: string } {
  const parsed = recommendationSchema.safeParse(value);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  if (parsed.data.offense_id !== offenseId) {
    return {
      error: `offense_id: expected ${offenseId}, the offense under triage`,
    };
  }
  return { recommendation: parsed.data };
}

/** Lists tool names with counts, such as "get_offense, run_aql x3". */
function describeCalls(calls: readonly ToolCallBlock[]): string {
  const counts = new Map<string, number>();
  for (const call of calls)
    counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => (count === 1 ? name : `${name} x${count}`))
    .join(', ');
}

function errorResult(call: ToolCallBlock, text: string): ToolResultBlock {
  return {
    type: 'tool_result',
    callId: call.id,
    name: call.name,
    text,
    isError: true,
  };
}

async function runModelToolCall(
  options: InvestigationOptions,
  call: ToolCallBlock,
  args: Record<string, unknown>,
): Promise<ToolResultBlock> {
  const { budget, runId, offenseId } = options;
  const startedMs = options.now();
  const outcome = await callMcpTool(options.client, call.name, args, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    timeoutMs: Math.max(1000, Math.min(budget.remainingMs(), 120_000)),
    now: options.now,
  });
  options.timings.toolMs += outcome.durationMs;
  options.toolCalls.push({
    name: call.name,
    arguments: args,
    isError: outcome.isError,
    durationMs: outcome.durationMs,
    startedMs,
    caller: 'model',
  });
  options.onProgress({
    runId,
    offenseId,
    kind: 'tool',
    message: `${call.name}${outcome.isError ? ' failed' : ''} (${outcome.durationMs} ms)`,
  });
  return {
    type: 'tool_result',
    callId: call.id,
    name: call.name,
    text: outcome.text,
    data: outcome.data,
    isError: outcome.isError,
  };
}

/**
 * Runs the model loop of model turns and read-tool calls through MCP. It
 * ends when the model submits a valid Recommendation, a budget runs out, the
 * model responds invalidly twice or the provider fails. Messages, tool calls
 * and usage are appended to the arrays in `options` as the loop goes.
 */
export async function investigate(
  options: InvestigationOptions,
): Promise<InvestigationResult> {
  const { budget, messages, offenseId, runId } = options;
  const allowed = new Set(options.tools.map((tool) => tool.name));
  const tools = [...options.tools, submitToolSpec()];
  if (messages.length === 0) {
    messages.push({ role: 'user', content: options.firstMessage });
  }
  let invalidAnswers = 0;
  for (;;) {
    const exhausted = budget.beforeTurn();
    if (exhausted !== undefined) return { kind: 'budget', budget: exhausted };
    const request: ModelRequest = {
      system: options.system,
      messages,
      tools,
      maxOutputTokens: options.maxOutputTokens ?? 4096,
      offenseId,
    };
    const modelStarted = options.now();
    let response;
    try {
      response = await options.provider.complete(request, {
        signal: AbortSignal.any([
          ...(options.signal === undefined ? [] : [options.signal]),
          AbortSignal.timeout(Math.max(1, budget.remainingMs())),
        ]),
      });
    } catch (error) {
      if (budget.beforeTurn() === 'wall_time') {
        return { kind: 'budget', budget: 'wall_time' };
      }
      // Rate limits and overloads that outlast the retries are transient;
      // a bad key, a cassette miss or a rejected request is not.
      const code = ProviderError.is(error) ? error.code : 'CONNECTION';
      return {
        kind: 'provider_error',
        detail: (error as Error).message,
        isTransient: [
          'RATE_LIMITED',
          'OVERLOADED',
          'CONNECTION',
          'SERVER',
        ].includes(code),
      };
    } finally {
      options.timings.modelMs += options.now() - modelStarted;
    }
    budget.turns += 1;
    budget.tokens += response.usage.inputTokens + response.usage.outputTokens;
    options.usage.inputTokens += response.usage.inputTokens;
    options.usage.outputTokens += response.usage.outputTokens;
    messages.push({ role: 'assistant', content: response.content });
    const calls = toolCallsOf(response);
    options.onProgress({
      runId,
      offenseId,
      kind: 'model',
      message: `model turn ${budget.turns}: ${calls.length === 0 ? 'final answer' : describeCalls(calls)}`,
    });

    if (calls.length === 0) {
      const text = response.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('\n');
      const checked = validate(findJsonObject(text), offenseId);
      if ('recommendation' in checked) {
        return {
          kind: 'recommendation',
          recommendation: checked.recommendation,
        };
      }
      invalidAnswers += 1;
      if (invalidAnswers >= 2)
        return { kind: 'invalid', detail: checked.error };
      messages.push({
        role: 'user',
        content: [
          {
            type: 'text',
            text: `Your answer is not a valid Recommendation:\n${checked.error}\nCall ${submitToolName} with corrected arguments.`,
          },
        ],
      });
      continue;
    }

    const results: (ToolResultBlock | Promise<ToolResultBlock>)[] = [];
    let recommendation: Recommendation | undefined;
    let lastError = '';
    let budgetStop: BudgetName | undefined;
    for (const call of calls) {
      if (call.name === submitToolName) {
        const checked =
          call.argumentsError === undefined
            ? validate(call.arguments, offenseId)
            : { error: call.argumentsError };
        if ('recommendation' in checked && recommendation === undefined) {
          recommendation = checked.recommendation;
          results.push({
            type: 'tool_result',
            callId: call.id,
            name: call.name,
            text: 'Recommendation accepted.',
            isError: false,
          });
        } else {
          lastError = 'error' in checked ? checked.error : 'submitted twice';
          results.push(
            errorResult(
              call,
              `Invalid Recommendation:\n${lastError}\nCall ${submitToolName} again with corrected arguments.`,
            ),
          );
        }
        continue;
      }
      if (call.argumentsError !== undefined) {
        results.push(
          errorResult(
            call,
            `Invalid arguments for ${call.name}: ${call.argumentsError}. Send a JSON object.`,
          ),
        );
        continue;
      }
      if (!allowed.has(call.name)) {
        results.push(
          errorResult(
            call,
            `Tool ${call.name} not available: use one of ${[...allowed].join(', ')}, then ${submitToolName}.`,
          ),
        );
        continue;
      }
      const stop = budgetStop ?? budget.beforeToolCall();
      if (stop !== undefined) {
        budgetStop = stop;
        results.push(
          errorResult(call, `Budget ${stop} exhausted: no more tool calls.`),
        );
        continue;
      }
      let args = call.arguments;
      if (call.name === 'add_note') {
        if (
          args['offense_id'] !== undefined &&
          args['offense_id'] !== offenseId
        ) {
          results.push(
            errorResult(
              call,
              `add_note may only write to offense ${offenseId}, the offense under triage.`,
            ),
          );
          continue;
        }
        args = { ...args, offense_id: offenseId, run_id: runId };
      }
      budget.toolCalls += 1;
      results.push(runModelToolCall(options, call, args));
    }
    // The calls of one turn run concurrently; the results keep their order.
    const settled = await Promise.all(
      results.map((result) => Promise.resolve(result)),
    );
    messages.push({ role: 'user', content: settled });
    if (recommendation !== undefined)
      return { kind: 'recommendation', recommendation };
    if (budgetStop !== undefined) return { kind: 'budget', budget: budgetStop };
    if (lastError !== '') {
      invalidAnswers += 1;
      if (invalidAnswers >= 2) return { kind: 'invalid', detail: lastError };
    }
    options.logger.debug({ runId, turn: budget.turns }, 'model turn done');
  }
}
