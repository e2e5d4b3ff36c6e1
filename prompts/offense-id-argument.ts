import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { z } from 'zod';

import { completeOffenseId, listOpenOffenses } from '../resources/index.js';
import type { PromptContext } from './context.js';

/**
 * Builds the `offense_id` prompt argument: digits only, completed with the
 * ids of open offenses. Prompt arguments are strings in MCP.
 */
export function offenseIdArgument(context: PromptContext) {
  return completable(
    z
      .string()
      .regex(/^\d{1,10}$/, { message: 'expected an offense id such as 42' })
      .describe('QRadar offense id'),
    async (value) => {
      try {
        return completeOffenseId(await listOpenOffenses(context.client), value);
      } catch (error) {
        context.logger.warn(
          { err: error },
          'failed to list open offenses for completion',
        );
        return [];
      }
    },
  );
}
