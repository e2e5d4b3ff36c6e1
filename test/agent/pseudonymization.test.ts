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
} from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  anthropicBaseUrl,
  createAnthropicHandlers,
  type AnthropicTurn,
} from '../support/msw-anthropic.js';
import {
  createOpenAiHandlers,
  openAiBaseUrl,
  type OpenAiTurn,
} from '../support/msw-openai.js';
import {
  connectFakeServer,
  createFakeState,
  type FakeState,
} from './support/fake-server.js';

const mockServer = setupServer();

// Every canary contains "canary" or is one of these internal addresses, and
// each sits only in a payload, a note, a description, an asset or an AQL row.
const canaryAddresses = [
  '10.20.30.40',
  '10.20.30.41',
  '10.20.30.42',
  '10.99.88.77',
];

function seed(state: FakeState): void {
  state.offenses.set(7, {
    id: 7,
    description:
      'Login failures for user canarydescuser on host canary-desc-host',
    event_count: 40,
    offense_source: '203.0.113.7',
  });
  state.notes.set(7, [
    {
      id: 1,
      note_text:
        'Spoke with CORP\\canarynoteuser about laptop canary-note-host.corp.example (10.20.30.40)',
      username: 'canaryanalyst',
    },
  ]);
  state.events.set(7, [
    {
      sourceip: '203.0.113.7',
      payload:
        'sshd[311]: Failed password for canarypayuser from 203.0.113.7 port 51122 ssh2',
    },
    {
      sourceip: '203.0.113.7',
      payload:
        'CEF:0|Acme|VPN|1.0|100|login|5|suser=canarycefuser shost=canary-cef-host dst=10.20.30.42 msg=notify canary.mail@corp.example',
    },
  ]);
  state.assets = [
    {
      id: 5,
      interfaces: [{ ip_addresses: [{ value: '10.20.30.41' }] }],
      hostnames: [{ name: 'canary-asset-host.corp.example' }],
      owner: 'canary.owner@corp.example',
      properties: [{ name: 'Business Owner', value: 'Casey Canaryfield' }],
    },
  ];
  state.aqlRows = [
    {
      username: 'canaryaqluser',
      hostname: 'canary-aql-host',
      sourceip: '10.99.88.77',
      eventcount: 3,
    },
    {
      username: 'canaryaqluser',
      hostname: 'canary-aql-host',
      sourceip: '10.99.88.77',
      eventcount: 5,
    },
    {
      username: 'otheruser',
      hostname: 'other-host',
      sourceip: '10.99.88.78',
      eventcount: 1,
    },
  ];
}

interface Row {
  username: string;
  hostname: string;
}

/** The rows of the newest run_aql result the model received. */
type ReadRows = (body: unknown) => Row[];

const readAnthropicRows: ReadRows = (body) => {
  const messages = (
    body as { messages: { content: { type: string; content?: string }[] }[] }
  ).messages;
  const results =
    messages.at(-1)?.content.filter((block) => block.type === 'tool_result') ??
    [];
  const text = results.at(-1)?.content ?? '{}';
  return (JSON.parse(text) as { rows?: Row[] }).rows ?? [];
};

const readOpenAiRows: ReadRows = (body) => {
  const messages = (body as { messages: { role: string; content: string }[] })
    .messages;
  const text =
    messages.filter((message) => message.role === 'tool').at(-1)?.content ??
    '{}';
  return (JSON.parse(text) as { rows?: Row[] }).rows ?? [];
};

interface Step {
  name: string;
  input: Record<string, unknown>;
}

/** Returns the model's plan: gather, query by the user placeholder, then recommend isolating its host. */
function plan(readRows: ReadRows): ((body: unknown) => Step[])[] {
  return [
    () => [
      { name: 'get_offense', input: { offense_id: 7 } },
      { name: 'get_offense_events', input: { offense_id: 7 } },
      { name: 'get_assets', input: { offense_id: 7 } },
      {
        name: 'run_aql',
        input: { query: 'SELECT username, hostname, sourceip FROM events' },
      },
    ],
    (body) => {
      const user = readRows(body)[0]?.username ?? 'missing';
      return [
        {
          name: 'run_aql',
          input: { query: `SELECT * FROM events WHERE username = '${user}'` },
        },
      ];
    },
    (body) => {
      const rows = readRows(body);
      const row = rows[0] ?? { username: 'missing', hostname: 'missing' };
      return [
        {
          name: 'submit_recommendation',
          input: {
            offense_id: 7,
            disposition: 'true_positive',
            action: 'isolate_host',
            target: row.hostname,
            confidence: 0.8,
            attack_stage: 'credential_access',
            severity: 6,
            mitre_techniques: ['T1110'],
            evidence: [
              {
                kind: 'aql',
                ref: 'aql:1',
                excerpt: `${rows.length} rows for ${row.username}`,
              },
            ],
            rationale: `${row.username} on ${row.hostname} matched ${rows.length} rows.`,
            alternatives: [],
          },
        },
      ];
    },
  ];
}

