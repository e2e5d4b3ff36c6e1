import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

import { QRadarError } from '../src/qradar/index.js';

/** JSON-RPC error code MCP gives a resource that does not exist. */
export const resourceNotFoundCode = -32002;

/** Creates the protocol error of a resource that does not exist. */
export function resourceNotFound(message: string): McpError {
  return new McpError(resourceNotFoundCode, message);
}

/**
 * Converts a failure while reading a resource into a protocol error: a
 * QRadar 404 becomes "resource not found", other QRadar errors keep their
 * message and hint, and anything else becomes an internal error without
 * details (the caller logs them).
 */
export function toResourceError(error: unknown, uri: string): McpError {
  if (error instanceof McpError) return error;
  if (QRadarError.is(error)) {
    if (error.code === 'QRADAR_NOT_FOUND') {
      return resourceNotFound(`Resource ${uri} not found: ${error.hint}`);
    }
    return new McpError(
      ErrorCode.InternalError,
      `Failed to read ${uri}: ${error.message} ${error.hint}`,
    );
  }
  return new McpError(
    ErrorCode.InternalError,
    `Failed to read ${uri}: internal error. The operator log has the details.`,
  );
}
