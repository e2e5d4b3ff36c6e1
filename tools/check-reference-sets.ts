import { z } from 'zod';

import {
  isInNetwork,
  normalizeIpAddress,
  parseIpAddress,
  parseNetwork,
  roleNames,
  rolesForSetName,
  type Policy,
  type RoleName,
} from '../src/policy/index.js';
import { defineTool } from './tool.js';

const maxSetsRead = 200;

const inputSchema = z.strictObject({
  values: z
    .array(z.string().min(1).max(255))
    .min(1)
    .max(20)
    .describe('IPs, host names or user names to look for'),
});

const outputSchema = z.object({
  results: z.array(
    z.object({
      value: z.string(),
      sets: z.array(
        z.object({
          name: z.string(),
          element_type: z.string(),
          roles: z.array(z.string()),
        }),
      ),
    }),
  ),
  sets_checked: z.number().int(),
  sets_not_checked: z.number().int(),
});

function rolesOfSet(name: string, policy: Policy): RoleName[] {
  const roles = new Set<RoleName>();
  for (const role of roleNames) {
    if (
      policy.roles[role].referenceSets.some(
        (setName) => setName.toLowerCase() === name.toLowerCase(),
      )
    )
      roles.add(role);
  }
  if (policy.roleNameDefaults)
    for (const role of rolesForSetName(name)) roles.add(role);
  return [...roles];
}

function tryNetwork(
  value: string,
): ReturnType<typeof parseNetwork> | undefined {
  try {
    return parseNetwork(value);
  } catch {
    return undefined;
  }
}

function tryAddress(
  value: string,
): ReturnType<typeof parseIpAddress> | undefined {
  try {
    return parseIpAddress(value);
  } catch {
    return undefined;
  }
}

/** Tells whether a set element matches a value, following the set's element type. */
function elementMatches(
  elementType: string,
  element: string,
  value: string,
): boolean {
  const type = elementType.toUpperCase();
  if (type === 'DATE') return false;
  if (type === 'CIDR' || element.includes('/')) {
    const network = tryNetwork(element);
    const address = tryAddress(value);
    return (
      network !== undefined &&
      address !== undefined &&
      isInNetwork(address, network)
    );
  }
  if (type === 'IP') {
    const canonical = normalizeIpAddress(value);
    return canonical !== undefined && normalizeIpAddress(element) === canonical;
  }
  if (type === 'ALN' || type === 'NUM' || type === 'PORT')
    return element === value;
  return element.toLowerCase() === value.toLowerCase();
}

/** check_reference_sets: which reference sets hold each value, with their roles. */
export const checkReferenceSetsTool = defineTool({
  name: 'check_reference_sets',
  title: 'Check reference sets',
  description:
    'For each IP, host name or user name: the reference sets that hold it and the roles they give (IP sets by address, CIDR sets by containment).',
  inputSchema,
  outputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  effect: 'read',
  async handler(input, context) {
    const { client, signal } = context;
    const sets = (await client.listReferenceSets({ signal })).filter(
      (set) => set.number_of_elements !== 0,
    );
    const checked = sets.slice(0, maxSetsRead);
    const contents = await Promise.all(
      checked.map((set) => client.getReferenceSetValues(set.name, { signal })),
    );
    const values = [...new Set(input.values.map((value) => value.trim()))];
    return {
      results: values.map((value) => ({
        value,
        sets: checked.flatMap((set, index) =>
          (contents[index] ?? []).some((element) =>
            elementMatches(set.element_type, element, value),
          )
            ? [
                {
                  name: set.name,
                  element_type: set.element_type,
                  roles: rolesOfSet(set.name, context.policy),
                },
              ]
            : [],
        ),
      })),
      sets_checked: checked.length,
      sets_not_checked: sets.length - checked.length,
    };
  },
});
