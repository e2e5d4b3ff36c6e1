import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

import type { ToolDefinition } from '../../tools/tool.js';

type JsonSchema = Record<string, unknown>;

// zod writes these bounds on every integer, and no client needs them.
const safeIntegerBound = Number.MAX_SAFE_INTEGER;

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Shortens a generated JSON Schema: drops the safe-integer bounds zod adds
 * to every integer and writes `anyOf: [{type: X}, {type: "null"}]` as
 * `type: [X, "null"]`. In output schemas it also drops
 * `additionalProperties: false` and `required`. The server validates every
 * result against the full zod schema itself, and error results carry
 * `{error: {code, message, hint}}` as structured content, which the SDK's
 * client also validates against the output schema.
 */
function compactSchema(node: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(node)) return node.map((item) => compactSchema(item, io));
  if (!isRecord(node)) return node;
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (
      (key === 'minimum' && value === -safeIntegerBound) ||
      (key === 'maximum' && value === safeIntegerBound) ||
      (io === 'output' && key === 'additionalProperties' && value === false) ||
      (io === 'output' && key === 'required')
    ) {
      continue;
    }
    if (key === 'properties' && isRecord(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [
          name,
          compactSchema(schema, io),
        ]),
      );
      continue;
    }
    result[key] = compactSchema(value, io);
  }
  const options = result['anyOf'];
  if (Array.isArray(options) && options.length === 2) {
    const nullIndex = options.findIndex(
      (option) =>
        isRecord(option) &&
        option['type'] === 'null' &&
        Object.keys(option).length === 1,
    );
    const other: unknown = options[1 - nullIndex];
    if (
      nullIndex !== -1 &&
      isRecord(other) &&
      typeof other['type'] === 'string' &&
      Object.keys(other).length === 1
    ) {
      delete result['anyOf'];
      result['type'] = [other['type'], 'null'];
    }
  }
  return result;
}

// Output schemas describe the fields of the result itself, and objects and
// arrays inside it by their type alone. That keeps tools/list small, while the
// server still validates every result against the full zod schema.
const outputSchemaDepth = 1;

function limitDepth(node: unknown, depth: number): unknown {
  if (!isRecord(node)) return node;
  const type = node['type'];
  const isContainer =
    type === 'object' ||
    type === 'array' ||
    (Array.isArray(type) &&
      (type.includes('object') || type.includes('array')));
  const options = node['anyOf'];
  if (depth >= outputSchemaDepth && Array.isArray(options)) {
    return {
      ...node,
      anyOf: options.map((option) => limitDepth(option, depth)),
    };
  }
  if (depth >= outputSchemaDepth && isContainer) {
    const shallow: JsonSchema = { type };
    if (node['description'] !== undefined)
      shallow['description'] = node['description'];
    return shallow;
  }
  const result: JsonSchema = { ...node };
  const properties = node['properties'];
  if (isRecord(properties)) {
    result['properties'] = Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [
        name,
        limitDepth(schema, depth + 1),
      ]),
    );
  }
  if (node['items'] !== undefined)
    result['items'] = limitDepth(node['items'], depth + 1);
  return result;
}

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
  }) as JsonSchema;
  delete jsonSchema['$schema'];
  const compact = compactSchema(jsonSchema, io);
  const limited = io === 'output' ? limitDepth(compact, 0) : compact;
  return { ...(limited as JsonSchema), type: 'object' };
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
