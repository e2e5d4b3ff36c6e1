import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadCaseFiles, startSimulator } from '../../src/sim/index.js';
import {
  callApi,
  cleanupSimulators,
  manualClock,
  startTestSimulator,
  tempDir,
  testCasesDir,
  testNowMs,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

const minute = 60_000;
// Newest event of the test cases, in case time.
const newestCaseEventMs = 1_700_000_600_000;

function caseFile(id: string, offenseId: number, assetId?: number): object {
  return {
    id,
    title: `Case ${id}`,
    offense: { id: offenseId, start_time: 1_700_000_000_000 },
    events: [
      { starttime: 1_700_000_000_000, sourceip: '192.0.2.1', eventcount: 1 },
    ],
    assets: assetId === undefined ? [] : [{ id: assetId }],
    reference_sets: {
      'Critical Assets': {
        element_type: 'IP',
        elements: [`10.1.1.${offenseId % 250}`],
      },
    },
    rationale: 'secret rationale text',
    expected: {
      disposition: 'benign',
      attack_stage: 'benign',
      acceptable: [{ action: 'none' }],
      approval_required: false,
    },
  };
}

describe('case times', () => {
  it('places newest event five minutes back', async () => {
    const simulator = await startTestSimulator();
    const offense = simulator.state.offense(101);
    expect(offense?.['last_updated_time']).toBe(testNowMs - 5 * minute);
    const delta = testNowMs - 5 * minute - newestCaseEventMs;
    expect(offense?.['start_time']).toBe(1_700_000_000_000 + delta);
    expect(simulator.state.notes(101)[0]?.create_time).toBe(
      1_700_000_400_000 + delta,
    );
  });

  it('shifts event times for AQL', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(
      simulator,
      'POST',
      `/api/ariel/searches?query_expression=${encodeURIComponent('SELECT MAX(starttime) AS newest FROM events LAST 10 MINUTES')}`,
    );
    const results = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${created.body.search_id}/results`,
    );
    expect(results.body.events).toEqual([{ newest: testNowMs - 5 * minute }]);
  });

  it('rebases stored times on later start', async () => {
    const dbPath = join(tempDir(), 'sim.sqlite');
    const clock = manualClock();
    const first = await startSimulator({
      dbPath,
      token: testToken,
      casesDir: testCasesDir,
      now: clock.now,
    });
    await callApi(first, 'POST', '/api/siem/offenses/101/notes?note_text=mine');
    await first.close();

    clock.advance(10 * minute);
    const soon = await startSimulator({
      dbPath,
      token: testToken,
      now: clock.now,
    });
    expect(soon.state.offense(101)?.['last_updated_time']).toBe(
      testNowMs - 5 * minute,
    );
    await soon.close();

    clock.advance(3 * 60 * minute);
    const later = await startSimulator({
      dbPath,
      token: testToken,
      now: clock.now,
    });
    expect(later.state.offense(101)?.['last_updated_time']).toBe(
      clock.now() - 5 * minute,
    );
    const notes = later.state.notes(101);
    expect(notes.map((note) => note.note_text)).toEqual([
      'Seen before from this range.',
      'mine',
    ]);
    // The whole store moves together, so a note written at start moves with the events.
    expect(notes[1]?.create_time).toBe(clock.now());
    await later.close();
  });
});

describe('case loading', () => {
  it('sums eventcount into event_count', async () => {
    const simulator = await startTestSimulator();
    expect(simulator.state.offense(101)?.['event_count']).toBe(9);
    expect(simulator.state.offense(102)?.['flow_count']).toBe(2);
  });

  it('keeps rule names out of offenses', async () => {
    const simulator = await startTestSimulator();
    expect(simulator.state.offense(101)?.['rules']).toEqual([
      { id: 100056, type: 'CRE_RULE' },
    ]);
  });

  it('merges same-named reference sets', async () => {
    const simulator = await startTestSimulator();
    const values = simulator.state
      .referenceSetElements('Authorized Scanners')
      ?.map((element) => element.value);
    expect(values).toEqual(['10.0.9.9', '10.0.9.10']);
    expect(simulator.state.referenceSet('Authorized Scanners')).toMatchObject({
      timeout_type: 'LAST_SEEN',
      time_to_live: '0 years 0mons 30 days 0 hours 0mins 0.0 secs',
    });
  });

  it('names both files on offense collision', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(caseFile('a', 7)));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(caseFile('b', 7)));
    await expect(
      startSimulator({ dbPath: ':memory:', token: testToken, casesDir: dir }),
    ).rejects.toThrow(
      new RegExp(
        `offense id 7 is defined in both ${join(dir, 'a.json')} and ${join(dir, 'b.json')}`,
      ),
    );
  });

  it('names both files on asset collision', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(caseFile('a', 7, 500)));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(caseFile('b', 8, 500)));
    await expect(
      startSimulator({ dbPath: ':memory:', token: testToken, casesDir: dir }),
    ).rejects.toThrow(
      /asset id 500 is defined in both .*a\.json and .*b\.json/,
    );
  });

  it('never serves expected, rationale or injection', async () => {
    const dbPath = join(tempDir(), 'sim.sqlite');
    const simulator = await startTestSimulator({ dbPath });
    const paths = [
      '/api/siem/offenses',
      '/api/siem/offenses/101',
      '/api/siem/offenses/101/notes',
      '/api/siem/source_addresses',
      '/api/siem/local_destination_addresses',
      '/api/analytics/rules',
      '/api/asset_model/assets',
      '/api/reference_data/sets',
    ];
    const bodies: string[] = [];
    for (const path of paths) {
      bodies.push(JSON.stringify((await callApi(simulator, 'GET', path)).body));
    }
    const created = await callApi(
      simulator,
      'POST',
      `/api/ariel/searches?query_expression=${encodeURIComponent('SELECT * FROM events LAST 1 DAYS')}`,
    );
    bodies.push(
      JSON.stringify(
        (
          await callApi(
            simulator,
            'GET',
            `/api/ariel/searches/${created.body.search_id}/results`,
          )
        ).body,
      ),
    );
    await simulator.close();
    const served = bodies.join('\n');
    const stored = readFileSync(dbPath).toString('latin1');
    for (const secret of [
      'Spraying from one external address',
      'The source is a listed scanner',
      'approval_required',
      'true_positive',
      'demands',
      'rationale',
    ]) {
      expect(served).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });

  it('loads cases only into empty store', async () => {
    const dbPath = join(tempDir(), 'sim.sqlite');
    const first = await startSimulator({
      dbPath,
      token: testToken,
      casesDir: testCasesDir,
    });
    await first.close();
    const otherDir = tempDir();
    writeFileSync(join(otherDir, 'c.json'), JSON.stringify(caseFile('c', 7)));
    const second = await startSimulator({
      dbPath,
      token: testToken,
      casesDir: otherDir,
    });
    expect(second.state.offenses().map((offense) => offense['id'])).toEqual([
      101, 102,
    ]);
    await second.close();
    const reloaded = await startSimulator({
      dbPath,
      token: testToken,
      casesDir: otherDir,
      reloadCases: true,
    });
    expect(reloaded.state.offenses().map((offense) => offense['id'])).toEqual([
      7,
    ]);
    await reloaded.close();
  });

  it('rejects invalid case naming file', async () => {
    const dir = tempDir();
    copyFileSync(
      join(testCasesDir, 'bruteforce-vpn.json'),
      join(dir, 'ok.json'),
    );
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ id: 'x' }));
    await expect(
      startSimulator({ dbPath: ':memory:', token: testToken, casesDir: dir }),
    ).rejects.toThrow(/broken\.json: title/);
  });
});

describe('preloaded cases', () => {
  it('loads cases passed directly', async () => {
    const cases = loadCaseFiles(testCasesDir).slice(1);
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: testToken,
      cases,
    });
    expect(simulator.state.offenses().map((offense) => offense['id'])).toEqual([
      102,
    ]);
    await simulator.close();
  });
});