describe('pseudonymization', () => {
  let directory: string;
  let store: Store;
  let state: FakeState;
  let connection: Awaited<ReturnType<typeof connectFakeServer>>;

  beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mockServer.close());

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-pseudonyms-'));
    store = openStore(directory, { logger: createSilentLogger() });
    state = createFakeState();
    seed(state);
    connection = await connectFakeServer(state);
  });

  afterEach(async () => {
    mockServer.resetHandlers();
    await connection.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const cases: {
    vendor: string;
    setup: () => { provider: ModelProvider; bodies: string[] };
  }[] = [
    {
      vendor: 'anthropic',
      setup: () => {
        const turns = plan(readAnthropicRows).map(
          (step) =>
            (body: unknown): AnthropicTurn => ({
              kind: 'tool_use',
              calls: step(body).map((call) => ({
                name: call.name,
                input: call.input,
              })),
            }),
        );
        const { handlers, bodies } = createAnthropicHandlers(turns);
        mockServer.use(...handlers);
        return {
          provider: createAnthropicProvider({
            apiKey: 'sk-ant-test',
            baseUrl: anthropicBaseUrl,
          }),
          bodies,
        };
      },
    },
    {
      vendor: 'openai',
      setup: () => {
        const turns = plan(readOpenAiRows).map(
          (step) =>
            (body: unknown): OpenAiTurn => ({
              kind: 'tool_calls',
              calls: step(body).map((call) => ({
                name: call.name,
                arguments: JSON.stringify(call.input),
              })),
            }),
        );
        const { handlers, bodies } = createOpenAiHandlers(turns);
        mockServer.use(...handlers);
        return {
          provider: createOpenAiProvider({
            apiKey: 'sk-test',
            baseUrl: openAiBaseUrl,
          }),
          bodies,
        };
      },
    },
  ];

  describe.each(cases)('$vendor', ({ setup }) => {
    it('keeps canaries out of requests', async () => {
      const { provider, bodies } = setup();
      await runTriage({
        client: connection.client,
        provider,
        offenseId: 7,
        runs: store.runs,
      });
      expect(bodies).toHaveLength(3);
      for (const body of bodies) {
        expect(body.toLowerCase()).not.toContain('canary');
        for (const address of canaryAddresses)
          expect(body).not.toContain(address);
      }
    });

    it('restores real names for QRadar', async () => {
      const { provider } = setup();
      const result = await runTriage({
        client: connection.client,
        provider,
        offenseId: 7,
        runs: store.runs,
      });
      expect(result.state).toBe('awaiting_approval');
      const approval = state.approvals[0];
      expect(approval?.call.arguments['host']).toBe('canary-aql-host');
      expect(approval?.call.arguments['rationale']).toContain('canaryaqluser');
      const note = state.notes.get(7)?.at(-1)?.note_text ?? '';
      expect(note).toContain('canary-aql-host');
      expect(note).toContain('canaryaqluser');
    });

    it('runs placeholder AQL on real rows', async () => {
      const { provider, bodies } = setup();
      await runTriage({
        client: connection.client,
        provider,
        offenseId: 7,
        runs: store.runs,
      });
      const queries = state.toolCalls.filter((call) => call.name === 'run_aql');
      expect(queries[1]?.arguments['query']).toBe(
        "SELECT * FROM events WHERE username = 'canaryaqluser'",
      );
      expect(state.approvals[0]?.call.arguments['rationale']).toContain(
        'matched 2 rows',
      );
      expect(bodies[2]).toMatch(/USER-\d+/);
    });

    it('can be turned off', async () => {
      const { provider, bodies } = setup();
      await runTriage({
        client: connection.client,
        provider,
        offenseId: 7,
        runs: store.runs,
        pseudonymize: false,
      });
      expect(bodies.join('\n')).toContain('canaryaqluser');
    });
  });
});
