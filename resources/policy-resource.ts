import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { summarizePolicy, type Policy } from '../src/policy/index.js';
import { policyUri } from './uris.js';

/**
 * Builds the JSON of `qradar://policy`: mode, internal networks, the sets
 * and networks behind each role, the autonomous rules, who may approve what
 * (approver roles, never approver names), in-chat approval, rate limits and
 * lifetimes. The policy file's path and webhook URLs are left out.
 */
export function describePolicy(policy: Policy): Record<string, unknown> {
  const { source: _source, ...summary } = summarizePolicy(policy);
  const approverRoles = new Set<string>();
  for (const approver of policy.approvers) {
    for (const role of approver.roles) approverRoles.add(role);
  }
  return {
    ...summary,
    approver_roles: [...approverRoles].sort(),
    reading_guide:
      'A target with the protected role, or an address with allow_source or approved_destination, is denied in every mode. Criticality comes from asset Weight, CVSS properties and the critical role. Rules under approval_rules say which approver role may approve which criticality.',
  };
}

/** Registers the fixed resource `qradar://policy`. */
export function registerPolicyResource(
  server: McpServer,
  policy: Policy,
): void {
  const text = JSON.stringify(describePolicy(policy));
  server.registerResource(
    'policy',
    policyUri,
    {
      title: 'Response policy',
      description:
        'The effective policy as JSON: mode, internal networks, role sets and networks, autonomous rules, approval rules and approver roles, in-chat approval, rate limits.',
      mimeType: 'application/json',
    },
    (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text }],
    }),
  );
}
