import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { setupServer } from 'msw/node';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';

import {
  createAnthropicProvider,
  createOpenAiProvider,
  runTriage,
  type ModelProvider,
  type Recommendation,
} from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  anthropicBaseUrl,
  createAnthropicHandlers,
} from '../support/msw-anthropic.js';
import { createOpenAiHandlers, openAiBaseUrl } from '../support/msw-openai.js';
import {
  connectFakeServer,
  createFakeState,
  type FakeState,
} from './support/fake-server.js';

const mockServer = setupServer();

interface AnthropicBody {
  messages: {
    role: string;
    content: {
      type: string;
      id?: string;
      tool_use_id?: string;
      content?: string;
      is_error?: boolean;
    }[];
  }[];
  tools: { input_schema: { type: string } }[];
}

interface OpenAiBody {
  messages: {
    role: string;
    content?: string;
    tool_call_id?: string;
    tool_calls?: { id: string }[];
  }[];
  tools: { type: string }[];
}

const parseAnthropic = (body: string | undefined): AnthropicBody =>
  JSON.parse(body ?? '{}') as AnthropicBody;
const parseOpenAi = (body: string | undefined): OpenAiBody =>
  JSON.parse(body ?? '{}') as OpenAiBody;

const recommendation: Recommendation = {
  offense_id: 7,
  disposition: 'true_positive',
  action: 'block_ip',
  target: '203.0.113.7',
  confidence: 0.88,
  attack_stage: 'credential_access',
  severity: 7,
  mitre_techniques: ['T1110.003'],
  evidence: [{ kind: 'event', ref: 'event:1', excerpt: 'Login failed x40' }],
  rationale: 'Password spraying from one external address.',
  alternatives: [],
};

