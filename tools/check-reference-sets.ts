import { z } from 'zod';

import {
  isInNetwork,
  normalizeIpAddress,
  parseIpAddress,
  parseNetwork,
  roleNames,
  rolesForSetName,
  type IpAddress,
  type Policy,
  type RoleName,
} from '../src/policy/index.js';
import { countOf, oneLine, TextRenderer } from './shared/render.js';
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
      warning: z.string().optional(),
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

/** A value to look for, with its canonical address, or why it is no valid address. */
interface CheckedValue {
  value: string;
  address: IpAddress | undefined;
  warning: string | undefined;
}

const macAddress = /^(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

/**
 * Tells whether a value that is not a valid address was probably meant as
 * one: dotted digits (octal, shortened, CIDR), hexadecimal parts, an
 * integer of 8 to 10 digits that fits in 32 bits, or IPv6-style groups
 * (MAC addresses excepted).
 */
function looksLikeIpAddress(value: string): boolean {
  if (/^\d{8,10}$/.test(value)) return Number(value) <= 0xffffffff;
  if (/^[\d.]*\.[\d.]*(?:\/\d*)?$/.test(value)) return /\d/.test(value);
  if (
    /^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}(?:\/\d*)?$/i.test(value)
  )
    return /0x/i.test(value);
  if (macAddress.test(value)) return false;
  return /^[0-9a-f:.]*:[0-9a-f:.]*:[0-9a-f:.]*(?:%[\w.-]+)?(?:\/\d*)?$/i.test(
    value,
  );
}

function checkValue(value: string): CheckedValue {
  try {
    return { value, address: parseIpAddress(value), warning: undefined };
  } catch (error) {
    const warning =
      looksLikeIpAddress(value) && error instanceof Error
        ? `${error.message} Only text sets (ALN, ALNIC) were compared with it.`
        : undefined;
    return { value, address: undefined, warning };
  }
}

/** Tells whether a set element matches a value, following the set's element type. */
function elementMatches(
  elementType: string,
  element: string,
  checked: CheckedValue,
): boolean {
  const type = elementType.toUpperCase();
  const { value, address } = checked;
  if (type === 'DATE') return false;
  if (type === 'CIDR' || element.includes('/')) {
    const network = tryNetwork(element);
    return (
      network !== undefined &&
      address !== undefined &&
      isInNetwork(address, network)
    );
  }
  if (type === 'IP') {
    return (
      address !== undefined && normalizeIpAddress(element) === address.text
    );
  }
  // Text sets compare the value as given and, for an address, its canonical
  // form (an IPv4-mapped IPv6 address as IPv4).
  const texts = address === undefined ? [value] : [value, address.text];
  if (type === 'ALN' || type === 'NUM' || type === 'PORT')
    return texts.includes(element);
  return texts.some((text) => element.toLowerCase() === text.toLowerCase());
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
      results: values.map(checkValue).map((item) => ({
        value: item.value,
        ...(item.warning === undefined ? {} : { warning: item.warning }),
        sets: checked.flatMap((set, index) =>
          (contents[index] ?? []).some((element) =>
            elementMatches(set.element_type, element, item),
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
  render(output) {
    const notChecked =
      output.sets_not_checked > 0
        ? ` (${output.sets_not_checked} more not checked: only the first ${maxSetsRead} non-empty sets are read)`
        : '';
    const text = new TextRenderer().line(
      `${countOf(output.results.length, 'value')} checked against ${countOf(output.sets_checked, 'non-empty reference set')}${notChecked}.`,
    );
    for (const result of output.results) {
      const canonical = normalizeIpAddress(result.value);
      const checkedAs =
        canonical !== undefined && canonical !== result.value
          ? ` (checked as ${canonical})`
          : '';
      const sets =
        result.sets.length === 0
          ? 'in no reference set'
          : result.sets
              .map((set) => {
                const roles =
                  set.roles.length === 0
                    ? ''
                    : `, roles ${set.roles.join(', ')}`;
                return `${set.name} [${set.element_type}${roles}]`;
              })
              .join('; ');
      const warning =
        result.warning === undefined ? '' : ` Warning: ${result.warning}`;
      text.line(
        `- ${JSON.stringify(oneLine(result.value, 255))}${checkedAs}: ${sets}.${warning}`,
      );
    }
    return text.toString();
  },
});
