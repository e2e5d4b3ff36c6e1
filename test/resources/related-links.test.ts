import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testOffenses, testTargets } from '../support/mcp-cases.js';
import { startStack, type Stack } from '../http/support/stack.js';

let stack: Stack;
let client: Client;

async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<string[]> {
  const result = (await client.callTool({
    name,
    arguments: args,
  })) as CallToolResult;
  return result.content.flatMap((part) =>
    part.type === 'resource_link' ? [part.uri] : [],
  );
}

function blockArguments(ip: string): Record<string, unknown> {
  return {
    ip,
    offense_id: testOffenses.main,
    rationale: 'Source of the spraying.',
    confidence: 0.9,
    evidence: [],
  };
}

beforeAll(async () => {
  stack = await startStack();
  ({ client } = await stack.connect({ client: { name: 'links-test' } }));
});

afterAll(async () => {
  await stack.close();
});

describe('resource links in tool results', () => {
  it('links pending approvals after approval_required', async () => {
    expect(
      await call('block_ip', blockArguments(testTargets.ip.plain)),
    ).toEqual(['qradar://approvals/pending']);
  });

  it('links the policy after a denial', async () => {
    expect(
      await call('block_ip', blockArguments(testTargets.ip.allowListed)),
    ).toEqual(['qradar://policy']);
  });

  it('links the AQL guide after invalid AQL', async () => {
    expect(await call('run_aql', { query: 'SELECT * FROM events' })).toEqual([
      'qradar://aql/guide',
    ]);
  });

  it('adds nothing to read results', async () => {
    expect(await call('list_offenses', {})).toEqual([]);
  });
});
