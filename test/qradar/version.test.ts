import { afterEach, describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import {
  pickApiVersion,
  QRadarClient,
  QRadarError,
} from '../../src/qradar/index.js';
import {
  startFixtureServer,
  type FixtureServer,
} from '../support/fixture-server.js';

let server: FixtureServer | undefined;
let client: QRadarClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setUp(
  versions: unknown,
  apiVersion?: string,
): Promise<{ server: FixtureServer; client: QRadarClient }> {
  server = await startFixtureServer([
    { method: 'GET', path: '/api/help/versions', body: versions },
    {
      method: 'GET',
      path: '/api/system/about',
      body: { release_name: '7.5.0' },
    },
  ]);
  client = new QRadarClient({
    baseUrl: server.url,
    secToken: 'version-token',
    apiVersion,
    logger: createSilentLogger(),
  });
  return { server, client };
}

describe('API version negotiation', () => {
  it('picks highest shared version', () => {
    expect(
      pickApiVersion([
        { version: '27.0' },
        { version: '26.0' },
        { version: '25.0' },
      ]),
    ).toBe('26.0');
  });

  it('compares versions numerically', () => {
    expect(pickApiVersion([{ version: '13.1' }, { version: '9.0' }])).toBe(
      '13.1',
    );
  });

  it('skips removed versions', () => {
    expect(
      pickApiVersion([
        { version: '26.0', removed: true },
        { version: '20.0', removed: false },
      ]),
    ).toBe('20.0');
  });

  it('sends negotiated Version header once', async () => {
    const { server, client } = await setUp([
      { version: '24.0' },
      { version: '25.0' },
      { version: '26.0', deprecated: false, removed: false },
      { version: '27.0' },
    ]);
    await client.getSystemAbout();
    await client.getSystemAbout();
    const negotiations = server.requests.filter(
      (request) => request.path === '/api/help/versions',
    );
    expect(negotiations).toHaveLength(1);
    const calls = server.requests.filter(
      (request) => request.path === '/api/system/about',
    );
    expect(calls.map((request) => request.headers['version'])).toEqual([
      '26.0',
      '26.0',
    ]);
    expect(calls[0]?.headers['accept']).toBe('application/json');
    expect(calls[0]?.headers['sec']).toBe('version-token');
  });

  it('uses pinned version without probing', async () => {
    const { server, client } = await setUp([{ version: '26.0' }], '20.0');
    await client.getSystemAbout();
    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/system/about',
    ]);
    expect(server.requests[0]?.headers['version']).toBe('20.0');
  });

  it('fails without shared version', async () => {
    const { client } = await setUp([{ version: '8.0' }, { version: '9.1' }]);
    const error: unknown = await client
      .getSystemAbout()
      .catch((caught: unknown) => caught);
    expect(QRadarError.is(error)).toBe(true);
    expect((error as QRadarError).code).toBe('QRADAR_VERSION_UNSUPPORTED');
    expect((error as QRadarError).message).toContain('8.0, 9.1');
    expect((error as QRadarError).message).toContain('QRADAR_API_VERSION');
  });

  it('retries negotiation after failure', async () => {
    const { server, client } = await setUp([{ version: '9.1' }]);
    await expect(client.apiVersion()).rejects.toThrow(/QRADAR_API_VERSION/);
    server.setRoute({
      method: 'GET',
      path: '/api/help/versions',
      body: [{ version: '21.0' }],
    });
    await expect(client.apiVersion()).resolves.toBe('21.0');
  });
});
