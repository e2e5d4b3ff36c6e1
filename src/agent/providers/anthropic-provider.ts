import Anthropic from '@anthropic-ai/sdk';

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
export const defaultAnthropicModel = 'claude-sonnet-4-5';

/** Options of the Anthropic provider. */
export interface AnthropicProviderOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  model?: string | undefined;
  /** Per-request timeout in milliseconds; default 120000. */
  timeoutMs?: number;
  now?: () => number;
}

function toAnthropicMessages(
  messages: ModelMessage[],
): Anthropic.MessageParam[] {
  return messages.map((message) => {
    const content: Anthropic.ContentBlockParam[] = [];
    // The Messages API wants tool results before any text in a user turn.
    for (const block of message.content) {
      if (block.type === 'tool_result') {
        content.push({
          type: 'tool_result',
          tool_use_id: block.callId,
          content: block.text,
          is_error: block.isError,
        });
      }
    }
    for (const block of message.content) {
      if (block.type === 'text')
        content.push({ type: 'text', text: block.text });
      else if (block.type === 'tool_call') {
        content.push({
          type: 'tool_use',
          id: block.id,
          name: block.name,
          input: block.arguments,
        });
      }
    }
    return { role: message.role, content };
  });
}

function toStopReason(reason: string | null): StopReason {
  if (reason === 'tool_use') return 'tool_use';
  if (reason === 'max_tokens') return 'max_tokens';
  return 'end_turn';
}

/** Creates the provider for Anthropic's Messages API with tool use; the SDK's own retries are off. */
export function createAnthropicProvider(
  options: AnthropicProviderOptions,
): ModelProvider {
  const model = options.model ?? defaultAnthropicModel;
  const now = options.now ?? Date.now;
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
  });
  return {
    name: 'anthropic',
    model,
    isExternal: true,
    async complete(
      request: ModelRequest,
      callOptions: CompleteOptions = {},
    ): Promise<ModelResponse> {
      let message: Anthropic.Message;
      try {
        message = await client.messages.create(
          {
            model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: toAnthropicMessages(request.messages),
            tools: request.tools.map((tool) => ({
              name: tool.name,
              description: tool.description,
              input_schema: {
                ...tool.inputSchema,
                type: 'object',
              },
            })),
          },
          callOptions.signal === undefined
            ? {}
            : { signal: callOptions.signal },
        );
      } catch (error) {
        throw toProviderError(error, 'anthropic', now());
      }
      const content: (TextBlock | ToolCallBlock)[] = [];
      for (const block of message.content) {
        if (block.type === 'text') {
          content.push({ type: 'text', text: block.text });
        } else if (block.type === 'tool_use') {
          const input = block.input;
          const isObject =
            typeof input === 'object' &&
            input !== null &&
            !Array.isArray(input);
          content.push({
            type: 'tool_call',
            id: block.id,
            name: block.name,
            arguments: isObject ? (input as Record<string, unknown>) : {},
            ...(isObject
              ? {}
              : { argumentsError: 'the tool input is not a JSON object' }),
          });
        }
      }
      return {
        content,
        stopReason: toStopReason(message.stop_reason),
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
        },
        model: message.model,
      };
    },
  };
}
