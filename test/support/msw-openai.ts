// msw handlers that respond like OpenAI's Chat Completions API
// (POST /v1/chat/completions): function tool calls, final answers, malformed
// arguments, rate limits and overload errors.
import { http, HttpResponse } from 'msw';

/** Base URL the tests give the OpenAI provider; msw intercepts it in-process. */
export const openAiBaseUrl = 'http://127.0.0.1:9/openai/v1';

export type OpenAiTurn =
  | { kind: 'tool_calls'; calls: { name: string; arguments: string }[] }
  | { kind: 'text'; text: string }
  | { kind: 'rate_limited'; retryAfterMs?: number }
  | { kind: 'overloaded' };

let counter = 0;
const nextId = (prefix: string): string => {
  counter += 1;
  return `${prefix}${String(counter).padStart(24, 'x')}`;
};

function completionBody(turn: OpenAiTurn & { kind: 'tool_calls' | 'text' }) {
  const message =
    turn.kind === 'text'
      ? {
          role: 'assistant',
          content: turn.text,
          refusal: null,
          annotations: [],
        }
      : {
          role: 'assistant',
          content: null,
          tool_calls: turn.calls.map((call) => ({
            id: nextId('call_'),
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
          refusal: null,
          annotations: [],
        };
  return {
    id: nextId('chatcmpl-'),
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4.1-2025-04-14',
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: turn.kind === 'text' ? 'stop' : 'tool_calls',
      },
    ],
    usage: {
      prompt_tokens: 1702,
      completion_tokens: 96,
      total_tokens: 1798,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_b3f1157249',
  };
}

/**
 * Creates handlers that respond to each request with the next scripted turn
 * (the last one repeats) and keep every request body as sent.
 */
export function createOpenAiHandlers(
  turns: (OpenAiTurn | ((body: unknown) => OpenAiTurn))[],
) {
  const bodies: string[] = [];
  let index = 0;
  const handler = http.post(
    `${openAiBaseUrl}/chat/completions`,
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
        'x-request-id': nextId('req_'),
        'openai-processing-ms': '812',
      };
      if (turn === undefined || turn.kind === 'overloaded') {
        return HttpResponse.json(
          {
            error: {
              message:
                'The engine is currently overloaded, please try again later.',
              type: 'server_error',
              param: null,
              code: null,
            },
          },
          { status: 503, headers },
        );
      }
      if (turn.kind === 'rate_limited') {
        return HttpResponse.json(
          {
            error: {
              message:
                'Rate limit reached for gpt-4.1 on requests per min (RPM): Limit 500, Used 500, Requested 1.',
              type: 'requests',
              param: null,
              code: 'rate_limit_exceeded',
            },
          },
          {
            status: 429,
            headers: {
              ...headers,
              'retry-after-ms': String(turn.retryAfterMs ?? 1500),
              'x-ratelimit-remaining-requests': '0',
            },
          },
        );
      }
      return HttpResponse.json(completionBody(turn), { headers });
    },
  );
  return { handlers: [handler], bodies };
}
