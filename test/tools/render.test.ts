import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { untrustedHeading } from '../../tools/shared/render.js';
import {
  injectionText,
  testOffenses,
  testTargets,
} from '../support/mcp-cases.js';
import {
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

// One example call per tool. The text content is what a vendor model reads,
// so it must be plain text with the key fields, never the structured JSON.

const gated = {
  offense_id: testOffenses.main,
  rationale: 'Password spraying from one external address.',
  confidence: 0.9,
  evidence: [{ kind: 'event', ref: 'event:501-1', excerpt: 'VPN login' }],
};

let harness: McpHarness;
let blockRequestId: string;
let blockToken: string;
let blockActionId: string;
let pendingTokenRequestId: string;
let pendingToken: string;

beforeAll(async () => {
  harness = await startMcpHarness();
  const requested = await harness.call('block_ip', {
    ...gated,
    ip: testTargets.ip.other,
  });
  blockRequestId = String(requested.structuredContent?.['request_id']);
  await harness.approve(blockRequestId);
  blockToken = await harness.token(blockRequestId);
  const executed = await harness.call('block_ip', {
    ...gated,
    ip: testTargets.ip.other,
    approval_token: blockToken,
  });
  blockActionId = String(executed.structuredContent?.['action_id']);
  const disable = await harness.call('disable_user', {
    ...gated,
    username: testTargets.user.other,
  });
  pendingTokenRequestId = String(disable.structuredContent?.['request_id']);
  await harness.approve(pendingTokenRequestId);
  pendingToken = await harness.token(pendingTokenRequestId);
});

afterAll(async () => {
  await harness.close();
});

/** Text content without the resource links that createServer appends. */
function textContent(result: CallToolResult): string {
  return textOf(result).trim();
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

type Example = [
  tool: string,
  args: () => Record<string, unknown>,
  expected: () => (string | RegExp)[],
];

const examples: Example[] = [
  [
    'list_offenses',
    () => ({}),
    () => [
      '2 offenses returned of 2, newest first.',
      /- offense 501: OPEN, magnitude 6, severity 6, type Source IP, 9 events; started \d{4}-\d\d-\d\dT[\d:.]+Z/,
      'No more pages.',
    ],
  ],
  [
    'find_offenses',
    () => ({ ip: testTargets.ip.plain }),
    () => [
      '2 offenses found, newest first.',
      `matched by ip ${testTargets.ip.plain} as source`,
    ],
  ],
  [
    'get_offense',
    () => ({ offense_id: testOffenses.main }),
    () => [
      'Offense 501: OPEN, magnitude 6',
      'Rules: 100001 Auth: Multiple Login Failures from One Source',
      `Local destinations (1): ${testTargets.ip.critical} (internal, roles critical (reference set Critical Assets))`,
      '- asset:1: criticality critical (Weight 9 -> critical;',
      'Event summary: 9 events',
      '  top QIDs (events): 28250004 VPN Login Failed [User Login Failure] 8',
      'Notes: 1 newest of 1 shown',
      '  note:1 text: "Ticket INC-4711 opened for this offense."',
      '- offense 502: OPEN, magnitude 3',
    ],
  ],
  [
    'get_offense_events',
    () => ({ offense_id: testOffenses.main, limit: 2 }),
    () => [
      'Offense 501: 2 events returned of',
      'Truncated: more events may exist',
      /- event:501-1, \S+Z, qid 28250003 VPN Login Succeeded \[User Login Success\], 203\.0\.113\.7:\d+ -> 10\.0\.5\.20:443, TCP/,
      '  event:501-1 username: "jdoe"',
    ],
  ],
  [
    'get_assets',
    () => ({
      ips: [testTargets.ip.critical],
      hostnames: ['ws-ghost.corp.example'],
    }),
    () => [
      '1 asset found.',
      'Not found: ips none; host names ws-ghost.corp.example.',
      'roles critical (reference set Critical Assets)',
      '  asset:1 name: "Finance database"',
    ],
  ],
  [
    'check_reference_sets',
    () => ({ values: [testTargets.ip.critical, '010.0.0.1'] }),
    () => [
      /^2 values checked against \d+ non-empty reference sets\.$/m,
      `- "${testTargets.ip.critical}": Critical Assets [IP, roles critical].`,
      '- "010.0.0.1": in no reference set. Warning: Invalid ip "010.0.0.1": octal forms are not accepted.',
    ],
  ],
  [
    'run_aql',
    () => ({
      query:
        "SELECT username, eventcount FROM events WHERE username = 'jdoe' LAST 30 DAYS",
      max_rows: 2,
    }),
    () => [
      /^AQL search \S+ completed on events: 2 rows returned of \d+/,
      'Columns: username | eventcount',
      '  row 1: "jdoe" | 1',
    ],
  ],
  [
    'add_note',
    () => ({ offense_id: testOffenses.main, text: 'Blocked the source.' }),
    () => [/^Note \d+ added to offense 501 at \S+Z \(\d+ characters/],
  ],
  [
    'update_offense',
    () => ({ ...gated, assigned_to: 'analyst1' }),
    () => [
      'approval_required: update_offense on offense 501',
      'Rule: mode:approve',
      /Approval request: apr_\w+/,
      /Next step: A human approver runs `qradar-mcp approvals approve apr_\w+ --as NAME`\. Then call get_approval/,
    ],
  ],
  [
    'block_ip',
    () => ({ ...gated, ip: testTargets.ip.allowListed }),
    () => [
      `denied: block_ip on ${testTargets.ip.allowListed}, offense 501`,
      'Rule: role:allow_source',
      'Next step: Nothing was changed.',
    ],
  ],
  [
    'isolate_host',
    () => ({ ...gated, host: testTargets.host.critical }),
    () => [
      'approval_required: isolate_host on asset:1, offense 501',
      /Approval request: apr_\w+/,
      '(critical criticality)',
    ],
  ],
  [
    'disable_user',
    () => ({ ...gated, username: testTargets.user.protected }),
    () => ['denied: disable_user on krbtgt', 'Rule: role:protected'],
  ],
  [
    'get_approval',
    () => ({ request_id: pendingTokenRequestId }),
    () => [
      `Approval request ${pendingTokenRequestId}: approved (disable_user on ${testTargets.user.other}, offense 501, criticality medium)`,
      'Decided by: soc-lead; reason: none',
      /Token \(single use, valid until \S+Z\): \S+/,
      'Used: no',
    ],
  ],
  [
    'list_actions',
    () => ({}),
    () => [
      '1 action returned, newest first.',
      `- ${blockActionId}: block_ip on ${testTargets.ip.other}, offense 501; executed, verification listed;`,
      `request ${blockRequestId}`,
    ],
  ],
  [
    'rollback_action',
    () => ({ ...gated, action_id: blockActionId }),
    () => [
      `approval_required: rollback_action on ${blockActionId}, offense 501`,
      /Approval request: apr_\w+/,
    ],
  ],
];

describe('tool text content', () => {
  it('covers every tool', async () => {
    const { tools } = await harness.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      examples.map(([tool]) => tool).sort(),
    );
  });

  it.each(examples)('%s renders plain text', async (tool, args, expected) => {
    const result = await harness.call(tool, args());
    expect(result.isError, textOf(result)).toBeFalsy();
    const text = textContent(result);
    expect(isJson(text)).toBe(false);
    expect(text).not.toBe(JSON.stringify(result.structuredContent));
    for (const fragment of expected()) {
      if (typeof fragment === 'string') expect(text).toContain(fragment);
      else expect(text).toMatch(fragment);
    }
  });

  it('shows the approved token once', async () => {
    const result = await harness.call('get_approval', {
      request_id: pendingTokenRequestId,
    });
    expect(result.structuredContent?.['token']).toBe(pendingToken);
    expect(textContent(result)).toContain(`): ${pendingToken}`);
  });

  it('quotes untrusted text apart', async () => {
    const result = await harness.call('get_offense', {
      offense_id: testOffenses.main,
    });
    const lines = textContent(result).split('\n');
    const heading = lines.indexOf(untrustedHeading);
    expect(heading).toBeGreaterThan(0);
    const injected = lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.includes('IGNORE PREVIOUS'));
    expect(injected.length).toBeGreaterThan(0);
    for (const { line, index } of injected) {
      expect(index).toBeGreaterThan(heading);
      expect(line).toMatch(/^ {2}[^"]+: ".*"$/);
    }
  });

  it('keeps multi-line text on one line', async () => {
    const result = await harness.call('get_offense', {
      offense_id: testOffenses.main,
    });
    const description = textContent(result)
      .split('\n')
      .find((line) => line.startsWith('  offense 501 description: '));
    expect(description).toBe(
      `  offense 501 description: "VPN password spraying from ${testTargets.ip.plain} ${injectionText}"`,
    );
  });

  it('reports a running search', async () => {
    const slow = await startMcpHarness({
      arielDelayMs: 60_000,
      toolSettings: { aqlReturnAfterMs: 0 },
    });
    try {
      const result = await slow.call('run_aql', {
        query: 'SELECT sourceip FROM events LAST 1 HOURS',
      });
      const text = textContent(result);
      expect(text).toMatch(/^AQL search \S+ is still running \(\d+% done\)\./);
      expect(text).toContain('Call run_aql with search_id');
    } finally {
      await slow.close();
    }
  });
});