describe('model providers', () => {
  let directory: string;
  let store: Store;
  let state: FakeState;
  let connection: Awaited<ReturnType<typeof connectFakeServer>>;
  let sleeps: number[];

  beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mockServer.close());

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-providers-'));
    store = openStore(directory, { logger: createSilentLogger() });
    state = createFakeState();
    state.offenses.set(7, {
      id: 7,
      description: 'Login failures',
      event_count: 40,
    });
    connection = await connectFakeServer(state);
    sleeps = [];
  });

  afterEach(async () => {
    mockServer.resetHandlers();
    await connection.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const triage = (provider: ModelProvider) =>
    runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      retry: {
        sleep: (milliseconds) => {
          sleeps.push(milliseconds);
          return Promise.resolve();
        },
        random: () => 0.5,
      },
    });

  const anthropic = () =>
    createAnthropicProvider({
      apiKey: 'sk-ant-test',
      baseUrl: anthropicBaseUrl,
    });
  const openai = () =>
    createOpenAiProvider({ apiKey: 'sk-test', baseUrl: openAiBaseUrl });

  describe('anthropic', () => {
    it('runs tool use turns to decision', async () => {
      const { handlers, bodies } = createAnthropicHandlers([
        {
          kind: 'tool_use',
          text: 'Looking at the offense.',
          calls: [{ name: 'get_offense', input: { offense_id: 7 } }],
        },
        {
          kind: 'tool_use',
          calls: [{ name: 'submit_recommendation', input: recommendation }],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(anthropic());
      expect(result.state).toBe('awaiting_approval');
      expect(state.gatedCalls[0]?.arguments['ip']).toBe('203.0.113.7');
      expect(result.usage.inputTokens).toBe(2 * 1834);
      expect(result.usage.costUsd).toBeGreaterThan(0);
      const second = parseAnthropic(bodies[1]);
      const toolUse = second.messages[1]?.content.find(
        (block) => block.type === 'tool_use',
      );
      const toolResult = second.messages[2]?.content[0];
      expect(toolResult?.type).toBe('tool_result');
      expect(toolResult?.tool_use_id).toBe(toolUse?.id);
      expect(second.tools[0]?.input_schema.type).toBe('object');
    });

    it('retries 429 after Retry-After', async () => {
      const { handlers, bodies } = createAnthropicHandlers([
        { kind: 'rate_limited', retryAfterS: 2 },
        {
          kind: 'tool_use',
          calls: [{ name: 'submit_recommendation', input: recommendation }],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(anthropic());
      expect(bodies).toHaveLength(2);
      expect(sleeps).toEqual([2000]);
      expect(result.state).toBe('awaiting_approval');
    });

    it('retries 529 overloaded with backoff', async () => {
      const { handlers, bodies } = createAnthropicHandlers([
        { kind: 'overloaded' },
        {
          kind: 'tool_use',
          calls: [{ name: 'submit_recommendation', input: recommendation }],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(anthropic());
      expect(bodies).toHaveLength(2);
      expect(sleeps).toEqual([1000]);
      expect(result.state).toBe('awaiting_approval');
    });

    it('stops safely on persistent overload', async () => {
      const { handlers, bodies } = createAnthropicHandlers([
        { kind: 'overloaded' },
      ]);
      mockServer.use(...handlers);
      const result = await triage(anthropic());
      expect(bodies).toHaveLength(4);
      expect(result.state).toBe('escalated');
      expect(result.outcome.stopReason).toBe('provider_error');
      expect(state.gatedCalls).toHaveLength(0);
      expect(state.notes.get(7)?.[0]?.note_text).toContain('escalate');
    });

    it('stops safely on malformed recommendations', async () => {
      const { handlers, bodies } = createAnthropicHandlers([
        {
          kind: 'tool_use',
          calls: [
            {
              name: 'submit_recommendation',
              input: { ...recommendation, attack_stage: 'pwned' },
            },
          ],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(anthropic());
      expect(bodies).toHaveLength(2);
      const retry = parseAnthropic(bodies[1]);
      const feedback = retry.messages.at(-1)?.content[0];
      expect(feedback?.is_error).toBe(true);
      expect(feedback?.content).toContain('attack_stage');
      expect(result.outcome.stopReason).toBe('invalid_recommendation');
      expect(state.gatedCalls).toHaveLength(0);
    });
  });

  describe('openai', () => {
    it('runs function tool turns to decision', async () => {
      const { handlers, bodies } = createOpenAiHandlers([
        {
          kind: 'tool_calls',
          calls: [{ name: 'get_offense', arguments: '{"offense_id":7}' }],
        },
        {
          kind: 'tool_calls',
          calls: [
            {
              name: 'submit_recommendation',
              arguments: JSON.stringify(recommendation),
            },
          ],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(openai());
      expect(result.state).toBe('awaiting_approval');
      const second = parseOpenAi(bodies[1]);
      expect(second.messages[0]?.role).toBe('system');
      const assistant = second.messages.find(
        (message) => message.role === 'assistant',
      );
      const tool = second.messages.find((message) => message.role === 'tool');
      expect(tool?.tool_call_id).toBe(assistant?.tool_calls?.[0]?.id);
      expect(second.tools[0]?.type).toBe('function');
    });

    it('returns malformed arguments as tool error', async () => {
      const { handlers, bodies } = createOpenAiHandlers([
        {
          kind: 'tool_calls',
          calls: [{ name: 'get_offense', arguments: '{"offense_id": 7' }],
        },
        {
          kind: 'tool_calls',
          calls: [
            {
              name: 'submit_recommendation',
              arguments: JSON.stringify(recommendation),
            },
          ],
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(openai());
      const second = parseOpenAi(bodies[1]);
      const tool = second.messages.find((message) => message.role === 'tool');
      expect(tool?.content).toContain('not valid JSON');
      expect(
        result.outcome.toolCalls.filter((call) => call.caller === 'model'),
      ).toHaveLength(0);
      expect(result.state).toBe('awaiting_approval');
    });

    it('accepts recommendation as final text', async () => {
      const { handlers } = createOpenAiHandlers([
        {
          kind: 'text',
          text: `Here it is:\n${JSON.stringify(recommendation)}`,
        },
      ]);
      mockServer.use(...handlers);
      const result = await triage(openai());
      expect(result.state).toBe('awaiting_approval');
    });

    it('retries 429 after retry-after-ms', async () => {
      const { handlers, bodies } = createOpenAiHandlers([
        { kind: 'rate_limited', retryAfterMs: 1500 },
        {
          kind: 'tool_calls',
          calls: [
            {
              name: 'submit_recommendation',
              arguments: JSON.stringify(recommendation),
            },
          ],
        },
      ]);
      mockServer.use(...handlers);
      await triage(openai());
      expect(bodies).toHaveLength(2);
      expect(sleeps).toEqual([1500]);
    });

    it('stops safely on persistent overload', async () => {
      const { handlers, bodies } = createOpenAiHandlers([
        { kind: 'overloaded' },
      ]);
      mockServer.use(...handlers);
      const result = await triage(openai());
      expect(bodies).toHaveLength(4);
      expect(sleeps).toEqual([1000, 2000, 4000]);
      expect(result.state).toBe('escalated');
      expect(state.gatedCalls).toHaveLength(0);
    });
  });
});
