import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testOffenses, testTargets } from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  type McpHarness,
} from '../support/mcp-harness.js';

const secToken = 'SENTINEL-SEC-4f1d9a0c7b2e8d61';
const webhookSecret = 'SENTINEL-WEBHOOK-9b8a7c6d5e4f3a21';

const gated = {
  offense_id: testOffenses.main,
  rationale: 'Spraying then success from one source.',
  confidence: 0.5,
  evidence: [
    { kind: 'event', ref: 'event:501-1', excerpt: 'VPN Login Succeeded' },
  ],
};

describe('secret handling', () => {
  let harness: McpHarness;
  let receiver: Server;
  const logLines: string[] = [];
  const results: { tool: string; result: CallToolResult }[] = [];
  const tokens: string[] = [];
  let approverKey = '';

  async function call(
    tool: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult> {
    const result = await harness.call(tool, args);
    results.push({ tool, result });
    return result;
  }

  async function approveAndRepeat(
    tool: string,
    args: Record<string, unknown>,
  ): Promise<void> {
    const request = await call(tool, args);
    const requestId = String(field(request, 'request_id'));
    await harness.approve(requestId);
    const approval = await call('get_approval', { request_id: requestId });
    const token = String(field(approval, 'token'));
    tokens.push(token);
    await call(tool, { ...args, approval_token: token });
    // Reusing the token takes the rejection path.
    await call(tool, { ...args, approval_token: token });
  }

  beforeAll(async () => {
    let receiverCalls = 0;
    receiver = createServer((request, response) => {
      receiverCalls += 1;
      // The second webhook call fails and echoes the request headers back,
      // so the error path carries whatever the server sent.
      const failing = receiverCalls === 3;
      response.writeHead(failing ? 500 : 200, {
        'content-type': 'application/json',
      });
      response.end(failing ? JSON.stringify(request.headers) : '{}');
    });
    await new Promise<void>((resolve) =>
      receiver.listen(0, '127.0.0.1', resolve),
    );
    const { port } = receiver.address() as AddressInfo;
    harness = await startMcpHarness({
      secToken,
      logLines,
      env: { TEST_SOAR_SECRET: webhookSecret },
      adjustPolicy: (policy) => ({
        ...policy,
        executors: {
          ...policy.executors,
          disable_user: {
            type: 'webhook',
            url: `http://127.0.0.1:${port}/hook`,
            secretEnv: 'TEST_SOAR_SECRET',
          },
        },
      }),
    });
    approverKey = readFileSync(join(harness.dataDir, 'approver.key'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('-----'))
      .join('');

    await call('get_offense', { offense_id: testOffenses.main });
    await call('get_offense', { offense_id: 999_999 });
    harness.simulator.addFault({
      path: '^/api/siem/offenses$',
      status: 401,
      count: 1,
    });
    await call('list_offenses', {});
    harness.simulator.addFault({
      path: '^/api/ariel/searches$',
      status: 503,
      count: 1,
    });
    await call('run_aql', { query: 'SELECT * FROM events LAST 1 HOURS' });
    await approveAndRepeat('block_ip', { ...gated, ip: testTargets.ip.plain });
    await approveAndRepeat('disable_user', { ...gated, username: 'jdoe' });
    await approveAndRepeat('disable_user', { ...gated, username: 'asmith' });
    await call('block_ip', {
      ...gated,
      ip: '203.0.113.8',
      approval_token: tokens[0],
    });
  });

  afterAll(async () => {
    await harness.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('exercises success and error paths', () => {
    expect(tokens).toHaveLength(3);
    expect(results.some(({ result }) => result.isError === true)).toBe(true);
    expect(
      results.some(({ result }) => field(result, 'decision') === 'executed'),
    ).toBe(true);
    expect(approverKey.length).toBeGreaterThan(40);
  });

  it('keeps secrets out of tool results', () => {
    for (const { tool, result } of results) {
      const text = JSON.stringify(result);
      expect(text, tool).not.toContain(secToken);
      expect(text, tool).not.toContain(webhookSecret);
      expect(text, tool).not.toContain(approverKey);
      if (tool === 'get_approval') continue;
      for (const token of tokens) expect(text, tool).not.toContain(token);
    }
  });

  it('keeps secrets out of logs', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const logs = logLines.join('\n');
    expect(logs).not.toContain(secToken);
    expect(logs).not.toContain(webhookSecret);
    expect(logs).not.toContain(approverKey);
    for (const token of tokens) expect(logs).not.toContain(token);
  });

  it('keeps secrets out of audit rows', async () => {
    const rows = JSON.stringify(await harness.store.audit.list());
    expect(rows).not.toContain(secToken);
    expect(rows).not.toContain(webhookSecret);
    expect(rows).not.toContain(approverKey);
    for (const token of tokens) expect(rows).not.toContain(token);
  });

  it('keeps secrets out of stored actions', async () => {
    const actions = JSON.stringify(await harness.store.actions.list());
    expect(actions).not.toContain(webhookSecret);
    expect(actions).not.toContain(secToken);
  });
});
