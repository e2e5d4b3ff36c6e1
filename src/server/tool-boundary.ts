import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

import type { Logger } from '../config/index.js';
import type { ToolContext } from '../../tools/context.js';
import type { ToolDefinition } from '../../tools/tool.js';
import {
  describeError,
  renderFailure,
  type ToolFailure,
} from './describe-error.js';
import { renderIssues } from './render-issues.js';
import { createSecretScrubber } from './secret-scrubber.js';

/** Options of runTool besides the tool and its context. */
export interface ToolBoundaryOptions {
  logger: Logger;
  /** Literal secrets removed from every result, error paths included. */
  secrets: readonly string[];
  now(): number;
}

function failureResult(failure: ToolFailure): CallToolResult {
  return {
    content: [{ type: 'text', text: renderFailure(failure) }],
    structuredContent: { error: failure },
    isError: true,
  };
}

/**
 * Runs one tool call: validates the arguments with the tool's zod input
 * schema, runs the handler, validates its structured output and renders the
 * text. Every failure becomes an `isError` result with a message and a hint;
 * no stack trace or secret reaches the client.
 */
export async function runTool(
  definition: ToolDefinition,
  rawArguments: unknown,
  context: ToolContext,
  options: ToolBoundaryOptions,
): Promise<CallToolResult> {
  const scrub = createSecretScrubber(options.secrets);
  const startedMs = options.now();
  const logger = options.logger.child({
    tool: definition.name,
    client: context.clientIdentity.name,
  });
  const finish = (result: CallToolResult, outcome: string): CallToolResult => {
    logger.info(
      { outcome, durationMs: options.now() - startedMs },
      'tool call finished',
    );
    return scrub.value(result);
  };

  const parsedInput = definition.inputSchema.safeParse(rawArguments ?? {});
  if (!parsedInput.success) {
    const rendered = renderIssues(
      definition.name,
      parsedInput.error.issues,
      rawArguments,
    );
    return finish(
      failureResult({ code: 'INVALID_INPUT', ...rendered }),
      'INVALID_INPUT',
    );
  }

  let output: unknown;
  try {
    output = await definition.handler(parsedInput.data, context);
  } catch (error) {
    const failure = describeError(error, definition.name);
    if (failure.code === 'INTERNAL') {
      logger.error({ err: error }, 'tool handler failed');
    } else {
      logger.warn(
        { code: failure.code, message: scrub.text(failure.message) },
        'tool call failed',
      );
    }
    return finish(failureResult(failure), failure.code);
  }

  const parsedOutput = definition.outputSchema.safeParse(output);
  if (!parsedOutput.success) {
    logger.error(
      { issues: parsedOutput.error.issues.slice(0, 5) },
      'tool output did not match its schema',
    );
    return finish(
      failureResult({
        code: 'INTERNAL',
        message: `Failed to run ${definition.name}: its result did not match the declared output schema.`,
        hint: 'This is a server bug; the operator log has the details. Use another tool meanwhile.',
      }),
      'INTERNAL',
    );
  }
  const structured = parsedOutput.data;
  const text =
    definition.render === undefined
      ? JSON.stringify(structured)
      : definition.render(structured);
  return finish(
    { content: [{ type: 'text', text }], structuredContent: structured },
    'ok',
  );
}
