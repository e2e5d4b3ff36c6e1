import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testTargets } from '../support/mcp-cases.js';
import { startMcpHarness, type McpHarness } from '../support/mcp-harness.js';

interface ResultItem {
  value: string;
  warning?: string;
  sets: { name: string; element_type: string; roles: string[] }[];
}

let harness: McpHarness;

beforeAll(async () => {
  harness = await startMcpHarness();
});

afterAll(async () => {
  await harness.close();
});

async function check(values: string[]): Promise<ResultItem[]> {
  const result = await harness.call('check_reference_sets', { values });
  expect(result.isError, JSON.stringify(result)).toBeFalsy();
  return result.structuredContent?.['results'] as ResultItem[];
}

describe('check_reference_sets', () => {
  it.each([
    ['010.0.0.1', 'octal forms are not accepted'],
    ['10.0.0.0/8', 'CIDR ranges are not accepted'],
    ['167772161', 'integer forms are not accepted'],
    ['0x0a.0.0.1', 'hexadecimal forms are not accepted'],
    ['10.0.5', 'shortened forms are not accepted'],
    ['fe80::1%eth0', 'zone indexes (%eth0) are not accepted'],
  ])('warns about %s', async (value, reason) => {
    const [item] = await check([value]);
    expect(item?.sets).toEqual([]);
    expect(item?.warning).toContain(`Invalid ip ${JSON.stringify(value)}`);
    expect(item?.warning).toContain(reason);
  });

  it.each(['jdoe', 'fs01.corp.example', '00:1a:2b:3c:4d:5e', '42'])(
    'does not warn about %s',
    async (value) => {
      const [item] = await check([value]);
      expect(item).not.toHaveProperty('warning');
    },
  );

  it('checks mapped IPv6 as IPv4', async () => {
    const [item] = await check([`::ffff:${testTargets.ip.critical}`]);
    expect(item?.warning).toBeUndefined();
    expect(item?.sets.map((set) => set.name)).toContain('Critical Assets');
  });

  it('matches mapped address in text sets', async () => {
    await harness.qradar.createReferenceSet({
      name: 'Jump Hosts',
      elementType: 'ALNIC',
    });
    await harness.qradar.addReferenceSetElement('Jump Hosts', '10.0.7.7');
    const [item] = await check(['::ffff:10.0.7.7']);
    expect(item?.sets).toEqual([
      { name: 'Jump Hosts', element_type: 'ALNIC', roles: [] },
    ]);
  });
});
