import { afterEach, describe, expect, it } from 'vitest';

import { createSilentLogger } from '../../src/config/index.js';
import { QRadarClient } from '../../src/qradar/index.js';
import {
  callApi,
  cleanupSimulators,
  startTestSimulator,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

interface VersionEntry {
  id: number;
  version: string;
  deprecated: boolean;
  removed: boolean;
}

async function listedVersions(): Promise<Map<string, VersionEntry>> {
  const simulator = await startTestSimulator();
  const answer = await callApi(simulator, 'GET', '/api/help/versions');
  expect(answer.status).toBe(200);
  return new Map(
    (answer.body as VersionEntry[]).map((entry) => [entry.version, entry]),
  );
}

describe('help/versions', () => {
  it.each(['26.0', '25.0', '24.0'])('supports %s', async (version) => {
    const entry = (await listedVersions()).get(version);
    expect(entry?.deprecated).toBe(false);
    expect(entry?.removed).toBe(false);
  });

  it.each(['23.0', '20.0', '12.0'])(
    'lists %s as deprecated, not removed',
    async (version) => {
      const entry = (await listedVersions()).get(version);
      expect(entry?.deprecated).toBe(true);
      expect(entry?.removed).toBe(false);
    },
  );

  it('lists oldest versions as removed', async () => {
    const entry = (await listedVersions()).get('1.0');
    expect(entry?.removed).toBe(true);
  });

  it('lists nothing newer than 26.0', async () => {
    const versions = [...(await listedVersions()).keys()].map(Number);
    expect(Math.max(...versions)).toBe(26);
  });

  it('lets the client negotiate 26.0', async () => {
    const simulator = await startTestSimulator();
    const client = new QRadarClient({
      baseUrl: simulator.url,
      secToken: testToken,
      logger: createSilentLogger(),
    });
    await expect(client.apiVersion()).resolves.toBe('26.0');
    await client.close();
  });
});

describe('Version header', () => {
  it('answers a pinned 20.0 with Deprecated', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses/101', {
      version: '20.0',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(101);
    expect(answer.headers['deprecated']).toContain('20.0');
  });

  it.each(['26.0', '24.0', ''])(
    'answers %j without Deprecated',
    async (version) => {
      const simulator = await startTestSimulator();
      const answer = await callApi(simulator, 'GET', '/api/siem/offenses/101', {
        version,
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['deprecated']).toBeUndefined();
    },
  );

  it('rejects unknown 99.0 with error JSON', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses/101', {
      version: '99.0',
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      http_response: { code: 422, message: expect.any(String) },
      code: 1005,
      message: expect.stringContaining('"99.0" is not a valid version'),
      description: expect.any(String),
      details: {},
    });
    expect(answer.body.message).toContain('26.0');
  });

  it('rejects removed 1.0 as removed', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/help/versions', {
      version: '1.0',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toContain('has been removed');
  });

  it('rejects text that is no version', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      version: 'latest',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe(1005);
  });

  it('checks SEC before Version', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses', {
      sec: 'wrong',
      version: '99.0',
    });
    expect(answer.status).toBe(401);
  });
});
