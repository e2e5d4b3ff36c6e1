import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { ClientIdentity } from '../../src/policy/index.js';
import type { Sleep } from '../../src/qradar/index.js';
import { testOffenses, testTargets } from '../support/mcp-cases.js';
import {
  startStack,
  writeTestPolicy,
  type ElicitationSection,
  type Stack,
} from '../http/support/stack.js';

type Answer = ElicitResult['action'] | 'never';

interface ChatClient {
  client: Client;
  name: string;
  /** Messages of every elicitation/create the client received. */
  questions: string[];
  /** Whether the server cancelled an outstanding question. */
  cancelled: boolean[];
}

const policyDir = mkdtempSync(join(tmpdir(), 'qradar-mcp-elicitation-'));
const enabled: ElicitationSection = {
  enabled: true,
  actions: ['isolate_host', 'block_ip'],
  maxCriticality: 'critical',
};
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ policyFile: writeTestPolicy(policyDir, enabled) });
});

afterAll(async () => {
  await stack.close();
  rmSync(policyDir, { recursive: true, force: true });
});

let clientNumber = 0;

async function connectChatClient(
  answer: Answer,
  options: {
    client?: Partial<ClientIdentity>;
    elicitation?: boolean;
    wait?: Sleep;
    onQuestion?: () => void;
    target?: Stack;
  } = {},
): Promise<ChatClient> {
  clientNumber += 1;
  const name = options.client?.name ?? `chat-${clientNumber}`;
  const questions: string[] = [];
  const cancelled: boolean[] = [];
  const { client, server } = await (options.target ?? stack).connect({
    client: { ...options.client, name },
    capabilities: options.elicitation === false ? {} : { elicitation: {} },
    ...(options.wait === undefined ? {} : { elicitationWait: options.wait }),
    configure: (created) => {
      if (options.elicitation === false) return;
      created.setRequestHandler(
        ElicitRequestSchema,
        (request: ElicitRequest, extra) => {
          questions.push(request.params.message);
          options.onQuestion?.();
          if (answer !== 'never') return { action: answer };
          return new Promise<ElicitResult>((resolve) => {
            const onAbort = (): void => {
              cancelled.push(true);
              resolve({ action: 'cancel' });
            };
            if (extra.signal.aborted) onAbort();
            else extra.signal.addEventListener('abort', onAbort);
          });
        },
      );
    },
  });
  // The SDK 1.32 client ignores notifications/cancelled for request id 0
  // (its _oncancel tests the id for truthiness), so a ping takes that id and
  // the question gets id 1.
  await server.server.ping();
  return { client, name, questions, cancelled };
}

async function isolate(client: Client, host: string): Promise<CallToolResult> {
  return (await client.callTool({
    name: 'isolate_host',
    arguments: {
      host,
      offense_id: testOffenses.main,
      rationale: 'The host authenticated after the spraying; isolate it.',
      confidence: 0.85,
      evidence: [
        {
          kind: 'event',
          ref: 'event:501-9',
          excerpt: 'user=jdoe authenticated',
        },
      ],
    },
  })) as CallToolResult;
}

function structured(result: CallToolResult): Record<string, unknown> {
  return result.structuredContent ?? {};
}

afterEach(async () => {
  // Each test starts without pending requests, so no request is reused.
  for (const record of await stack.store.approvals.list({
    statuses: ['pending'],
  })) {
    await stack.checkpoint.declineByElicitation(record.id, { name: 'cleanup' });
  }
});

