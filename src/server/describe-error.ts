import { ActionError } from '../actions/index.js';
import { AqlError } from '../aql/index.js';
import { PolicyError } from '../policy/index.js';
import { QRadarError } from '../qradar/index.js';
import { StoreError } from '../store/index.js';
import { ToolError } from '../../tools/index.js';

/** An error as the client sees it: a code, a message and the next step. */
export interface ToolFailure {
  code: string;
  message: string;
  hint: string;
}

function comparable(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s.!?:;,…]+$/u, '');
}

/**
 * Renders a failure as the text of an `isError` result: the message, then
 * the hint on its own line. A hint equal to the message or contained in it,
 * ignoring case and trailing punctuation, is left out.
 */
export function renderFailure(failure: ToolFailure): string {
  const hint = comparable(failure.hint);
  if (hint === '' || comparable(failure.message).includes(hint))
    return failure.message;
  return `${failure.message}\n${failure.hint}`;
}

function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}

/**
 * Turns anything a handler throws into a failure a model can act on. Errors
 * of unknown kinds keep their details in the operator log and reach the
 * client only as an internal failure, so no stack trace or path leaks.
 */
export function describeError(error: unknown, toolName: string): ToolFailure {
  if (ToolError.is(error)) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  if (QRadarError.is(error)) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  if (ActionError.is(error)) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  if (AqlError.is(error)) {
    return {
      code: 'INVALID_AQL',
      message: error.message,
      hint: `Fix the query and call ${toolName} again.`,
    };
  }
  if (PolicyError.is(error)) {
    return {
      code: error.code,
      message: error.message,
      hint: `Correct the input and call ${toolName} again; nothing was changed.`,
    };
  }
  if (StoreError.is(error)) {
    return {
      code:
        error.code === 'AUDIT_WRITE_FAILED' ? 'AUDIT_UNAVAILABLE' : error.code,
      message: `Failed to run ${toolName}: the state store failed (${error.code}).`,
      hint: 'Nothing was executed. The operator log has the details; retry later.',
    };
  }
  if (isAbortError(error)) {
    return {
      code: 'CANCELLED',
      message: `Failed to run ${toolName}: the request was cancelled.`,
      hint: `Call ${toolName} again if the result is still needed.`,
    };
  }
  return {
    code: 'INTERNAL',
    message: `Failed to run ${toolName}: internal error.`,
    hint: 'The operator log has the details. Retry once, then use another tool.',
  };
}
