// msw handlers that respond like Anthropic's Messages API (POST /v1/messages):
// tool-use turns, final answers, rate limits and overload errors, with the
// body shapes and headers the API documents.
import { http, HttpResponse } from 'msw';

/** Base URL the tests give the Anthropic provider; msw intercepts it in-process. */
export const anthropicBaseUrl = 'http://127.0.0.1:9/anthropic';

export type AnthropicTurn =
  | {
      kind: 'tool_use';
      calls: { name: string; input: unknown }[];
      text?: string;
    }
  | { kind: 'text'; text: string }
  | { kind: 'rate_limited'; retryAfterS?: number }
  | { kind: 'overloaded' };

let counter = 0;
const nextId = (prefix: string): string => {
  counter += 1;
  return `${prefix}_01${String(counter).padStart(22, 'A')}`;
};

function messageBody(turn: AnthropicTurn & { kind: 'tool_use' | 'text' }) {
  const content =
    turn.kind === 'text'
      ? [{ type: 'text', text: turn.text }]
      : [
          ...(turn.text === undefined
            ? []
            : [{ type: 'text', text: turn.text }]),
          ...turn.calls.map((call) => ({
            type: 'tool_use',
            id: nextId('toolu'),
            name: call.name,
            input: call.input,
          })),
        ];
  return {
    id: nextId('msg'),
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content,
    stop_reason: turn.kind === 'text' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: {
      input_tokens: 1834,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 112,
      service_tier: 'standard',
    },
  };
}

/**
 * Creates handlers that respond to each request with the next scripted turn
 * (the last one repeats) and keep every request body as sent.
 */
export function createAnthropicHandlers(
  turns: (AnthropicTurn | ((body: unknown) => AnthropicTurn))[],
) {
  const bodies: string[] = [];
  let index = 0;
  const handler = http.post(
    `${anthropicBaseUrl}/v1/messages`,
    async ({ request }) => {
      const text = await request.text();
      bodies.push(text);
      const scripted = turns[Math.min(index, turns.length - 1)];
      const turn =
        typeof scripted === 'function'
          ? scripted(JSON.parse(text) as unknown)
          : scripted;
      index += 1;
      const headers = {
        'request-id': nextId('req'),
        'anthropic-organization-id': '00000000-0000-0000-0000-000000000000',
      };
      if (turn === undefined || turn.kind === 'overloaded') {
        return HttpResponse.json(
          {
            type: 'error',
            error: { type: 'overloaded_error', message: 'Overloaded' },
            request_id: headers['request-id'],
          },
          { status: 529, headers },
        );
      }
      if (turn.kind === 'rate_limited') {
        return HttpResponse.json(
          {
            type: 'error',
            error: {
              type: 'rate_limit_error',
              message:
                'This request would exceed the rate limit for your organization of 50 requests per minute.',
            },
            request_id: headers['request-id'],
          },
          {
            status: 429,
            headers: {
              ...headers,
              'retry-after': String(turn.retryAfterS ?? 2),
            },
          },
        );
      }
      return HttpResponse.json(messageBody(turn), { headers });
    },
  );
  return { handlers: [handler], bodies };
}
