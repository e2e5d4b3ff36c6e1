import type {
  CompleteOptions,
  ContentBlock,
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../provider.js';
import { Pseudonymizer } from './pseudonymizer.js';

function learnBlock(pseudonymizer: Pseudonymizer, block: ContentBlock): void {
  if (block.type === 'text') {
    pseudonymizer.learn(block.text);
    pseudonymizer.learn(block.data);
  } else if (block.type === 'tool_result') {
    pseudonymizer.learn(block.data);
    pseudonymizer.learn(block.text);
  } else {
    pseudonymizer.learn(block.arguments);
  }
}

function maskBlock(
  pseudonymizer: Pseudonymizer,
  block: ContentBlock,
): ContentBlock {
  // Structured data never leaves the machine: vendors get the masked text.
  if (block.type === 'text') {
    return { type: 'text', text: pseudonymizer.pseudonymizeText(block.text) };
  }
  if (block.type === 'tool_result') {
    return {
      type: 'tool_result',
      callId: block.callId,
      name: block.name,
      text: pseudonymizer.pseudonymizeText(block.text),
      isError: block.isError,
    };
  }
  return {
    ...block,
    arguments: pseudonymizer.pseudonymizeValue(block.arguments) as Record<
      string,
      unknown
    >,
  };
}

/**
 * Wraps a provider so that requests carry placeholders instead of host names,
 * user names, e-mail addresses and internal IPs, and the model's tool
 * arguments and text come back with the real values. The system prompt and
 * tool descriptions come from our code and the server, so they are sent
 * unchanged. The mapping lives as long as the wrapper, which is one run.
 */
export function withPseudonymization(
  provider: ModelProvider,
  pseudonymizer = new Pseudonymizer(),
): ModelProvider {
  return {
    name: provider.name,
    model: provider.model,
    isExternal: provider.isExternal,
    async complete(
      request: ModelRequest,
      options?: CompleteOptions,
    ): Promise<ModelResponse> {
      // Twice: the first pass learns internal domains from any block, the
      // second finds host names under them in blocks read before.
      for (let pass = 0; pass < 2; pass += 1) {
        for (const message of request.messages) {
          for (const block of message.content) learnBlock(pseudonymizer, block);
        }
      }
      const masked: ModelRequest = {
        ...request,
        messages: request.messages.map((message) => ({
          role: message.role,
          content: message.content.map((block) =>
            maskBlock(pseudonymizer, block),
          ),
        })),
      };
      const response = await provider.complete(masked, options);
      return {
        ...response,
        content: response.content.map((block) =>
          block.type === 'text'
            ? { type: 'text', text: pseudonymizer.restoreText(block.text) }
            : {
                ...block,
                arguments: pseudonymizer.restoreValue(
                  block.arguments,
                ) as Record<string, unknown>,
              },
        ),
      };
    },
  };
}
