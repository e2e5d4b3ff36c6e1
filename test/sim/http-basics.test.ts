import { afterEach, describe, expect, it } from 'vitest';

import {
  callApi,
  cleanupSimulators,
  pluck,
  query,
  startTestSimulator,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

function expectErrorShape(body: unknown, status: number, code: number): void {
  expect(body).toEqual({
    http_response: { code: status, message: expect.any(String) },
    code,
    message: expect.any(String),
    description: expect.any(String),
    details: expect.any(Object),
  });
}

describe('authentication', () => {
  it('rejects missing SEC header', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      sec: '',
    });
    expect(answer.status).toBe(401);
    expectErrorShape(answer.body, 401, 11);
    expect(answer.body.http_response.message).toBe('Unauthorized');
    expect(answer.body.message).toContain('No SEC header present in request');
  });

  it('rejects wrong SEC token', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      sec: 'wrong-token',
    });
    expect(answer.status).toBe(401);
    expectErrorShape(answer.body, 401, 11);
    expect(answer.body.message).toContain(
      'unauthorized to access the requested resource',
    );
  });

  it('accepts basic auth password token', async () => {
    const simulator = await startTestSimulator();
    const basic = Buffer.from(`_api_token_key:${testToken}`).toString('base64');
    const answer = await callApi(simulator, 'GET', '/api/system/about', {
      sec: '',
      authorization: `Basic ${basic}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.external_version).toBe('7.5.0');
  });

  it('accepts Version header', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/help/versions', {
      version: '26.0',
    });
    expect(answer.status).toBe(200);
    expect(pluck(answer.body, 'version')).toContain('26.0');
  });

  it('answers unknown path with error JSON', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/nothing_here');
    expect(answer.status).toBe(404);
    expectErrorShape(answer.body, 404, 1002);
  });

  it('answers wrong method with 405', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'DELETE', '/api/siem/offenses');
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe('GET');
  });
});

describe('list parameters', () => {
  it('pages with Range and Content-Range', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      range: 'items=1-5',
    });
    expect(answer.headers['content-range']).toBe('items 1-1/2');
    expect(pluck(answer.body, 'id')).toEqual([102]);
  });

  it('reports whole list without Range', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses');
    expect(answer.headers['content-range']).toBe('items 0-1/2');
  });

  it('reports empty list as 0--1/0', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses?${query({ filter: 'id = 999' })}`,
      { range: 'items=0-49' },
    );
    expect(answer.body).toEqual([]);
    expect(answer.headers['content-range']).toBe('items 0--1/0');
  });

  it('rejects malformed Range', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      range: 'items=0',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toContain('items=x-y');
  });

  it('projects nested fields', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses/101?${query({ fields: 'id,rules(id),log_sources(name)' })}`,
    );
    expect(answer.body).toEqual({
      id: 101,
      rules: [{ id: 100056 }],
      log_sources: [{ name: 'VPN @ vpn01' }],
    });
  });

  it('projects asset interface addresses', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/asset_model/assets?${query({
        fields: 'id,interfaces(ip_addresses(value))',
        filter: 'interfaces contains ip_addresses contains value="10.0.5.20"',
      })}`,
    );
    expect(answer.body).toEqual([
      { id: 2001, interfaces: [{ ip_addresses: [{ value: '10.0.5.20' }] }] },
    ]);
  });

  it('filters assets by host name', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/asset_model/assets?${query({
        filter: 'hostnames contains name="vpn01.corp.example"',
        fields: 'id',
      })}`,
    );
    expect(answer.body).toEqual([{ id: 2001 }]);
  });

  it('filters offenses over HTTP', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses?${query({ filter: 'magnitude >= 4 AND status=OPEN', fields: 'id' })}`,
    );
    expect(answer.body).toEqual([{ id: 101 }]);
  });

  it('decodes double-encoded filter', async () => {
    const simulator = await startTestSimulator();
    const once = encodeURIComponent('id=102');
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses?filter=${encodeURIComponent(once)}&fields=id`,
    );
    expect(answer.body).toEqual([{ id: 102 }]);
  });

  it('rejects bad filter with 1010', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses?${query({ filter: 'id in (1' })}`,
    );
    expect(answer.status).toBe(422);
    expectErrorShape(answer.body, 422, 1010);
  });

  it('sorts with encoded plus', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses?sort=%2Bmagnitude&fields=id',
    );
    expect(answer.body).toEqual([{ id: 102 }, { id: 101 }]);
  });

  it('treats raw plus as ascending', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses?sort=+magnitude&fields=id',
    );
    expect(answer.body).toEqual([{ id: 102 }, { id: 101 }]);
  });

  it('sorts descending', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses?sort=-id&fields=id',
    );
    expect(answer.body).toEqual([{ id: 102 }, { id: 101 }]);
  });

  it('rejects invalid sort with 1030', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses?sort=-no_such_field',
    );
    expect(answer.status).toBe(422);
    expectErrorShape(answer.body, 422, 1030);
  });

  it('rejects offense type sort by name', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offense_types?sort=-name',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe(1012);
  });

  it('resolves offense types by id', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offense_types?${query({ filter: 'id in (0,3)', fields: 'id,name' })}`,
    );
    expect(answer.body).toEqual([
      { id: 0, name: 'Source IP' },
      { id: 3, name: 'Username' },
    ]);
  });
});

describe('startSimulator', () => {
  it('names busy port', async () => {
    const first = await startTestSimulator();
    const port = Number(new URL(first.url).port);
    await expect(startTestSimulator({ port })).rejects.toThrow(
      new RegExp(`Failed to listen on 127\\.0\\.0\\.1:${port}`),
    );
  });
});
