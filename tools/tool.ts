import type { z } from 'zod';

import type { ToolContext } from './context.js';

/**
 * Effect class of a tool: `read` changes nothing, `write` adds to an offense
 * (a note), `gated` changes an offense through the policy checkpoint, and
 * `disruptive` contains a target through the checkpoint and an executor.
 */
export type EffectClass = 'read' | 'write' | 'gated' | 'disruptive';

/** MCP tool annotations; every hint is stated, none left to client defaults. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * One MCP tool as plain data: schemas, annotations, effect class and the
 * handler. The server boundary validates the input before `handler` runs and
 * the output after it returns, so a handler receives parsed input only.
 */
export interface ToolDefinition<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  /** Model-facing description: what the tool returns and when to use it. */
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: ToolAnnotations;
  effect: EffectClass;
  handler(
    input: z.output<Input>,
    context: ToolContext,
  ): Promise<z.input<Output>>;
  /** Compact text for the result's text content; defaults to compact JSON. */
  render?(output: z.output<Output>): string;
}

/** Returns the definition unchanged, with its input and output types inferred. */
export function defineTool<
  Input extends z.ZodObject,
  Output extends z.ZodObject,
>(definition: ToolDefinition<Input, Output>): ToolDefinition<Input, Output> {
  return definition;
}
