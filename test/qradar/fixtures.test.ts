import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import {
  QRadarClient,
  QRadarResponseValidationError,
} from '../../src/qradar/index.js';
import {
  startFixtureServer,
  type FixtureServer,
} from '../support/fixture-server.js';

type Json = Record<string, unknown>;

function loadFixture(name: string): Json {
  const url = new URL(`../fixtures/qradar/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Json;
}

const commands = loadFixture('command_test_data.json');
const raw = loadFixture('raw_responses.json');
const ips = loadFixture('ips_commands_data.json');
const assetEnrich = loadFixture('asset_enrich_test.json');
const referenceMap = loadFixture('ref_data_bulk_resp.json');

/** Returns the raw QRadar `response` of a command_test_data.json entry. */
function commandResponse(name: string): unknown {
  return (commands[name] as Json)['response'];
}

function section(file: Json, name: string): Json {
  return file[name] as Json;
}

interface FixtureCase {
  name: string;
  method: string;
  path: string;
  body: unknown;
  call: (client: QRadarClient) => Promise<unknown>;
}

const cases: FixtureCase[] = [
  {
    name: 'command offenses_list',
    method: 'GET',
    path: '/api/siem/offenses',
    body: commandResponse('offenses_list'),
    call: (client) => client.listOffenses(),
  },
  {
    name: 'command offense_update',
    method: 'POST',
    path: '/api/siem/offenses/16',
    body: commandResponse('offense_update'),
    call: (client) => client.updateOffense(16, { followUp: true }),
  },
  {
    name: 'command closing_reasons_list',
    method: 'GET',
    path: '/api/siem/offense_closing_reasons',
    body: commandResponse('closing_reasons_list'),
    call: (client) => client.listClosingReasons(),
  },
  {
    name: 'command offense_notes_list',
    method: 'GET',
    path: '/api/siem/offenses/14/notes',
    body: commandResponse('offense_notes_list'),
    call: (client) => client.listNotes(14),
  },
  {
    name: 'command offense_notes_create',
    method: 'POST',
    path: '/api/siem/offenses/14/notes',
    body: commandResponse('offense_notes_create'),
    call: (client) => client.addNote(14, 'test text message'),
  },
  {
    name: 'command rules_list',
    method: 'GET',
    path: '/api/analytics/rules',
    body: commandResponse('rules_list'),
    call: (client) => client.getRules([100001, 100003]),
  },
  {
    name: 'command assets_list',
    method: 'GET',
    path: '/api/asset_model/assets',
    body: commandResponse('assets_list'),
    call: (client) => client.getAssetsByHostnames(['TLVWIN9131Q21']),
  },
  {
    name: 'command searches_list',
    method: 'GET',
    path: '/api/ariel/searches',
    body: commandResponse('searches_list'),
    call: (client) => client.listSearches(),
  },
  {
    name: 'command search_create',
    method: 'POST',
    path: '/api/ariel/searches',
    body: commandResponse('search_create'),
    call: (client) => client.createSearch('SELECT * FROM events LAST 1 HOURS'),
  },
  {
    name: 'command search_status_get',
    method: 'GET',
    path: '/api/ariel/searches/19e90792-1a17-403b-ae5b-d0e60740b95e',
    body: commandResponse('search_status_get'),
    call: (client) => client.getSearch('19e90792-1a17-403b-ae5b-d0e60740b95e'),
  },
  {
    name: 'command search_results_get',
    method: 'GET',
    path: '/api/ariel/searches/19e90792-1a17-403b-ae5b-d0e60740b95e/results',
    body: commandResponse('search_results_get'),
    call: (client) =>
      client.getSearchResults('19e90792-1a17-403b-ae5b-d0e60740b95e'),
  },
  {
    name: 'command reference_sets_list',
    method: 'GET',
    path: '/api/reference_data/sets',
    body: commandResponse('reference_sets_list'),
    call: (client) => client.listReferenceSets(),
  },
  {
    name: 'command reference_set_create',
    method: 'POST',
    path: '/api/reference_data/sets',
    body: commandResponse('reference_set_create'),
    call: (client) =>
      client.createReferenceSet({ name: 'Email Servers', elementType: 'IP' }),
  },
  {
    name: 'command reference_set_delete',
    method: 'DELETE',
    path: '/api/reference_data/sets/Email%20Servers',
    body: commandResponse('reference_set_delete'),
    call: (client) => client.deleteReferenceSet('Email Servers'),
  },
  {
    name: 'command reference_set_value_upsert',
    method: 'POST',
    path: '/api/reference_data/sets/Mail%20Servers',
    body: commandResponse('reference_set_value_upsert'),
    call: (client) => client.addReferenceSetElement('Mail Servers', '1.2.3.4'),
  },
  {
    name: 'command reference_set_value_delete',
    method: 'DELETE',
    path: '/api/reference_data/sets/Mail%20Servers/1.2.3.4',
    body: commandResponse('reference_set_value_delete'),
    call: (client) =>
      client.deleteReferenceSetElement('Mail Servers', '1.2.3.4'),
  },
  {
    name: 'raw qradar-searches',
    method: 'POST',
    path: '/api/ariel/searches',
    body: raw['qradar-searches'],
    call: (client) =>
      client.createSearch("SELECT sourceip AS 'MY Source IPs' FROM events"),
  },
  {
    name: 'raw qradar-get-search',
    method: 'GET',
    path: '/api/ariel/searches/6212b614-074e-41c1-8fcf-1492834576b8',
    body: raw['qradar-get-search'],
    call: (client) => client.getSearch('6212b614-074e-41c1-8fcf-1492834576b8'),
  },
  {
    name: 'raw qradar-get-search-results',
    method: 'GET',
    path: '/api/ariel/searches/6212b614-074e-41c1-8fcf-1492834576b8/results',
    body: raw['qradar-get-search-results'],
    call: (client) =>
      client.getSearchResults('6212b614-074e-41c1-8fcf-1492834576b8'),
  },
  {
    name: 'raw qradar-update-offense',
    method: 'POST',
    path: '/api/siem/offenses/450',
    body: raw['qradar-update-offense'],
    call: (client) =>
      client.updateOffense(450, { status: 'CLOSED', closingReasonId: 1 }),
  },
  {
    name: 'raw fetch-incidents',
    method: 'GET',
    path: '/api/siem/offenses/450',
    body: raw['fetch-incidents'],
    call: (client) => client.getOffense(450),
  },
  {
    name: 'raw qradar-get-assets',
    method: 'GET',
    path: '/api/asset_model/assets',
    body: raw['qradar-get-assets'],
    call: (client) => client.getAssetsByIps(['8.8.8.8']),
  },
  {
    name: 'raw qradar-get-asset-by-id',
    method: 'GET',
    path: '/api/asset_model/assets',
    body: raw['qradar-get-asset-by-id'],
    call: (client) => client.getAsset(1928),
  },
  {
    name: 'raw qradar-get-closing-reasons',
    method: 'GET',
    path: '/api/siem/offense_closing_reasons',
    body: raw['qradar-get-closing-reasons'],
    call: (client) => client.listClosingReasons(),
  },
  {
    name: 'raw qradar-create-note',
    method: 'POST',
    path: '/api/siem/offenses/450/notes',
    body: raw['qradar-create-note'],
    call: (client) => client.addNote(450, 'XSOAR has the best documentation!'),
  },
  {
    name: 'raw qradar-delete-reference-set',
    method: 'DELETE',
    path: '/api/reference_data/sets/Date',
    body: raw['qradar-delete-reference-set'],
    call: (client) => client.deleteReferenceSet('Date'),
  },
  {
    name: 'ips source_ip',
    method: 'GET',
    path: '/api/siem/source_addresses',
    body: section(ips, 'source_ip')['response'],
    call: (client) => client.getSourceAddresses([1]),
  },
  {
    name: 'ips local_destination',
    method: 'GET',
    path: '/api/siem/local_destination_addresses',
    body: section(ips, 'local_destination')['response'],
    call: (client) => client.getLocalDestinationAddresses([1]),
  },
  {
    name: 'asset_enrich_test assets',
    method: 'GET',
    path: '/api/asset_model/assets',
    body: assetEnrich['assets'],
    call: (client) => client.getAssetsByIps(['8.8.8.8', '7.7.7.7']),
  },
  {
    name: 'ref_data_bulk_resp',
    method: 'GET',
    path: '/api/reference_data/sets/SampleMap',
    body: referenceMap,
    call: (client) => client.getReferenceSet('SampleMap'),
  },
];

let server: FixtureServer;
let client: QRadarClient;

beforeAll(async () => {
  server = await startFixtureServer();
  client = new QRadarClient({
    baseUrl: server.url,
    secToken: 'fixture-token',
    logger: createSilentLogger(),
    maxRetries: 0,
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

describe('QRadar client on recorded responses', () => {
  it.each(cases)('parses $name', async (fixture) => {
    expect(fixture.body).toBeDefined();
    server.setRoute({
      method: fixture.method,
      path: fixture.path,
      status:
        fixture.method === 'POST' && fixture.path.endsWith('notes') ? 201 : 200,
      body: fixture.body,
    });
    await expect(fixture.call(client)).resolves.toBeDefined();
  });

  it('keeps recorded offense fields', async () => {
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses',
      body: commandResponse('offenses_list'),
    });
    const page = await client.listOffenses();
    expect(page.items.map((offense) => offense.id)).toEqual([16, 15]);
    expect(page.items[1]?.offense_source).toBe('yarden');
    expect(page.items[0]?.assigned_to).toBeNull();
    expect(page.items[1]?.log_sources?.[1]?.type_name).toBe('EventCRE');
  });

  it('reads results under database key', async () => {
    const id = '19e90792-1a17-403b-ae5b-d0e60740b95e';
    server.setRoute({
      method: 'GET',
      path: `/api/ariel/searches/${id}/results`,
      body: commandResponse('search_results_get'),
    });
    const page = await client.getSearchResults(id);
    expect(page.database).toBe('events');
    expect(page.rows[0]?.['rulename_creEventList']).toContain('Fake port scan');
  });

  it('tolerates missing optional fields', async () => {
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses/7',
      body: { id: 7 },
    });
    const offense = await client.getOffense(7);
    expect(offense).toEqual({ id: 7 });
  });

  it('keeps unknown fields', async () => {
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses/8',
      body: { id: 8, status: 'OPEN', ocsf_finding: { class_uid: 2004 } },
    });
    const offense = await client.getOffense(8);
    expect(offense['ocsf_finding']).toEqual({ class_uid: 2004 });
  });

  it('rejects field of wrong type', async () => {
    const [first] = commandResponse('offenses_list') as Json[];
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses/16',
      body: { ...first, severity: '2' },
    });
    const error: unknown = await client.getOffense(16).catch((e: unknown) => e);
    expect(QRadarResponseValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain(
      'offense.severity: Invalid input: expected number, received string',
    );
    expect((error as Error).message).toContain('GET /api/siem/offenses/16');
  });

  it('names list index of wrong field', async () => {
    const offenses = commandResponse('offenses_list') as Json[];
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses',
      body: [offenses[0], { ...offenses[1], status: 'REOPENED' }],
    });
    const error: unknown = await client.listOffenses().catch((e: unknown) => e);
    expect(QRadarResponseValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain('offenses[1].status');
    expect((error as Error).message).toContain('(received "REOPENED")');
  });

  it('rejects offense without id', async () => {
    server.setRoute({
      method: 'GET',
      path: '/api/siem/offenses/9',
      body: { status: 'OPEN' },
    });
    await expect(client.getOffense(9)).rejects.toThrow(/offense\.id:/);
  });

  it('rejects body that is not JSON', async () => {
    server.setRoute({
      method: 'GET',
      path: '/api/system/about',
      rawBody: '<html>Sign in</html>',
    });
    const error: unknown = await client
      .getSystemAbout()
      .catch((e: unknown) => e);
    expect(QRadarResponseValidationError.is(error)).toBe(true);
    expect((error as Error).message).toContain(
      'expected JSON, received "<html>Sign in</html>"',
    );
  });
});
