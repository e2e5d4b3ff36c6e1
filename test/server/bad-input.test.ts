import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testOffenses } from '../support/mcp-cases.js';
import {
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

const gated = {
  offense_id: testOffenses.main,
  rationale: 'Because the events show it.',
  confidence: 0.9,
  evidence: [{ kind: 'event', ref: 'event:501-1', excerpt: 'x' }],
};

const huge = 'A'.repeat(100_000);

// [tool, threat or mistake, arguments, text the error must contain]
const badCalls: [string, string, Record<string, unknown>, string][] = [
  ['list_offenses', 'zero limit', { limit: 0 }, 'Invalid limit 0'],
  ['list_offenses', 'string limit', { limit: 'ten' }, 'Invalid limit "ten"'],
  ['list_offenses', 'unknown status', { status: 'BOGUS' }, 'expected one of'],
  ['list_offenses', 'non-numeric cursor', { cursor: 'abc' }, 'Invalid cursor'],
  [
    'list_offenses',
    'unparseable since',
    { since: 'yesterday' },
    'Invalid since',
  ],
  ['list_offenses', 'unknown field', { extra: 1 }, 'unknown field "extra"'],
  ['find_offenses', 'no indicator', {}, 'exactly one of'],
  ['find_offenses', 'CIDR as ip', { ip: '10.0.0.0/8' }, 'Invalid ip'],
  ['find_offenses', 'huge hostname', { hostname: huge }, 'Invalid hostname'],
  [
    'get_offense',
    'string offense id',
    { offense_id: '501' },
    'Invalid offense_id "501"',
  ],
  ['get_offense', 'negative offense id', { offense_id: -1 }, 'at least 1'],
  [
    'get_offense',
    'fractional offense id',
    { offense_id: 1.5 },
    'expected an integer',
  ],
  [
    'get_offense',
    'unknown offense id',
    { offense_id: 999_999 },
    'Offense 999999 not found',
  ],
  [
    'get_offense_events',
    'limit too high',
    { offense_id: 501, limit: 10_000 },
    'Invalid limit',
  ],
  [
    'get_offense_events',
    'AQL in fields',
    { offense_id: 501, fields: ['payload; DROP'] },
    'Invalid fields[0]',
  ],
  [
    'get_offense_events',
    'unknown offense id',
    { offense_id: 999_999 },
    'not found',
  ],
  [
    'get_assets',
    'octal ip',
    { ips: ['010.0.0.1'] },
    'octal forms are not accepted',
  ],
  [
    'get_assets',
    'too many ips',
    { ips: Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`) },
    'at most 20 items',
  ],
  ['get_assets', 'unknown offense id', { offense_id: 999_999 }, 'not found'],
  ['check_reference_sets', 'no values', { values: [] }, 'at least 1 items'],
  [
    'check_reference_sets',
    'huge value',
    { values: [huge] },
    'at most 255 characters',
  ],
  [
    'run_aql',
    'AQL with second statement',
    { query: 'SELECT * FROM events LAST 1 HOURS; DROP TABLE events' },
    'only',
  ],
  [
    'run_aql',
    'AQL without time window',
    { query: 'SELECT * FROM events' },
    'time clause',
  ],
  ['run_aql', 'huge query', { query: huge }, 'at most 4000 characters'],
  [
    'add_note',
    'note over the cap',
    { offense_id: 501, text: 'x'.repeat(1501) },
    'at most 1500 characters',
  ],
  ['add_note', 'empty note', { offense_id: 501, text: '' }, 'Invalid text'],
  [
    'add_note',
    'run id with spaces',
    { offense_id: 501, text: 'ok', run_id: 'bad id!' },
    'Invalid run_id',
  ],
  [
    'add_note',
    'unknown offense id',
    { offense_id: 999_999, text: 'hi' },
    'not found',
  ],
  [
    'update_offense',
    'close without reason',
    { ...gated, status: 'CLOSED' },
    'closing_reason',
  ],
  [
    'update_offense',
    'unknown closing reason',
    { ...gated, status: 'CLOSED', closing_reason: 'Nope' },
    'Closing reason "Nope" not found',
  ],
  [
    'update_offense',
    'no change',
    { ...gated },
    'pass status, assigned_to or both',
  ],
  [
    'update_offense',
    'unknown offense id',
    { ...gated, offense_id: 999_999, assigned_to: 'analyst1' },
    'not found',
  ],
  ['block_ip', 'octal ip', { ...gated, ip: '010.0.0.1' }, 'Invalid ip'],
  ['block_ip', 'integer ip', { ...gated, ip: '3405803783' }, 'Invalid ip'],
  ['block_ip', 'hexadecimal ip', { ...gated, ip: '0xcb007107' }, 'Invalid ip'],
  ['block_ip', 'CIDR', { ...gated, ip: '203.0.113.0/24' }, 'Invalid ip'],
  ['block_ip', 'loopback', { ...gated, ip: '127.0.0.1' }, 'Invalid ip'],
  ['block_ip', 'IPv6 loopback', { ...gated, ip: '::1' }, 'Invalid ip'],
  ['block_ip', 'multicast', { ...gated, ip: '224.0.0.1' }, 'Invalid ip'],
  ['block_ip', 'link-local', { ...gated, ip: '169.254.10.1' }, 'Invalid ip'],
  ['block_ip', 'zero network', { ...gated, ip: '0.0.0.0' }, 'Invalid ip'],
  [
    'block_ip',
    'confidence above 1',
    { ...gated, ip: '203.0.113.7', confidence: 1.5 },
    'Invalid confidence 1.5',
  ],
  [
    'block_ip',
    'evidence not a list',
    { ...gated, ip: '203.0.113.7', evidence: 'trust me' },
    'Invalid evidence',
  ],
  [
    'block_ip',
    'huge rationale',
    { ...gated, ip: '203.0.113.7', rationale: huge },
    'at most 2000 characters',
  ],
  [
    'block_ip',
    'unknown offense id',
    { ...gated, ip: '203.0.113.7', offense_id: 999_999 },
    'not found',
  ],
  [
    'block_ip',
    'two addresses',
    { ...gated, ip: '203.0.113.7,203.0.113.8' },
    'Invalid ip',
  ],
  [
    'isolate_host',
    'host name with spaces',
    { ...gated, host: 'bad host name!' },
    'Invalid host',
  ],
  ['isolate_host', 'loopback host', { ...gated, host: '127.0.0.1' }, 'Invalid'],
  ['isolate_host', 'CIDR host', { ...gated, host: '10.0.0.0/8' }, 'Invalid'],
  [
    'disable_user',
    'user with spaces',
    { ...gated, username: 'a b' },
    'Invalid username',
  ],
  [
    'disable_user',
    'user with control character',
    { ...gated, username: 'x\u0000y' },
    'Invalid username',
  ],
  [
    'disable_user',
    'empty user',
    { ...gated, username: '' },
    'Invalid username',
  ],
  [
    'get_approval',
    'malformed request id',
    { request_id: 'bad id!' },
    'Invalid request_id',
  ],
  [
    'get_approval',
    'unknown request id',
    { request_id: 'apr_000000000000' },
    'not found',
  ],
  ['list_actions', 'zero limit', { limit: 0 }, 'Invalid limit'],
  [
    'rollback_action',
    'malformed action id',
    { ...gated, action_id: 'bad id!' },
    'Invalid action_id',
  ],
  [
    'rollback_action',
    'unknown action id',
    { ...gated, action_id: 'act_000000000000' },
    'not found',
  ],
];

describe('tool input validation', () => {
  let harness: McpHarness;
  let auditRows: number;
  let notes: number;

  beforeAll(async () => {
    harness = await startMcpHarness({ mode: 'autonomous' });
    auditRows = (await harness.store.audit.list()).length;
    notes = harness.simulator.state.notes(testOffenses.main).length;
  });

  afterAll(async () => {
    await harness.close();
  });

  it('covers every tool', async () => {
    const { tools } = await harness.client.listTools();
    const covered = new Set(badCalls.map(([tool]) => tool));
    expect(
      tools.map((tool) => tool.name).filter((name) => !covered.has(name)),
    ).toEqual([]);
  });

  // Writes that could change state. A POST for an unknown offense gets a
  // 404 and changes nothing, so it does not count.
  const writes = (): number =>
    harness.simulator.requests.filter(
      (request) =>
        request.method !== 'GET' &&
        !request.path.startsWith('/api/ariel/') &&
        !request.path.includes('/999999'),
    ).length;

  it.each(badCalls)('%s rejects %s', async (tool, _threat, args, message) => {
    const writesBefore = writes();
    const result = await harness.call(tool, args);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain(message);
    expect(text.length).toBeLessThan(2000);
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.structuredContent?.['error']).toMatchObject({
      code: expect.any(String),
    });
    expect(writes()).toBe(writesBefore);
  });

  it('changes no state on bad input', async () => {
    expect((await harness.store.audit.list()).length).toBe(auditRows);
    expect(harness.simulator.state.notes(testOffenses.main)).toHaveLength(
      notes,
    );
    expect(await harness.store.actions.list()).toEqual([]);
    expect(await harness.store.approvals.list()).toEqual([]);
  });

  it('answers an unknown tool with a protocol error', async () => {
    const call = harness.client.callTool({
      name: 'drop_all_offenses',
      arguments: {},
    });
    await expect(call).rejects.toBeInstanceOf(McpError);
    await expect(call).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
  });

  it('hides a token value in errors', async () => {
    const token = 'eyJhbGciOiJFZERTQSJ9.secret-looking-token';
    const result = await harness.call('block_ip', {
      ...gated,
      ip: '203.0.113.7',
      approval_token: 42,
      extra_token: token,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Invalid approval_token (value hidden)');
    expect(textOf(result)).not.toContain(token);
  });
});
