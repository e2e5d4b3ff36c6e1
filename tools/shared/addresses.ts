import { z } from 'zod';

import {
  canonicalizeIp,
  resolveRoles,
  type IpTarget,
  type Policy,
  type ReferenceDataReader,
} from '../../src/policy/index.js';
import { describeRoles, roleSchema } from './assets.js';

/** An address with its scope and the roles that cover it. */
export const addressSchema = z.object({
  ip: z.string(),
  scope: z.enum(['internal', 'external', 'unroutable']),
  roles: z.array(roleSchema),
});

/** An address with its scope and roles. */
export type AddressSummary = z.input<typeof addressSchema>;

function tryCanonicalize(ip: string, policy: Policy): IpTarget | undefined {
  try {
    return canonicalizeIp(ip, { internalNetworks: policy.internalNetworks });
  } catch {
    return undefined;
  }
}

/**
 * Describes addresses for a tool result: internal or external as the policy
 * counts them (unroutable for loopback and the like), with the roles that
 * reference sets and networks give them, read from QRadar now.
 */
export async function describeAddresses(
  ips: readonly string[],
  context: {
    policy: Policy;
    referenceData: ReferenceDataReader;
    signal: AbortSignal;
  },
): Promise<AddressSummary[]> {
  return Promise.all(
    ips.map(async (ip) => {
      const target = tryCanonicalize(ip, context.policy);
      if (target === undefined)
        return { ip, scope: 'unroutable' as const, roles: [] };
      const matches = await resolveRoles(target, {
        referenceData: context.referenceData,
        policy: context.policy,
        signal: context.signal,
      });
      return {
        ip: target.value,
        scope: target.scope,
        roles: describeRoles(matches),
      };
    }),
  );
}
