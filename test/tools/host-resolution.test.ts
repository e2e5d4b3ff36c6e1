import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { approveRequest, type PolicyMode } from '../../src/policy/index.js';
import { testCaseFile, testOffenses } from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

// Assets store a host twice, as recorded QRadar consoles do: its FQDN in
// lower case and its short name in capitals. QRadar compares asset host
// names case-sensitively, so every spelling must still reach the asset.

const fileServer = { id: 10, ip: '10.0.30.10', fqdn: 'fs01.corp.example' };
const workstation = {
  id: 11,
  ip: '10.0.30.44',
  fqdn: 'ws-eng-044.corp.example',
};

function twoNameAsset(
  host: { id: number; ip: string; fqdn: string },
  weight: string,
): Record<string, unknown> {
  const short = host.fqdn.split('.')[0]?.toUpperCase() ?? '';
  return {
    id: host.id,
    hostnames: [
      { id: host.id * 10, name: host.fqdn, type: 'DNS' },
      { id: host.id * 10 + 1, name: short, type: 'NETBIOS' },
    ],
    interfaces: [
      {
        id: host.id * 10,
        mac_address: 'Unknown NIC',
        ip_addresses: [{ id: host.id * 10, value: host.ip, type: 'IPV4' }],
      },
    ],
    properties: [{ id: host.id * 100, name: 'Weight', value: weight }],
    users: [],
  };
}

const folders: string[] = [];

/** Starts a harness over the MCP test case plus the two-name assets. */
async function startHostHarness(mode: PolicyMode): Promise<McpHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-hosts-'));
  folders.push(folder);
  const casesDir = join(folder, 'cases');
  mkdirSync(casesDir);
  const testCase = testCaseFile();
  testCase['assets'] = [
    ...(testCase['assets'] as unknown[]),
    twoNameAsset(fileServer, '9'),
    twoNameAsset(workstation, '2'),
  ];
  writeFileSync(join(casesDir, 'case.json'), JSON.stringify(testCase));
  return startMcpHarness({ mode, casesDir });
}

