import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/config/index.js';
import { startSimulator } from '../../src/sim/index.js';
import {
  callApi,
  cleanupSimulators,
  query,
  tempDir,
  testNowMs,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

interface HostOptions {
  id: number;
  ip: string;
  hostnames: string[];
  riskScore: number;
  owner: string;
}

function asset(host: HostOptions): object {
  return {
    id: host.id,
    risk_score_sum: host.riskScore,
    hostnames: host.hostnames.map((name, index) => ({
      id: host.id * 10 + index,
      name,
      type: index === 0 ? 'DNS' : 'NETBIOS',
    })),
    interfaces: [
      {
        id: host.id * 10 + 9,
        ip_addresses: [{ id: host.id * 100, value: host.ip, type: 'IPV4' }],
      },
    ],
    properties: [{ name: 'Business Owner', value: host.owner }],
  };
}

function caseWithAssets(
  id: string,
  offenseId: number,
  assets: object[],
): object {
  return {
    id,
    title: `Case ${id}`,
    offense: { id: offenseId, start_time: 1_700_000_000_000 },
    events: [
      {
        starttime: 1_700_000_000_000,
        sourceip: '192.0.2.1',
        destinationip: '10.0.5.20',
        eventcount: 1,
      },
    ],
    assets,
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      approval_required: false,
    },
  };
}

const dcFirst = asset({
  id: 1031,
  ip: '10.0.5.20',
  hostnames: ['dc01.corp.example', 'DC01'],
  riskScore: 84.8,
  owner: 'Identity team',
});
const dcAgain = asset({
  id: 1341,
  ip: '10.0.5.20',
  hostnames: ['DC01.corp.example', 'dc01'],
  riskScore: 12.5,
  owner: 'Someone else',
});

function writeCases(files: Record<string, object>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  return dir;
}

async function startOn(dir: string, lines: string[] = []) {
  const simulator = await startSimulator({
    dbPath: ':memory:',
    token: testToken,
    casesDir: dir,
    now: () => testNowMs,
    logger: createLogger({
      level: 'debug',
      destination: { write: (line: string) => void lines.push(line) },
    }),
  });
  return simulator;
}

async function assetsAt(
  simulator: Awaited<ReturnType<typeof startSimulator>>,
  ip: string,
): Promise<Record<string, unknown>[]> {
  const answer = await callApi(
    simulator,
    'GET',
    `/api/asset_model/assets?${query({
      filter: `interfaces contains ip_addresses contains value="${ip}"`,
    })}`,
  );
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>[];
}

describe('assets shared by cases', () => {
  it('merges a repeated host into the first', async () => {
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [dcAgain]),
    });
    const simulator = await startOn(dir);
    const found = await assetsAt(simulator, '10.0.5.20');
    await simulator.close();
    expect(found.map((entry) => entry['id'])).toEqual([1031]);
    expect(found[0]?.['risk_score_sum']).toBe(84.8);
    expect(found[0]?.['properties']).toEqual([
      { name: 'Business Owner', value: 'Identity team' },
    ]);
  });

  it('finds the kept host from the second offense', async () => {
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [dcAgain]),
    });
    const simulator = await startOn(dir);
    const offense = await callApi(simulator, 'GET', '/api/siem/offenses/8');
    const [addressId] = offense.body.local_destination_address_ids as number[];
    const address = await callApi(
      simulator,
      'GET',
      `/api/siem/local_destination_addresses/${addressId}`,
    );
    const ip = String(address.body.local_destination_ip);
    const found = await assetsAt(simulator, ip);
    await simulator.close();
    expect(ip).toBe('10.0.5.20');
    expect(found.map((entry) => entry['id'])).toEqual([1031]);
  });

  it('logs the merge naming both files', async () => {
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [dcAgain]),
    });
    const lines: string[] = [];
    const simulator = await startOn(dir, lines);
    await simulator.close();
    const merges = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['assetId'] === 1341);
    expect(merges).toHaveLength(1);
    expect(merges[0]?.['level']).toBe(20);
    expect(merges[0]?.['keptAssetId']).toBe(1031);
    expect(merges[0]?.['firstFile']).toBe(join(dir, 'a.json'));
    expect(merges[0]?.['file']).toBe(join(dir, 'b.json'));
  });

  it('keeps hosts whose names differ', async () => {
    const renamed = asset({
      id: 1342,
      ip: '10.0.5.20',
      hostnames: ['dc02.corp.example'],
      riskScore: 1,
      owner: 'Identity team',
    });
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [renamed]),
    });
    const simulator = await startOn(dir);
    const found = await assetsAt(simulator, '10.0.5.20');
    await simulator.close();
    expect(found.map((entry) => entry['id'])).toEqual([1031, 1342]);
  });

  it('leaves a single case unmerged', async () => {
    const twin = asset({
      id: 1032,
      ip: '10.0.5.20',
      hostnames: ['dc01.corp.example', 'DC01'],
      riskScore: 20,
      owner: 'Identity team',
    });
    const dir = writeCases({
      'b.json': caseWithAssets('b', 8, [dcAgain, twin]),
    });
    const simulator = await startOn(dir);
    const found = await assetsAt(simulator, '10.0.5.20');
    await simulator.close();
    expect(found.map((entry) => entry['id'])).toEqual([1032, 1341]);
    expect(found[1]?.['risk_score_sum']).toBe(12.5);
  });

  it('fails on one id for different hosts', async () => {
    const other = asset({
      id: 1031,
      ip: '10.0.7.7',
      hostnames: ['ws-7.corp.example'],
      riskScore: 1,
      owner: 'Sales',
    });
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [other]),
    });
    await expect(startOn(dir)).rejects.toThrow(
      new RegExp(
        `asset id 1031 is defined in both ${join(dir, 'a.json')} and ${join(dir, 'b.json')}`,
      ),
    );
  });

  it('accepts one id for the same host', async () => {
    const sameId = asset({
      id: 1031,
      ip: '10.0.5.20',
      hostnames: ['DC01', 'dc01.corp.example'],
      riskScore: 3,
      owner: 'Someone else',
    });
    const dir = writeCases({
      'a.json': caseWithAssets('a', 7, [dcFirst]),
      'b.json': caseWithAssets('b', 8, [sameId]),
    });
    const simulator = await startOn(dir);
    const found = await assetsAt(simulator, '10.0.5.20');
    await simulator.close();
    expect(found.map((entry) => entry['risk_score_sum'])).toEqual([84.8]);
  });
});