describe('in-chat approval', () => {
  it('executes after accept with client identity', async () => {
    const chat = await connectChatClient('accept', {
      client: { name: 'desk-analyst', role: 'analyst' },
    });
    const result = await isolate(chat.client, testTargets.host.plain);
    expect(structured(result)).toMatchObject({
      decision: 'executed',
      rule: 'elicitation',
      verification: 'listed',
    });
    const requestId = structured(result)['request_id'] as string;
    const record = await stack.store.approvals.get(requestId);
    expect(record).toMatchObject({
      status: 'approved',
      decidedBy: 'desk-analyst',
      decisionKind: 'elicitation',
      requestedBy: 'desk-analyst',
    });
    const audit = await stack.store.audit.list({
      kinds: ['approved', 'executed'],
    });
    const approved = audit.find(
      (row) => row.details['request_id'] === requestId,
    );
    expect(approved).toMatchObject({
      actor: 'desk-analyst',
      rule: 'elicitation',
      details: expect.objectContaining({
        via: 'elicitation',
        client_role: 'analyst',
      }),
    });
    expect(
      audit.some(
        (row) => row.kind === 'executed' && row.actor === 'desk-analyst',
      ),
    ).toBe(true);
    const isolated = stack.simulator.state.referenceSetElements(
      'QRadar-MCP Isolated Hosts',
    );
    expect(isolated?.map((element) => element.value)).toContain(
      testTargets.host.plain,
    );
  });

  it('shows evidence and marks model rationale', async () => {
    const chat = await connectChatClient('cancel');
    await isolate(chat.client, testTargets.host.plain);
    const [message] = chat.questions;
    expect(chat.questions).toHaveLength(1);
    expect(message).toContain('Action: isolate_host');
    expect(message).toContain(`Target: ${testTargets.host.plain}`);
    expect(message).toContain(`Offense: ${testOffenses.main}`);
    expect(message).toContain('Criticality: low');
    expect(message).toContain('event:501-9: "user=jdoe authenticated"');
    expect(message).toContain('MODEL-WRITTEN RATIONALE');
    expect(message).toContain('confidence 0.85');
  });

  it('denies the request after decline', async () => {
    const chat = await connectChatClient('decline');
    const result = await isolate(chat.client, testTargets.host.plain);
    expect(structured(result)).toMatchObject({
      decision: 'denied',
      rule: 'elicitation:declined',
    });
    const denied = await stack.store.approvals.list({ statuses: ['denied'] });
    const record = denied.find((entry) => entry.decidedBy === chat.name);
    expect(record).toMatchObject({
      decisionKind: 'elicitation',
      requestedBy: chat.name,
    });
  });

  it('leaves request pending after cancel', async () => {
    const chat = await connectChatClient('cancel');
    const result = await isolate(chat.client, testTargets.host.plain);
    expect(structured(result)).toMatchObject({ decision: 'approval_required' });
    expect(structured(result)['reason']).toContain('cancelled in chat');
    const record = await stack.store.approvals.get(
      structured(result)['request_id'] as string,
    );
    expect(record?.status).toBe('pending');
  });

  it('leaves request pending after timeout', async () => {
    const waits: number[] = [];
    let questionShown = (): void => undefined;
    const shown = new Promise<void>((resolve) => {
      questionShown = resolve;
    });
    // The injected timer fires once the person has seen the question, which
    // stands for 45 s passing without an answer.
    const chat = await connectChatClient('never', {
      onQuestion: () => questionShown(),
      wait: (ms) => {
        waits.push(ms);
        return shown;
      },
    });
    const result = await isolate(chat.client, testTargets.host.plain);
    expect(waits).toEqual([45_000]);
    expect(chat.questions).toHaveLength(1);
    expect(structured(result)).toMatchObject({ decision: 'approval_required' });
    expect(structured(result)['reason']).toContain(
      'No answer in chat within 45 s',
    );
    // The SDK runs notification handlers a few microtasks after the response.
    await new Promise((resolve) => setImmediate(resolve));
    expect(chat.cancelled).toEqual([true]);
    const record = await stack.store.approvals.get(
      structured(result)['request_id'] as string,
    );
    expect(record?.status).toBe('pending');
  });

  it('never asks about protected targets', async () => {
    const chat = await connectChatClient('accept');
    const result = await isolate(chat.client, testTargets.host.protected);
    expect(structured(result)['decision']).toBe('denied');
    expect(chat.questions).toEqual([]);
  });

  it('never asks clients without elicitation', async () => {
    const chat = await connectChatClient('accept', { elicitation: false });
    const result = await isolate(chat.client, testTargets.host.plain);
    expect(structured(result)['decision']).toBe('approval_required');
    expect(chat.questions).toEqual([]);
  });

  it('applies approval rules per client role', async () => {
    const analyst = await connectChatClient('accept', {
      client: { name: 'analyst-bot', role: 'analyst' },
    });
    const refused = await isolate(analyst.client, testTargets.host.critical);
    expect(analyst.questions).toEqual([]);
    expect(structured(refused)).toMatchObject({
      decision: 'approval_required',
    });
    expect(structured(refused)['reason']).toContain(
      'In-chat approval was not offered: rule soc_lead_for_high_and_critical needs the role soc_lead',
    );

    const lead = await connectChatClient('accept', {
      client: { name: 'lead-bot', role: 'soc_lead' },
    });
    const executed = await isolate(lead.client, testTargets.host.critical);
    expect(lead.questions).toHaveLength(1);
    expect(lead.questions[0]).toContain('Criticality: critical');
    expect(structured(executed)).toMatchObject({ decision: 'executed' });
    const record = await stack.store.approvals.get(
      structured(executed)['request_id'] as string,
    );
    expect(record?.decidedBy).toBe('lead-bot');
  });
});

describe('in-chat approval off by policy', () => {
  it.each([
    ['shipped policy', undefined],
    [
      'criticality above maximum',
      { enabled: true, actions: ['isolate_host'], maxCriticality: 'low' },
    ],
    [
      'action not listed',
      { enabled: true, actions: ['block_ip'], maxCriticality: 'critical' },
    ],
  ] as const)('asks nothing under %s', async (_label, section) => {
    const directory = mkdtempSync(
      join(tmpdir(), 'qradar-mcp-elicitation-off-'),
    );
    const own = await startStack(
      section === undefined
        ? {}
        : {
            policyFile: writeTestPolicy(directory, {
              ...section,
              actions: [...section.actions],
            }),
          },
    );
    try {
      const chat = await connectChatClient('accept', {
        client: { role: 'soc_lead' },
        target: own,
      });
      const result = await isolate(chat.client, testTargets.host.critical);
      expect(chat.questions).toEqual([]);
      expect(structured(result)['decision']).toBe('approval_required');
    } finally {
      await own.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
