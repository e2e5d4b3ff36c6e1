import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import { z } from 'zod';

import type {
  CompleteOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../provider.js';
import { requestKey } from './canonical-request.js';
import { ProviderError } from './provider-error.js';

const responseSchema = z.object({
  content: z.array(
    z.union([
      z.object({ type: z.literal('text'), text: z.string() }),
      z.object({
        type: z.literal('tool_call'),
        id: z.string(),
        name: z.string(),
        arguments: z.record(z.string(), z.unknown()),
        argumentsError: z.string().optional(),
      }),
    ]),
  ),
  stopReason: z.enum(['tool_use', 'end_turn', 'max_tokens']),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
  model: z.string(),
});

const cassetteSchema = z.object({
  generated: z.string().optional(),
  provider: z.string(),
  model: z.string(),
  /** Whether the recorded requests were pseudonymized; replay does the same. */
  pseudonymized: z.boolean().default(false),
  entries: z.array(
    z.object({
      key: z.string(),
      request: z.unknown(),
      response: responseSchema,
    }),
  ),
});

/** One cassette file: recorded model turns keyed by canonical request. */
export type Cassette = z.infer<typeof cassetteSchema>;

/** Marker stored in every cassette; generated files are not edited by hand. */
export const cassetteMarker =
  'Generated: model turns recorded by qradar-mcp (withRecording); do not edit.';

/** Reads and validates one cassette file. */
export function readCassette(path: string): Cassette {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProviderError(
      'CASSETTE_MISS',
      `Failed to read cassette ${path}: ${(error as Error).message}. Record it again with --record-cassette.`,
    );
  }
  const result = cassetteSchema.safeParse(parsed);
  if (!result.success) {
    throw new ProviderError(
      'CASSETTE_MISS',
      `Invalid cassette ${path}: ${result.error.issues[0]?.message ?? 'unknown shape'}. Record it again with --record-cassette.`,
    );
  }
  return result.data;
}

function cassettePaths(location: string): string[] {
  if (location.endsWith('.json')) return [location];
  if (!existsSync(location)) return [];
  return readdirSync(location)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(location, name));
}

/**
 * Creates the replay provider, which responds to each request with the
 * recorded turn whose canonical request matches. A request with no
 * recording is an error (ProviderError CASSETTE_MISS), never a guess.
 * `location` is one cassette file or a folder of them.
 */
export function createReplayProvider(options: {
  location: string;
}): ModelProvider {
  const entries = new Map<string, ModelResponse>();
  let model = 'replay';
  let pseudonymized = false;
  for (const path of cassettePaths(options.location)) {
    const cassette = readCassette(path);
    model = cassette.model;
    pseudonymized ||= cassette.pseudonymized;
    for (const entry of cassette.entries) {
      entries.set(entry.key, entry.response as ModelResponse);
    }
  }
  return {
    name: 'replay',
    model,
    // Requests must be pseudonymized as they were when recorded, or no key matches.
    isExternal: pseudonymized,
    complete(request: ModelRequest): Promise<ModelResponse> {
      const key = requestKey(request);
      const response = entries.get(key);
      if (response === undefined) {
        return Promise.reject(
          new ProviderError(
            'CASSETTE_MISS',
            `Failed to replay the model call: no recorded turn for request ${key.slice(0, 12)} (turn ${request.messages.length}) in ${options.location}. Record the case again with --record-cassette.`,
          ),
        );
      }
      return Promise.resolve(structuredClone(response));
    },
  };
}

/**
 * Summarizes a request for a cassette entry: the turn and the tools whose
 * results it carries. The key alone identifies the request, and the summary
 * shows a reader which turn an entry belongs to without the tool results.
 */
function describeRequest(request: ModelRequest): Record<string, unknown> {
  const last = request.messages.at(-1);
  return {
    turn:
      request.messages.filter((message) => message.role === 'assistant')
        .length + 1,
    results: (last?.content ?? [])
      .filter((block) => block.type === 'tool_result')
      .map((block) => block.name),
  };
}

/**
 * Wraps a provider so that every completed request is appended to a
 * cassette file. The file is written after each call, so an interrupted run
 * keeps its turns.
 */
export function withRecording(
  provider: ModelProvider,
  path: string,
  options: { pseudonymized: boolean },
): ModelProvider {
  const cassette: Cassette = existsSync(path)
    ? readCassette(path)
    : {
        generated: cassetteMarker,
        provider: provider.name,
        model: provider.model,
        pseudonymized: options.pseudonymized,
        entries: [],
      };
  return {
    name: provider.name,
    model: provider.model,
    isExternal: provider.isExternal,
    async complete(
      request: ModelRequest,
      options?: CompleteOptions,
    ): Promise<ModelResponse> {
      const response = await provider.complete(request, options);
      const key = requestKey(request);
      if (!cassette.entries.some((entry) => entry.key === key)) {
        cassette.entries.push({
          key,
          request: describeRequest(request),
          response,
        });
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${JSON.stringify(cassette, null, 2)}\n`);
      }
      return response;
    },
  };
}
