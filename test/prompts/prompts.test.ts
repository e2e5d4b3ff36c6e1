import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { untrustedDataRule } from '../../prompts/index.js';
import { testOffenses } from '../support/mcp-cases.js';
import { startStack, type Stack } from '../http/support/stack.js';

let stack: Stack;
let client: Client;

function texts(result: { messages: { content: unknown }[] }): string[] {
  return result.messages.map((message) => {
    const content = message.content as { type: string; text?: string };
    return content.type === 'text' ? (content.text ?? '') : content.type;
  });
}

beforeAll(async () => {
  stack = await startStack();
  ({ client } = await stack.connect({ client: { name: 'prompt-test' } }));
});

afterAll(async () => {
  await stack.close();
});

describe('prompts', () => {
  it('lists four prompts with arguments', async () => {
    const { prompts } = await client.listPrompts();
    const byName = Object.fromEntries(
      prompts.map((prompt) => [
        prompt.name,
        (prompt.arguments ?? []).map((argument) => [
          argument.name,
          argument.required,
        ]),
      ]),
    );
    expect(byName).toEqual({
      triage_offense: [['offense_id', true]],
      recommend_containment: [['offense_id', true]],
      summarize_offense: [
        ['offense_id', true],
        ['audience', true],
      ],
      hunt_indicator: [['value', true]],
    });
  });

  it('steers triage to read tools', async () => {
    const result = await client.getPrompt({
      name: 'triage_offense',
      arguments: { offense_id: '501' },
    });
    const [text] = texts(result);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.role).toBe('user');
    expect(text).toContain('get_offense with offense_id 501');
    expect(text).toContain('add_note');
    expect(text).toContain('qradar://offenses/501');
    expect(text).toContain('Do not call block_ip');
    expect(text).toContain(untrustedDataRule);
  });

  it('steers containment through the policy', async () => {
    const [text] = texts(
      await client.getPrompt({
        name: 'recommend_containment',
        arguments: { offense_id: '501' },
      }),
    );
    expect(text).toContain('at most one action');
    expect(text).toContain('qradar://policy');
    expect(text).toContain('approval_required');
    expect(text).toContain('denied: the decision is final');
    expect(text).toContain(untrustedDataRule);
  });

  it.each([
    ['analyst', 'timeline'],
    ['executive', 'at most 200 words'],
  ])('summarizes for %s audience', async (audience, expected) => {
    const [text] = texts(
      await client.getPrompt({
        name: 'summarize_offense',
        arguments: { offense_id: '502', audience },
      }),
    );
    expect(text).toContain(`for an ${audience}`);
    expect(text).toContain(expected);
    expect(text).toContain('list_actions');
    expect(text).toContain(untrustedDataRule);
  });

  it('rejects unknown audience', async () => {
    await expect(
      client.getPrompt({
        name: 'summarize_offense',
        arguments: { offense_id: '502', audience: 'board' },
      }),
    ).rejects.toThrow(/audience/);
  });

  it('rejects non-numeric offense id', async () => {
    await expect(
      client.getPrompt({
        name: 'triage_offense',
        arguments: { offense_id: '501; DROP' },
      }),
    ).rejects.toThrow(/offense id/);
  });

  it('hunts an address with AQL', async () => {
    const result = await client.getPrompt({
      name: 'hunt_indicator',
      arguments: { value: '203.0.113.7' },
    });
    const [text, attachment] = texts(result);
    expect(text).toContain('find_offenses with ip 203.0.113.7');
    expect(text).toContain("sourceip = '203.0.113.7'");
    expect(text).toContain('do not call gated tools');
    expect(text).toContain(untrustedDataRule);
    expect(attachment).toBe('resource');
    expect(result.messages[1]?.content).toMatchObject({
      resource: { uri: 'qradar://aql/guide', mimeType: 'text/markdown' },
    });
  });

  it('hunts other strings safely quoted', async () => {
    const [text] = texts(
      await client.getPrompt({
        name: 'hunt_indicator',
        arguments: { value: "o'brien\u001b[31m\nline" },
      }),
    );
    expect(text).toContain("TEXT SEARCH 'o''brien line'");
    expect(text).not.toContain('\u001b');
  });

  it('completes offense id argument', async () => {
    const result = await client.complete({
      ref: { type: 'ref/prompt', name: 'triage_offense' },
      argument: { name: 'offense_id', value: '50' },
    });
    expect(result.completion.values.sort()).toEqual(
      [String(testOffenses.main), String(testOffenses.related)].sort(),
    );
  });
});
