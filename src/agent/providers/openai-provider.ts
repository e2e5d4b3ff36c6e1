import OpenAI from 'openai';

import type {
  CompleteOptions,
  ModelMessage,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  StopReason,
  TextBlock,
  ToolCallBlock,
} from '../provider.js';
import { toProviderError } from './provider-error.js';

/** Model used when `--model` is not given. */
export const defaultOpenAiModel = 'gpt-4.1';

/** Options of the OpenAI provider. */
export interface OpenAiProviderOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  model?: string | undefined;
  /** Per-request timeout in milliseconds; default 120000. */
  timeoutMs?: number;
  now?: () => number;
}

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

function toChatMessages(
  system: string,
  messages: ModelMessage[],
): ChatMessage[] {
  const chat: ChatMessage[] = [{ role: 'system', content: system }];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const text = message.content
        .filter((block): block is TextBlock => block.type === 'text')
        .map((block) => block.text)
        .join('\n');
      const calls = message.content.filter(
        (block): block is ToolCallBlock => block.type === 'tool_call',
      );
      chat.push({
        role: 'assistant',
        content: text === '' ? null : text,
        ...(calls.length === 0
          ? {}
          : {
              tool_calls: calls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: {
                  name: call.name,
                  arguments: JSON.stringify(call.arguments),
                },
              })),
            }),
      });
      continue;
    }
    // Tool messages must directly follow the assistant message that asked.
    for (const block of message.content) {
      if (block.type === 'tool_result') {
        chat.push({
          role: 'tool',
          tool_call_id: block.callId,
          content: block.isError ? `Error: ${block.text}` : block.text,
        });
      }
    }
    const text = message.content
      .filter((block): block is TextBlock => block.type === 'text')
      .map((block) => block.text)
      .join('\n');
    if (text !== '') chat.push({ role: 'user', content: text });
  }
  return chat;
}

function toStopReason(reason: string | null | undefined): StopReason {
  if (reason === 'tool_calls') return 'tool_use';
  if (reason === 'length') return 'max_tokens';
  return 'end_turn';
}

function parseArguments(text: string): {
  arguments: Record<string, unknown>;
  error?: string;
} {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { arguments: value as Record<string, unknown> };
    }
    return { arguments: {}, error: 'the arguments are not a JSON object' };
  } catch (error) {
    return {
      arguments: {},
      error: `the arguments are not valid JSON (${(error as Error).message})`,
    };
  }
}

/** Creates the provider for OpenAI Chat Completions with function tools; the SDK's own retries are off. */
export function createOpenAiProvider(
  options: OpenAiProviderOptions,
): ModelProvider {
  const model = options.model ?? defaultOpenAiModel;
  const now = options.now ?? Date.now;
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
  });
  return {
    name: 'openai',
    model,
    isExternal: true,
    async complete(
      request: ModelRequest,
      callOptions: CompleteOptions = {},
    ): Promise<ModelResponse> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model,
            max_completion_tokens: request.maxOutputTokens,
            messages: toChatMessages(request.system, request.messages),
            tools: request.tools.map((tool) => ({
              type: 'function' as const,
              function: {
                name: tool.name,
                description: tool.description,
                parameters: tool.inputSchema,
              },
            })),
          },
          callOptions.signal === undefined
            ? {}
            : { signal: callOptions.signal },
        );
      } catch (error) {
        throw toProviderError(error, 'openai', now());
      }
      const choice = completion.choices[0];
      const content: (TextBlock | ToolCallBlock)[] = [];
      const text = choice?.message.content;
      if (typeof text === 'string' && text !== '') {
        content.push({ type: 'text', text });
      }
      for (const call of choice?.message.tool_calls ?? []) {
        if (call.type !== 'function') continue;
        const parsed = parseArguments(call.function.arguments);
        content.push({
          type: 'tool_call',
          id: call.id,
          name: call.function.name,
          arguments: parsed.arguments,
          ...(parsed.error === undefined
            ? {}
            : { argumentsError: parsed.error }),
        });
      }
      return {
        content,
        stopReason: toStopReason(choice?.finish_reason),
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        },
        model: completion.model,
      };
    },
  };
}
