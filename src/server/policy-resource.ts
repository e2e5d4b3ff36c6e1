import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { summarizePolicy, type Policy } from '../policy/index.js';

/** URI of the policy summary resource. */
export const policyResourceUri = 'qradar://policy';

/**
 * Registers `qradar://policy`: the mode, the reference sets and networks
 * behind each role, the autonomous rules, the block set and the rate limits,
 * so that a model reads roles the way the checkpoint does.
 */
export function registerPolicyResource(
  server: McpServer,
  policy: Policy,
): void {
  server.registerResource(
    'policy',
    policyResourceUri,
    {
      title: 'Response policy',
      description:
        'Policy mode, reference-set and network roles, autonomous rules, block set and rate limits.',
      mimeType: 'application/json',
    },
    (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/json',
          text: JSON.stringify(summarizePolicy(policy)),
        },
      ],
    }),
  );
}
