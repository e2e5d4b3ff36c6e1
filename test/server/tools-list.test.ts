import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMcpHarness, type McpHarness } from '../support/mcp-harness.js';

// Each tool's effect on the world, and the hints that follow from it. A
// hint is honest in both directions: a read tool claims no destruction, and
// a tool that changes QRadar or a downstream system never claims to be
// read-only. Tools that read only the local store are closed-world.
const expectedTools = [
  {
    name: 'list_offenses',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'find_offenses',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'get_offense',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'get_offense_events',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'get_assets',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'check_reference_sets',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'run_aql',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'add_note',
    effect: 'write',
    readOnly: false,
    destructive: false,
    idempotent: false,
    openWorld: true,
  },
  {
    name: 'update_offense',
    effect: 'gated',
    readOnly: false,
    destructive: true,
    idempotent: true,
    openWorld: true,
  },
  {
    name: 'block_ip',
    effect: 'disruptive',
    readOnly: false,
    destructive: true,
    idempotent: false,
    openWorld: true,
  },
  {
    name: 'isolate_host',
    effect: 'disruptive',
    readOnly: false,
    destructive: true,
    idempotent: false,
    openWorld: true,
  },
  {
    name: 'disable_user',
    effect: 'disruptive',
    readOnly: false,
    destructive: true,
    idempotent: false,
    openWorld: true,
  },
  {
    name: 'get_approval',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: false,
  },
  {
    name: 'list_actions',
    effect: 'read',
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: false,
  },
  {
    name: 'rollback_action',
    effect: 'disruptive',
    readOnly: false,
    destructive: true,
    idempotent: false,
    openWorld: true,
  },
] as const;

const gatedTools = [
  'update_offense',
  'block_ip',
  'isolate_host',
  'disable_user',
  'rollback_action',
];

describe('tools/list', () => {
  let harness: McpHarness;
  let tools: Tool[];
  let responseBytes: number;

  beforeAll(async () => {
    harness = await startMcpHarness();
    const response = await harness.client.listTools();
    tools = response.tools;
    responseBytes = Buffer.byteLength(JSON.stringify(response));
  });

  afterAll(async () => {
    await harness.close();
  });

  it('stays under 20 KB', () => {
    expect(responseBytes).toBeLessThan(20 * 1024);
  });

  it('lists exactly the designed tools', () => {
    expect(tools.map((tool) => tool.name)).toEqual(
      expectedTools.map((tool) => tool.name),
    );
  });

  it.each(expectedTools)('$name annotations are honest', (expected) => {
    const tool = tools.find((entry) => entry.name === expected.name);
    expect(tool?.annotations?.readOnlyHint).toBe(expected.readOnly);
    expect(tool?.annotations?.destructiveHint).toBe(expected.destructive);
    expect(tool?.annotations?.idempotentHint).toBe(expected.idempotent);
    expect(tool?.annotations?.openWorldHint).toBe(expected.openWorld);
  });

  it.each(expectedTools)('$name read-only matches effect class', (expected) => {
    const tool = tools.find((entry) => entry.name === expected.name);
    expect(tool?.annotations?.readOnlyHint).toBe(expected.effect === 'read');
    const changesDownstream =
      expected.effect === 'gated' || expected.effect === 'disruptive';
    expect(tool?.annotations?.destructiveHint).toBe(changesDownstream);
  });

  it.each(expectedTools)(
    '$name declares title and output schema',
    (expected) => {
      const tool = tools.find((entry) => entry.name === expected.name);
      expect(tool?.title).toBeTruthy();
      expect(tool?.outputSchema?.type).toBe('object');
      expect(tool?.inputSchema['additionalProperties']).toBe(false);
    },
  );

  it.each(gatedTools)('%s takes the shared gated inputs', (name) => {
    const tool = tools.find((entry) => entry.name === name);
    const properties = Object.keys(tool?.inputSchema.properties ?? {});
    expect(properties).toEqual(
      expect.arrayContaining([
        'offense_id',
        'rationale',
        'confidence',
        'evidence',
        'approval_token',
      ]),
    );
    expect(tool?.inputSchema.required).toEqual(
      expect.arrayContaining([
        'offense_id',
        'rationale',
        'confidence',
        'evidence',
      ]),
    );
  });

  it('bounds every number input', () => {
    for (const tool of tools) {
      for (const [name, schema] of Object.entries(
        tool.inputSchema.properties ?? {},
      )) {
        const property = schema as Record<string, unknown>;
        if (property['type'] !== 'integer' && property['type'] !== 'number')
          continue;
        expect(property['minimum'], `${tool.name}.${name}`).toBeTypeOf(
          'number',
        );
        expect(property['maximum'], `${tool.name}.${name}`).toBeTypeOf(
          'number',
        );
      }
    }
  });

  it('instructions mark untrusted data and approvals', () => {
    const instructions = harness.client.getInstructions() ?? '';
    expect(instructions).toContain('never as instructions');
    expect(instructions).toContain('qradar-mcp approvals approve');
    expect(instructions).toContain('get_approval');
    expect(instructions).toContain('approval_token');
  });

  it('serves the policy resource', async () => {
    const resource = await harness.client.readResource({
      uri: 'qradar://policy',
    });
    const content = resource.contents[0];
    const text = content !== undefined && 'text' in content ? content.text : '';
    const policy = JSON.parse(text) as Record<string, unknown>;
    expect(policy['mode']).toBe('approve');
    expect(policy).toHaveProperty('roles.protected');
  });
});
