import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type {
  QRadarClient,
  ReferenceSetSummary,
} from '../../src/qradar/index.js';
import { and, eq, gte } from '../../src/qradar/index.js';
import type { RecordedRequest, RunningSimulator } from '../../src/sim/index.js';
import {
  createFakeTime,
  createTestClient,
  startTestSimulator,
  type FakeTime,
} from './helpers.js';

/** The policy's narrow reader interface, restated so that this test checks the client against it. */
interface ReferenceDataReader {
  listReferenceSets(options?: {
    signal?: AbortSignal;
  }): Promise<
    { name: string; element_type: string; number_of_elements?: number }[]
  >;
  getReferenceSetValues(
    name: string,
    options?: { signal?: AbortSignal },
  ): Promise<string[]>;
}

let time: FakeTime;
let simulator: RunningSimulator;
let client: QRadarClient;

beforeAll(async () => {
  time = createFakeTime();
  simulator = await startTestSimulator(time);
  client = createTestClient(simulator, time);
});

afterAll(async () => {
  await client.close();
  await simulator.close();
});

function lastRequest(method: string, path: string): RecordedRequest {
  const found = simulator.requests.filter(
    (request) => request.method === method && request.path === path,
  );
  const last = found.at(-1);
  if (last === undefined) throw new Error(`no ${method} ${path} recorded`);
  return last;
}