afterAll(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

const gatedBase = {
  offense_id: testOffenses.main,
  rationale: 'Ransomware encrypting shares from this host.',
  confidence: 0.95,
  evidence: [{ kind: 'offense', ref: 'offense:501', excerpt: 'ransomware' }],
};

async function isolate(
  harness: McpHarness,
  host: string,
): Promise<Record<string, unknown>> {
  const result = await harness.call('isolate_host', { ...gatedBase, host });
  expect(result.isError, JSON.stringify(result)).toBeFalsy();
  return result.structuredContent ?? {};
}

describe('isolate_host host resolution', () => {
  let harness: McpHarness;

  beforeAll(async () => {
    harness = await startHostHarness('approve');
  });

  afterAll(async () => {
    await harness.close();
  });

  it.each([
    'fs01',
    'FS01',
    'Fs01',
    'fs01.corp.example',
    'FS01.CORP.EXAMPLE',
    'fs01.corp.example.',
  ])('resolves %s to its asset', async (host) => {
    const output = await isolate(harness, host);
    expect(output['decision']).toBe('approval_required');
    expect(output['target']).toBe(`asset:${fileServer.id}`);
  });

  it('gives every spelling one request', async () => {
    const first = await isolate(harness, 'fs01');
    const second = await isolate(harness, 'FS01.corp.example');
    expect(first['request_id']).toBeDefined();
    expect(second['request_id']).toBe(first['request_id']);
    const request = await harness.store.approvals.get(
      String(first['request_id']),
    );
    expect(request?.criticality).toBe('critical');
  });

  it('keeps critical host from analysts', async () => {
    const output = await isolate(harness, 'fs01');
    await expect(
      approveRequest({
        store: harness.store,
        policy: harness.policy,
        dataDir: harness.dataDir,
        requestId: String(output['request_id']),
        approver: 'analyst',
      }),
    ).rejects.toThrow(/soc_lead/);
  });

  it('joins short and FQDN requests', async () => {
    const short = await isolate(harness, 'ws-eng-044');
    const fqdn = await isolate(harness, 'ws-eng-044.corp.example');
    expect(short['target']).toBe(`asset:${workstation.id}`);
    expect(fqdn['target']).toBe(`asset:${workstation.id}`);
    expect(fqdn['request_id']).toBe(short['request_id']);
  });

  it('rejects an asset of another domain', async () => {
    const output = await isolate(harness, 'fs01.lab.example');
    expect(output['target']).toBe('fs01.lab.example');
  });
});

describe('isolate_host unresolved host', () => {
  let harness: McpHarness;

  beforeAll(async () => {
    harness = await startHostHarness('approve');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('treats unknown host as high', async () => {
    const output = await isolate(harness, 'ws-ghost.corp.example');
    expect(output['decision']).toBe('approval_required');
    expect(output['target']).toBe('ws-ghost.corp.example');
    const request = await harness.store.approvals.get(
      String(output['request_id']),
    );
    expect(request?.criticality).toBe('high');
    expect(request?.criticalityDerivation).toEqual([
      'no asset found for ws-ghost.corp.example: treated as high until the asset is known',
    ]);
  });

  it('lets only soc_lead approve it', async () => {
    const output = await isolate(harness, '10.99.0.7');
    const requestId = String(output['request_id']);
    const approve = (approver: string) =>
      approveRequest({
        store: harness.store,
        policy: harness.policy,
        dataDir: harness.dataDir,
        requestId,
        approver,
      });
    await expect(approve('analyst')).rejects.toThrow(
      /may not approve isolate_host at high criticality/,
    );
    const approved = await approve('soc-lead');
    expect(approved.status).toBe('approved');
  });
});

describe('isolate_host unresolved host, autonomous', () => {
  let harness: McpHarness;

  beforeAll(async () => {
    harness = await startHostHarness('autonomous');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('never isolates it autonomously', async () => {
    const output = await isolate(harness, 'ws-ghost.corp.example');
    expect(output['decision']).toBe('approval_required');
    expect(output['rule']).toBe('autonomous:no_matching_rule');
    expect(
      harness.simulator.state.referenceSetElements(
        'QRadar-MCP Isolated Hosts',
      ) ?? [],
    ).toEqual([]);
  });

  it('isolates a known low host', async () => {
    const output = await isolate(harness, 'WS-ENG-044');
    expect(output['decision']).toBe('executed');
    expect(output['target']).toBe(`asset:${workstation.id}`);
    const members = (
      harness.simulator.state.referenceSetElements(
        'QRadar-MCP Isolated Hosts',
      ) ?? []
    ).map((element) => element.value);
    expect(members).toEqual(['ws-eng-044.corp.example']);
  });
});

describe('get_assets host names', () => {
  let harness: McpHarness;

  beforeAll(async () => {
    harness = await startHostHarness('approve');
  });

  afterAll(async () => {
    await harness.close();
  });

  it.each(['FS01', 'fs01', 'fs01.corp.example', 'Fs01.Corp.Example'])(
    'finds the asset by %s',
    async (name) => {
      const result = await harness.call('get_assets', { hostnames: [name] });
      const assets = field(result, 'assets') as { id: number }[];
      expect(assets.map((asset) => asset.id)).toEqual([fileServer.id]);
      expect(field(result, 'not_found')).toEqual({ ips: [], hostnames: [] });
    },
  );

  it('explains an invalid ip', async () => {
    const result = await harness.call('get_assets', {
      ips: ['10.0.0.0/8', '010.0.0.1'],
    });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain(
      'Invalid ip "10.0.0.0/8": CIDR ranges are not accepted.',
    );
    expect(text).toContain('Also invalid: ["010.0.0.1"].');
    expect(text).not.toContain('expected IPv4 or IPv6 addresses');
  });

  it('reports an unknown host', async () => {
    const result = await harness.call('get_assets', {
      hostnames: ['ws-ghost.corp.example'],
    });
    expect(field(result, 'assets')).toEqual([]);
    expect(field(result, 'not_found')).toEqual({
      ips: [],
      hostnames: ['ws-ghost.corp.example'],
    });
  });
});
