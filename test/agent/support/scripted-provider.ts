import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
  TextBlock,
  ToolCallBlock,
} from '../../../src/agent/index.js';

export type Script = (
  request: ModelRequest,
  turn: number,
) => ModelResponse | Promise<ModelResponse>;

export function toolTurn(
  calls: { name: string; arguments: Record<string, unknown> }[],
  turn = 0,
): ModelResponse {
  return {
    content: calls.map((call, index): ToolCallBlock => ({
      type: 'tool_call',
      id: `call_${turn}_${index}`,
      name: call.name,
      arguments: call.arguments,
    })),
    stopReason: 'tool_use',
    usage: { inputTokens: 100, outputTokens: 20 },
    model: 'scripted',
  };
}

export function textTurn(text: string): ModelResponse {
  const block: TextBlock = { type: 'text', text };
  return {
    content: [block],
    stopReason: 'end_turn',
    usage: { inputTokens: 100, outputTokens: 20 },
    model: 'scripted',
  };
}

export function createScriptedProvider(script: Script): ModelProvider & {
  requests: ModelRequest[];
} {
  const requests: ModelRequest[] = [];
  return {
    name: 'scripted',
    model: 'scripted',
    isExternal: false,
    requests,
    complete(request) {
      requests.push(structuredClone(request));
      return Promise.resolve(script(request, requests.length - 1));
    },
  };
}
