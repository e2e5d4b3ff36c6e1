import { afterEach, describe, expect, it } from 'vitest';

import { ConfigError, createSilentLogger } from '../../src/config/index.js';
import { QRadarClient } from '../../src/qradar/index.js';
import {
  startFixtureServer,
  type FixtureServer,
} from '../support/fixture-server.js';

let server: FixtureServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function createClient(baseUrl: string): QRadarClient {
  return new QRadarClient({
    baseUrl,
    secToken: 'options-token',
    apiVersion: '26.0',
    logger: createSilentLogger(),
  });
}

describe('QRadar client options', () => {
  it('rejects credentials in URL', () => {
    expect(() =>
      createClient('https://admin:secret@qradar.example.com'),
    ).toThrow(ConfigError);
    expect(() =>
      createClient('https://admin:secret@qradar.example.com'),
    ).not.toThrow(/secret/);
  });

  it('rejects non-HTTP scheme', () => {
    expect(() => createClient('ftp://qradar.example.com')).toThrow(
      /Invalid QRADAR_URL scheme "ftp:"/,
    );
  });

  it('keeps base path before /api', async () => {
    server = await startFixtureServer([
      {
        method: 'GET',
        path: '/console/api/system/about',
        body: { release_name: '7.5.0 UpdatePackage 13' },
      },
    ]);
    const client = createClient(`${server.url}/console/`);
    const about = await client.getSystemAbout();
    await client.close();
    expect(about.release_name).toBe('7.5.0 UpdatePackage 13');
    expect(server.requests.map((request) => request.path)).toEqual([
      '/console/api/system/about',
    ]);
  });

  it('sends Range on every list', async () => {
    server = await startFixtureServer([
      { method: 'GET', path: '/api/siem/offenses', body: [] },
    ]);
    const client = createClient(server.url);
    const page = await client.listOffenses();
    await client.close();
    expect(page.items).toEqual([]);
    expect(server.requests[0]?.headers['range']).toBe('items=0-49');
    expect(server.requests[0]?.query).toBe('');
  });
});