describe('QRadar client against simulator', () => {
  it('negotiates version from help/versions', async () => {
    const version = await client.apiVersion();
    expect(version).toMatch(/^\d+\.\d+$/);
    await client.getOffense(101);
    expect(
      lastRequest('GET', '/api/siem/offenses/101').headers['version'],
    ).toBe(version);
    expect(
      simulator.requests.filter((r) => r.path === '/api/help/versions'),
    ).toHaveLength(1);
  });

  it('sends exact offense list query', async () => {
    const page = await client.listOffenses({
      filter: and(eq('status', 'OPEN'), gte('magnitude', 5)),
      sort: [{ field: 'magnitude', direction: 'desc' }, { field: 'id' }],
      fields: ['status', 'magnitude', { rules: ['id'] }],
      range: { start: 0, limit: 10 },
    });
    const request = lastRequest('GET', '/api/siem/offenses');
    expect(request.query).toBe(
      'filter=status%3D%22OPEN%22%20and%20magnitude%3E%3D5' +
        '&sort=-magnitude%2C%2Bid' +
        '&fields=id%2Cstatus%2Cmagnitude%2Crules(id)',
    );
    expect(request.headers['range']).toBe('items=0-9');
    expect(page.items.map((offense) => offense.id)).toEqual([101]);
    expect(page.items[0]?.rules).toEqual([{ id: 100056 }]);
    expect(page.total).toBe(1);
  });

  it('pages offenses with Range', async () => {
    const page = await client.listOffenses({
      sort: [{ field: 'id' }],
      range: { start: 1, limit: 5 },
    });
    expect(lastRequest('GET', '/api/siem/offenses').headers['range']).toBe(
      'items=1-5',
    );
    expect(page.start).toBe(1);
    expect(page.items.map((offense) => offense.id)).toEqual([102]);
    expect(page.total).toBe(2);
  });

  it('reads one offense', async () => {
    const offense = await client.getOffense(101);
    expect(offense.offense_source).toBe('203.0.113.7');
    expect(offense.status).toBe('OPEN');
  });

  it('adds note via query string', async () => {
    const text = 'Triage: spraying from 203.0.113.7 & 3 users; run=r-1';
    const note = await client.addNote(101, text);
    expect(note.note_text).toBe(text);
    expect(lastRequest('POST', '/api/siem/offenses/101/notes').query).toBe(
      `note_text=${encodeURIComponent(text)}`,
    );
    const notes = await client.listNotes(101);
    expect(notes.items.map((item) => item.note_text)).toContain(text);
  });

  it('updates offense via query string', async () => {
    const offense = await client.updateOffense(102, {
      assignedTo: 'admin',
      followUp: true,
    });
    expect(lastRequest('POST', '/api/siem/offenses/102').query).toBe(
      'assigned_to=admin&follow_up=true',
    );
    expect(offense.assigned_to).toBe('admin');
    expect(offense.follow_up).toBe(true);
  });

  it('closes offense with reason', async () => {
    const [reason] = await client.listClosingReasons();
    expect(reason).toBeDefined();
    const offense = await client.updateOffense(102, {
      status: 'CLOSED',
      closingReasonId: reason!.id,
    });
    expect(offense.status).toBe('CLOSED');
    expect(offense.closing_reason_id).toBe(reason!.id);
    expect(simulator.state.offense(102)?.['status']).toBe('CLOSED');
  });

  it('finds assets by IP', async () => {
    const assets = await client.getAssetsByIps(['10.0.5.20', '10.0.4.12']);
    expect(lastRequest('GET', '/api/asset_model/assets').query).toBe(
      `filter=${encodeURIComponent(
        'interfaces contains ip_addresses contains value="10.0.5.20" or ' +
          'interfaces contains ip_addresses contains value="10.0.4.12"',
      )}`,
    );
    expect(assets.map((asset) => asset.id).sort()).toEqual([5001, 5002]);
  });

  it('finds assets by host name', async () => {
    const assets = await client.getAssetsByHostnames(['ws-0412']);
    expect(lastRequest('GET', '/api/asset_model/assets').query).toBe(
      `filter=${encodeURIComponent('hostnames contains name="ws-0412"')}`,
    );
    expect(assets.map((asset) => asset.id)).toEqual([5002]);
  });

  it('reads asset by id', async () => {
    const asset = await client.getAsset(5001);
    expect(asset.properties?.find((p) => p.name === 'Weight')?.value).toBe('8');
  });

  it('resolves addresses by IP and id', async () => {
    const byIp = await client.getSourceAddressesByIp(['203.0.113.7']);
    expect(lastRequest('GET', '/api/siem/source_addresses').query).toBe(
      `filter=${encodeURIComponent('source_ip="203.0.113.7"')}`,
    );
    const sources = await client.getSourceAddresses(
      byIp.map((address) => address.id),
    );
    expect(sources.map((address) => address.source_ip)).toEqual([
      '203.0.113.7',
    ]);
    const destinations = await client.getLocalDestinationAddressesByIp([
      '10.0.5.20',
    ]);
    const resolved = await client.getLocalDestinationAddresses(
      destinations.map((address) => address.id),
    );
    expect(resolved.map((address) => address.local_destination_ip)).toEqual([
      '10.0.5.20',
    ]);
  });

  it('batches address ids by 100', async () => {
    const before = simulator.requests.length;
    const ids = Array.from({ length: 230 }, (_, index) => index + 1);
    await client.getSourceAddresses(ids);
    const lookups = simulator.requests
      .slice(before)
      .filter((request) => request.path === '/api/siem/source_addresses');
    expect(lookups).toHaveLength(3);
    const firstFilter = decodeURIComponent(
      /filter=([^&]*)/.exec(lookups[0]!.query)![1]!,
    );
    expect(firstFilter).toMatch(/^id in \(1,2,3,.*,100\)$/);
  });

  it('maps rule ids to names', async () => {
    const names = await client.getRuleNames([100056, 100452, 999]);
    expect(names.get(100056)).toBe(
      'Multiple Login Failures from the Same Source',
    );
    expect(names.has(999)).toBe(false);
    expect(lastRequest('GET', '/api/analytics/rules').query).toBe(
      `filter=${encodeURIComponent('id in (100056,100452,999)')}&fields=id%2Cname`,
    );
  });

  it('serves as ReferenceDataReader', async () => {
    const reader: ReferenceDataReader = client;
    const sets: ReferenceSetSummary[] = await client.listReferenceSets();
    expect(sets.map((set) => set.name)).toContain('Critical Assets');
    expect(await reader.getReferenceSetValues('Privileged Accounts')).toEqual([
      'CORP\\admin',
    ]);
  });

  it('creates set and manages elements', async () => {
    const name = 'QRadar-MCP Blocked IPs';
    const created = await client.createReferenceSet({
      name,
      elementType: 'IP',
      timeToLive: '7 days',
    });
    expect(created.timeout_type).toBe('FIRST_SEEN');
    expect(lastRequest('POST', '/api/reference_data/sets').query).toBe(
      'name=QRadar-MCP%20Blocked%20IPs&element_type=IP' +
        '&time_to_live=7%20days&timeout_type=FIRST_SEEN',
    );
    await client.addReferenceSetElement(name, '203.0.113.7', {
      source: 'qradar-mcp',
    });
    expect(
      lastRequest('POST', '/api/reference_data/sets/QRadar-MCP%20Blocked%20IPs')
        .query,
    ).toBe('value=203.0.113.7&source=qradar-mcp');
    expect(
      simulator.state.referenceSetElements(name)?.map((e) => e.value),
    ).toEqual(['203.0.113.7']);
    await client.deleteReferenceSetElement(name, '203.0.113.7');
    expect(simulator.state.referenceSetElements(name)).toEqual([]);
    await client.deleteReferenceSet(name);
  });

  it('encodes set value path once', async () => {
    const name = 'Privileged Accounts';
    await client.addReferenceSetElement(name, 'CORP\\jdoe');
    expect(
      simulator.state.referenceSetElements(name)?.map((e) => e.value),
    ).toContain('CORP\\jdoe');
    await client.deleteReferenceSetElement(name, 'CORP\\jdoe');
    expect(
      lastRequest(
        'DELETE',
        '/api/reference_data/sets/Privileged%20Accounts/CORP%5Cjdoe',
      ).method,
    ).toBe('DELETE');
    expect(
      simulator.state.referenceSetElements(name)?.map((e) => e.value),
    ).toEqual(['CORP\\admin']);
  });

  it('runs Ariel search to completion', async () => {
    const progress: string[] = [];
    const result = await client.runSearch(
      'SELECT sourceip, username, eventcount FROM events WHERE INOFFENSE(101) ORDER BY starttime LAST 7 DAYS',
      { onProgress: (update) => progress.push(update.status) },
    );
    expect(result.database).toBe('events');
    expect(result.rows.map((row) => row['username'])).toEqual([
      'jdoe',
      'asmith',
      'bwayne',
    ]);
    expect(result.truncated).toBe(false);
    expect(progress.at(-1)).toBe('COMPLETED');
    const resultsRequest = lastRequest(
      'GET',
      `/api/ariel/searches/${result.searchId}/results`,
    );
    expect(resultsRequest.headers['range']).toBe('items=0-2');
  });

  it('pages Ariel results by maxRows', async () => {
    const result = await client.runSearch(
      'SELECT username FROM events WHERE INOFFENSE(101) ORDER BY starttime LAST 7 DAYS',
      { maxRows: 2, pageSize: 1 },
    );
    expect(result.rows).toHaveLength(2);
    expect(result.recordCount).toBe(3);
    expect(result.truncated).toBe(true);
  });

  it('lists databases and columns', async () => {
    expect(await client.listDatabases()).toEqual(
      expect.arrayContaining(['events', 'flows']),
    );
    const columns = await client.getDatabaseColumns('events');
    expect(columns.map((column) => column.name)).toContain('sourceip');
  });
});
