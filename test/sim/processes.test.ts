import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

import {
  generateSimulatorTls,
  openEmbeddedSimulator,
  startSimulator,
  type RunningSimulator,
} from '../../src/sim/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import {
  callApi,
  cleanupSimulators,
  tempDir,
  testCasesDir,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

const cliPath = fileURLToPath(
  new URL('../../dist/src/cli/index.js', import.meta.url),
);
const tlsDir = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));

interface SimProcess {
  child: ChildProcess;
  url: string;
  lines: string[];
}

/** Starts the built `qradar-mcp sim` and resolves once it has printed its URL and token. */
function spawnSim(dataDir: string, extra: string[] = []): Promise<SimProcess> {
  if (!existsSync(cliPath)) {
    throw new Error(`Missing ${cliPath}: run npm run build first.`);
  }
  const child = spawn(
    process.execPath,
    [
      cliPath,
      'sim',
      '--port',
      '0',
      '--token',
      testToken,
      '--cases',
      testCasesDir,
      '--data-dir',
      dataDir,
      ...extra,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, QRADAR_MCP_LOG_LEVEL: 'warn' },
    },
  );
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`sim exited with ${code}: ${lines.join('\n')}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const url = lines
        .map((entry) => /listening at (\S+)/.exec(entry)?.[1])
        .find((entry) => entry !== undefined);
      if (url !== undefined && line.startsWith('Try:'))
        resolve({ child, url, lines });
    });
  });
}

function stopSim(sim: SimProcess): Promise<number | null> {
  return new Promise((resolve) => {
    sim.child.removeAllListeners('exit');
    sim.child.once('exit', (code) => resolve(code));
    sim.child.kill('SIGINT');
  });
}

function remote(url: string): RunningSimulator {
  return { url } as RunningSimulator;
}

describe('sim command', () => {
  it('serves offenses, auth and AQL', async () => {
    const sim = await spawnSim(tempDir());
    let exitCode: number | null | undefined;
    try {
      expect(sim.lines).toContain(`SEC token: ${testToken}`);
      const offenses = await callApi(
        remote(sim.url),
        'GET',
        '/api/siem/offenses?fields=id,description',
      );
      expect(offenses.status).toBe(200);
      expect(offenses.headers['content-range']).toBe('items 0-1/2');
      expect(offenses.body[0]).toEqual({
        id: 101,
        description: expect.any(String),
      });
      const anonymous = await callApi(
        remote(sim.url),
        'GET',
        '/api/siem/offenses',
        { sec: '' },
      );
      expect(anonymous.status).toBe(401);
      const aql =
        'SELECT sourceip, COUNT(*) AS c FROM events WHERE INOFFENSE(101) GROUP BY sourceip ORDER BY c DESC LAST 7 DAYS';
      const created = await callApi(
        remote(sim.url),
        'POST',
        `/api/ariel/searches?query_expression=${encodeURIComponent(aql)}`,
      );
      expect(created.body.status).toBe('COMPLETED');
      const results = await callApi(
        remote(sim.url),
        'GET',
        `/api/ariel/searches/${created.body.search_id}/results`,
      );
      expect(results.body.events).toEqual([
        { sourceip: '203.0.113.7', c: 2 },
        { sourceip: '198.51.100.9', c: 1 },
      ]);
    } finally {
      exitCode = await stopSim(sim);
    }
    expect(exitCode).toBe(0);
  });

  it('shares one store across processes', async () => {
    const dataDir = tempDir();
    const sim = await spawnSim(dataDir);
    const local = await startSimulator({
      dbPath: join(dataDir, 'sim.sqlite'),
      token: testToken,
    });
    let exitCode: number | null | undefined;
    try {
      await callApi(
        local,
        'POST',
        '/api/siem/offenses/101/notes?note_text=from%20local',
      );
      const notes = await callApi(
        remote(sim.url),
        'GET',
        '/api/siem/offenses/101/notes?fields=note_text',
      );
      expect(notes.body).toEqual([
        { note_text: 'Seen before from this range.' },
        { note_text: 'from local' },
      ]);

      await callApi(
        remote(sim.url),
        'POST',
        '/api/reference_data/sets?name=Shared&element_type=IP',
      );
      await callApi(
        remote(sim.url),
        'POST',
        '/api/reference_data/sets/Shared?value=192.0.2.44',
      );
      expect(
        local.state
          .referenceSetElements('Shared')
          ?.map((element) => element.value),
      ).toEqual(['192.0.2.44']);

      await callApi(
        local,
        'POST',
        '/api/siem/offenses/102?status=CLOSED&closing_reason_id=1',
      );
      const closed = await callApi(
        remote(sim.url),
        'GET',
        '/api/siem/offenses/102?fields=status',
      );
      expect(closed.body).toEqual({ status: 'CLOSED' });
    } finally {
      await local.close();
      exitCode = await stopSim(sim);
    }
    expect(exitCode).toBe(0);
  });
  it('serves TLS with faults file', async () => {
    const dataDir = tempDir();
    const faultsFile = join(dataDir, 'faults.yaml');
    writeFileSync(
      faultsFile,
      "- path: '^/api/help/versions$'\n  status: 503\n  retryAfterS: 4\n  count: 1\n",
    );
    const sim = await spawnSim(dataDir, ['--tls', '--faults', faultsFile]);
    let exitCode: number | null | undefined;
    try {
      expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
      const caLine = sim.lines.find((line) =>
        line.startsWith('CA certificate: '),
      );
      expect(caLine).toBe(`CA certificate: ${join(dataDir, 'sim-ca.pem')}`);
      const dispatcher = new Agent({
        connect: { ca: readFileSync(join(dataDir, 'sim-ca.pem'), 'utf8') },
      });
      try {
        const fault = await request(`${sim.url}/api/help/versions`, {
          headers: { sec: testToken },
          dispatcher,
        });
        await fault.body.dump();
        expect(fault.statusCode).toBe(503);
        expect(fault.headers['retry-after']).toBe('4');
        const next = await request(`${sim.url}/api/help/versions`, {
          headers: { sec: testToken },
          dispatcher,
        });
        await next.body.dump();
        expect(next.statusCode).toBe(200);
      } finally {
        await dispatcher.close();
      }
    } finally {
      exitCode = await stopSim(sim);
    }
    expect(exitCode).toBe(0);
  });
});

describe('embedded simulator', () => {
  it('opens data dir store on loopback', async () => {
    const dataDir = tempDir();
    const embedded = await openEmbeddedSimulator(
      { dataDir },
      createSilentLogger(),
      { casesDir: testCasesDir },
    );
    try {
      expect(embedded.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(embedded.token.length).toBeGreaterThanOrEqual(32);
      const answer = await request(
        `${embedded.url}/api/siem/offenses/101?fields=id`,
        {
          headers: { sec: embedded.token },
        },
      );
      expect(await answer.body.json()).toEqual({ id: 101 });
      expect(existsSync(join(dataDir, 'sim.sqlite'))).toBe(true);
    } finally {
      await embedded.close();
    }
  });
});

describe('simulator over TLS', () => {
  async function fetchAbout(url: string, ca: string): Promise<number> {
    const dispatcher = new Agent({ connect: { ca } });
    try {
      const answer = await request(`${url}/api/system/about`, {
        headers: { sec: testToken },
        dispatcher,
      });
      await answer.body.dump();
      return answer.statusCode;
    } finally {
      await dispatcher.close();
    }
  }

  it('serves fixture certificate', async () => {
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: testToken,
      casesDir: testCasesDir,
      tls: {
        key: readFileSync(join(tlsDir, 'server-key.pem'), 'utf8'),
        cert: readFileSync(join(tlsDir, 'server.pem'), 'utf8'),
      },
    });
    try {
      expect(simulator.url).toMatch(/^https:/);
      expect(
        await fetchAbout(
          simulator.url,
          readFileSync(join(tlsDir, 'ca.pem'), 'utf8'),
        ),
      ).toBe(200);
      await expect(
        fetchAbout(
          simulator.url,
          readFileSync(join(tlsDir, 'other-ca.pem'), 'utf8'),
        ),
      ).rejects.toThrow();
    } finally {
      await simulator.close();
    }
  });

  it('serves generated certificate', async () => {
    const dir = tempDir();
    const tls = await generateSimulatorTls(dir);
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: testToken,
      casesDir: testCasesDir,
      tls: { key: tls.key, cert: tls.cert },
    });
    try {
      const { statSync } = await import('node:fs');
      expect(
        await fetchAbout(simulator.url, readFileSync(tls.caFile, 'utf8')),
      ).toBe(200);
      expect(statSync(join(dir, 'sim-key.pem')).mode & 0o777).toBe(0o600);
    } finally {
      await simulator.close();
    }
  });
});
