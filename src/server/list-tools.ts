import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

import type { ToolDefinition } from '../../tools/tool.js';

function toJsonSchema(
  schema: z.ZodObject,
  io: 'input' | 'output',
): Tool['inputSchema'] {
  // draft-07 is the dialect the SDK's own conversion and its client-side
  // output validator (Ajv) use; the `$schema` line is left out to keep
  // tools/list small.
  const jsonSchema = z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete jsonSchema['$schema'];
  return { ...jsonSchema, type: 'object' };
}

/** Builds the tools/list entry of a tool: JSON Schemas, annotations, title. */
export function describeTool(definition: ToolDefinition): Tool {
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    inputSchema: toJsonSchema(definition.inputSchema, 'input'),
    outputSchema: toJsonSchema(definition.outputSchema, 'output'),
    annotations: { ...definition.annotations },
  };
}
