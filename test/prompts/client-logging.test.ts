import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  LoggingMessageNotificationSchema,
  type LoggingMessageNotification,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testOffenses } from '../support/mcp-cases.js';
import { startStack, type Stack } from '../http/support/stack.js';

let stack: Stack;
let client: Client;
const received: LoggingMessageNotification['params'][] = [];

beforeAll(async () => {
  stack = await startStack();
  ({ client } = await stack.connect({
    client: { name: 'logging-test' },
    configure: (created) => {
      created.setNotificationHandler(
        LoggingMessageNotificationSchema,
        (notification) => {
          received.push(notification.params);
        },
      );
    },
  }));
});

afterAll(async () => {
  await stack.close();
});

async function addNote(): Promise<void> {
  await client.callTool({
    name: 'add_note',
    arguments: { offense_id: testOffenses.main, text: 'Checked the VPN logs.' },
  });
}

async function failingBlock(): Promise<void> {
  await client.callTool({
    name: 'block_ip',
    arguments: {
      ip: '203.0.113.9',
      offense_id: 999_999,
      rationale: 'test',
      confidence: 0.5,
      evidence: [],
    },
  });
}

describe('client logging', () => {
  it('declares the logging capability', () => {
    expect(client.getServerCapabilities()?.logging).toEqual({});
  });

  it('sends notices by default', async () => {
    received.length = 0;
    await addNote();
    expect(received).toEqual([
      expect.objectContaining({ level: 'notice', logger: 'qradar-mcp' }),
    ]);
  });

  it('filters below level warning', async () => {
    await client.setLoggingLevel('warning');
    received.length = 0;
    await addNote();
    expect(received).toEqual([]);
    await failingBlock();
    expect(received).toEqual([expect.objectContaining({ level: 'warning' })]);
  });

  it('filters everything at emergency', async () => {
    await client.setLoggingLevel('emergency');
    received.length = 0;
    await addNote();
    await failingBlock();
    expect(received).toEqual([]);
  });

  it('resumes at level debug', async () => {
    await client.setLoggingLevel('debug');
    received.length = 0;
    await addNote();
    expect(received.map((params) => params.level)).toEqual(['notice']);
  });
});
