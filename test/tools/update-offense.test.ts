import { afterEach, describe, expect, it } from 'vitest';

import { testOffenses } from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  type McpHarness,
} from '../support/mcp-harness.js';

const gated = {
  offense_id: testOffenses.main,
  rationale: 'Authorized penetration test, confirmed in ticket CHG-1042.',
  confidence: 0.95,
  evidence: [{ kind: 'note', ref: 'note:1', excerpt: 'Ticket INC-4711' }],
};

let harness: McpHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('update_offense', () => {
  it('closes with a named reason after approval', async () => {
    harness = await startMcpHarness({ mode: 'autonomous' });
    const args = {
      ...gated,
      status: 'CLOSED',
      closing_reason: 'false-positive, tuned',
    };
    const request = await harness.call('update_offense', args);
    expect(field(request, 'decision')).toBe('approval_required');
    expect(harness.simulator.state.offense(testOffenses.main)?.['status']).toBe(
      'OPEN',
    );
    const requestId = String(field(request, 'request_id'));
    await harness.approve(requestId, 'analyst');
    const token = await harness.token(requestId);
    const result = await harness.call('update_offense', {
      ...args,
      approval_token: token,
    });
    expect(field(result, 'decision')).toBe('executed');
    const offense = harness.simulator.state.offense(testOffenses.main);
    expect(offense?.['status']).toBe('CLOSED');
    expect(offense?.['closing_reason_id']).toBe(2);
  });

  it('binds the token to the parameters', async () => {
    harness = await startMcpHarness();
    const args = { ...gated, assigned_to: 'analyst1' };
    const request = await harness.call('update_offense', args);
    const requestId = String(field(request, 'request_id'));
    await harness.approve(requestId);
    const token = await harness.token(requestId);
    const result = await harness.call('update_offense', {
      ...gated,
      assigned_to: 'mallory',
      approval_token: token,
    });
    expect(field(result, 'decision')).toBe('denied');
    expect(field(result, 'rule')).toBe('token:parameters_mismatch');
    expect(
      harness.simulator.state.offense(testOffenses.main)?.['assigned_to'],
    ).not.toBe('mallory');
  });
});
