// A small qradar-mcp look-alike for runner tests: the tool names and result
// shapes of the real server, backed by plain objects.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export interface FakeApproval {
  id: string;
  status: 'pending' | 'approved' | 'denied' | 'expired';
  token?: string;
  call: { name: string; arguments: Record<string, unknown> };
  reason?: string;
}

export interface FakeState {
  offenses: Map<number, Record<string, unknown>>;
  notes: Map<number, { id: number; note_text: string; username: string }[]>;
  events: Map<number, Record<string, unknown>[]>;
  approvals: FakeApproval[];
  gatedCalls: { name: string; arguments: Record<string, unknown> }[];
  toolCalls: { name: string; arguments: Record<string, unknown> }[];
  assets: Record<string, unknown>[];
  aqlRows: Record<string, unknown>[];
  mode: 'monitor' | 'approve' | 'autonomous';
  /** Throw from add_note after writing, once, to simulate a crash. */
  crashAfterNote: boolean;
}

export function createFakeState(): FakeState {
  return {
    offenses: new Map(),
    notes: new Map(),
    events: new Map(),
    approvals: [],
    assets: [],
    aqlRows: [],
    gatedCalls: [],
    toolCalls: [],
    mode: 'approve',
    crashAfterNote: false,
  };
}

const json = (value: unknown) => ({
  content: [{ type: 'text' as const, text: JSON.stringify(value) }],
  structuredContent: value as Record<string, unknown>,
});

const gatedShape = {
  offense_id: z.number().int(),
  rationale: z.string(),
  confidence: z.number(),
  evidence: z.array(
    z.object({ kind: z.string(), ref: z.string(), excerpt: z.string() }),
  ),
  approval_token: z.string().optional(),
};

export function createFakeServer(state: FakeState): McpServer {
  const server = new McpServer({ name: 'fake-qradar-mcp', version: '0.0.0' });
  const record = (name: string, args: Record<string, unknown>) => {
    state.toolCalls.push({ name, arguments: args });
  };

  server.registerTool(
    'list_offenses',
    {
      description: 'List offenses.',
      inputSchema: {
        status: z.string().optional(),
        min_magnitude: z.number().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('list_offenses', args);
      return json({ offenses: [...state.offenses.values()] });
    },
  );
  server.registerTool(
    'get_offense',
    {
      description: 'Get one offense.',
      inputSchema: { offense_id: z.number().int() },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('get_offense', args);
      const offense = state.offenses.get(args.offense_id);
      if (offense === undefined) {
        return {
          isError: true,
          content: [
            {
              type: 'text' as const,
              text: `Offense ${args.offense_id} not found`,
            },
          ],
        };
      }
      return json({ offense, notes: state.notes.get(args.offense_id) ?? [] });
    },
  );
  server.registerTool(
    'get_offense_events',
    {
      description: 'Events of an offense.',
      inputSchema: {
        offense_id: z.number().int(),
        limit: z.number().optional(),
      },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('get_offense_events', args);
      return json({ events: state.events.get(args.offense_id) ?? [] });
    },
  );
  server.registerTool(
    'get_assets',
    {
      description: 'Assets of an offense.',
      inputSchema: { offense_id: z.number().int().optional() },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('get_assets', args);
      return json({ assets: state.assets });
    },
  );
  server.registerTool(
    'run_aql',
    {
      description: 'Run AQL.',
      inputSchema: { query: z.string() },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('run_aql', args);
      // Enough of AQL for the tests: an optional `column = 'value'` filter.
      const filter = /(\w+)\s*=\s*'([^']*)'/.exec(args.query);
      const rows =
        filter === null
          ? state.aqlRows
          : state.aqlRows.filter((row) => row[filter[1] ?? ''] === filter[2]);
      return json({
        status: 'completed',
        columns: Object.keys(state.aqlRows[0] ?? {}),
        rows,
      });
    },
  );
  server.registerTool(
    'get_approval',
    {
      description: 'Read an approval request.',
      inputSchema: { request_id: z.string() },
      annotations: { readOnlyHint: true },
    },
    (args) => {
      record('get_approval', args);
      const approval = state.approvals.find(
        (entry) => entry.id === args.request_id,
      );
      if (approval === undefined) {
        return {
          isError: true,
          content: [{ type: 'text' as const, text: 'not found' }],
        };
      }
      return json({
        status: approval.status,
        ...(approval.status === 'approved' ? { token: approval.token } : {}),
        ...(approval.reason === undefined ? {} : { reason: approval.reason }),
      });
    },
  );
  server.registerTool(
    'add_note',
    {
      description: 'Add a note.',
      inputSchema: {
        offense_id: z.number().int(),
        text: z.string(),
        run_id: z.string().optional(),
      },
    },
    (args) => {
      record('add_note', args);
      const notes = state.notes.get(args.offense_id) ?? [];
      notes.push({
        id: notes.length + 1,
        note_text: args.text,
        username: 'API_token: qradar-mcp',
      });
      state.notes.set(args.offense_id, notes);
      if (state.crashAfterNote) {
        state.crashAfterNote = false;
        throw new Error('simulated crash after the note');
      }
      return json({ note_id: notes.length });
    },
  );
  for (const [name, targetKey] of [
    ['block_ip', 'ip'],
    ['isolate_host', 'host'],
    ['disable_user', 'username'],
  ] as const) {
    server.registerTool(
      name,
      {
        description: `Gated ${name}.`,
        inputSchema: { ...gatedShape, [targetKey]: z.string() },
        annotations: { destructiveHint: true },
      },
      (args: Record<string, unknown>) => {
        record(name, args);
        state.gatedCalls.push({ name, arguments: args });
        const token = args['approval_token'];
        if (typeof token === 'string') {
          const approval = state.approvals.find(
            (entry) => entry.token === token,
          );
          if (approval === undefined)
            return json({ decision: 'denied', rule: 'token:invalid' });
          return json({
            decision: 'executed',
            rule: 'approval',
            action_id: 'act_1',
            verification: 'listed',
          });
        }
        if (state.mode === 'monitor') {
          return json({
            decision: 'denied',
            rule: 'mode:monitor',
            would_be: 'approval_required',
          });
        }
        const { approval_token: _ignored, ...call } = args;
        const id = `apr_${state.approvals.length + 1}`;
        state.approvals.push({
          id,
          status: 'pending',
          call: { name, arguments: call },
        });
        return json({
          decision: 'approval_required',
          rule: 'mode:approve',
          request_id: id,
        });
      },
    );
  }
  server.registerResource(
    'policy',
    'qradar://policy',
    { mimeType: 'application/json' },
    (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify({
            mode: state.mode,
            roles: [],
            networks: {
              internal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
            },
          }),
        },
      ],
    }),
  );
  return server;
}

export async function connectFakeServer(
  state: FakeState,
): Promise<{ client: Client; close: () => Promise<void> }> {
  const server = createFakeServer(state);
  const [clientTransport, serverTransport] =
    InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'test-runner', version: '0.0.0' });
  await client.connect(clientTransport);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
