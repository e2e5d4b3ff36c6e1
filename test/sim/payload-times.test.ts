import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { startSimulator } from '../../src/sim/index.js';
import { shiftPayloadTimes } from '../../src/sim/store/payload-times.js';
import {
  callApi,
  cleanupSimulators,
  tempDir,
  testNowMs,
  testToken,
} from './helpers.js';

afterEach(cleanupSimulators);

const hour = 3_600_000;
const day = 24 * hour;
// 2026-11-20T03:36:06Z, the time of the event that carries the payload.
const eventMs = Date.UTC(2026, 10, 20, 3, 36, 6);

describe('shiftPayloadTimes', () => {
  it('shifts syslog time across months', () => {
    expect(
      shiftPayloadTimes('<13>Nov 20 03:36:06 dc01 x', 14 * day, eventMs),
    ).toBe('<13>Dec  4 03:36:06 dc01 x');
  });

  it('keeps zero-padded syslog day', () => {
    expect(shiftPayloadTimes('Dec 05 23:00:00', 2 * hour, eventMs)).toBe(
      'Dec 06 01:00:00',
    );
  });

  it('infers syslog year from event', () => {
    // Dec 31 of the year before the event, moved past New Year.
    const januaryEventMs = Date.UTC(2027, 0, 1, 0, 30, 0);
    expect(
      shiftPayloadTimes('Dec 31 23:30:00 boot', hour, januaryEventMs),
    ).toBe('Jan  1 00:30:00 boot');
  });

  it('skips syslog time without reference', () => {
    expect(shiftPayloadTimes('Nov 20 03:36:06', day, undefined)).toBe(
      'Nov 20 03:36:06',
    );
  });

  it('shifts ISO time with zone', () => {
    expect(
      shiftPayloadTimes('at 2026-11-20T09:39:06Z and', 14 * day, eventMs),
    ).toBe('at 2026-12-04T09:39:06Z and');
  });

  it('shifts ISO fraction and offset', () => {
    expect(
      shiftPayloadTimes('2026-11-20T23:59:59.750+01:00', 500, eventMs),
    ).toBe('2026-11-21T00:00:00.250+01:00');
  });

  it('keeps digits finer than milliseconds', () => {
    expect(shiftPayloadTimes('2026-11-20T09:39:06.1234567Z', 1, eventMs)).toBe(
      '2026-11-20T09:39:06.1244567Z',
    );
  });

  it('truncates to the written precision', () => {
    expect(shiftPayloadTimes('2026-11-20T09:39:06.5Z', 600, eventMs)).toBe(
      '2026-11-20T09:39:07.1Z',
    );
    expect(shiftPayloadTimes('2026-11-20T09:39:06Z', 999, eventMs)).toBe(
      '2026-11-20T09:39:06Z',
    );
  });

  it('shifts space-separated date time', () => {
    expect(
      shiftPayloadTimes('UtcTime: 2026-11-20 03:36:06.000  Id', day, eventMs),
    ).toBe('UtcTime: 2026-11-21 03:36:06.000  Id');
  });

  it('shifts backwards', () => {
    expect(
      shiftPayloadTimes(
        '2026-03-01 00:00:10 Mar  1 00:00:10',
        -20_000,
        eventMs,
      ),
    ).toBe('2026-02-28 23:59:50 Feb 28 23:59:50');
  });

  it.each([
    ['month 13', '2026-13-20T09:39:06Z'],
    ['hour 25', '2026-11-20 25:39:06'],
    ['February 30', '2026-02-30 10:00:00'],
    ['longer number', '12026-11-20 09:39:06'],
    ['syslog hour 24', 'Nov 20 24:00:00'],
    ['syslog day 32', 'Nov 32 10:00:00'],
  ])('leaves %s as written', (_name, text) => {
    expect(shiftPayloadTimes(text, day, eventMs)).toBe(text);
  });
});

describe('payload times in Ariel results', () => {
  it('moves payload times with the event', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'case.json'),
      JSON.stringify({
        id: 'payload',
        title: 'Payload times',
        offense: { id: 9, start_time: eventMs },
        events: [
          {
            starttime: eventMs,
            sourceip: '10.0.5.20',
            eventcount: 1,
            payload:
              '<13>Nov 20 03:36:06 dc01 UtcTime: 2026-11-20 03:36:06.000 at 2026-11-20T03:36:06Z',
          },
        ],
        expected: {
          disposition: 'benign',
          attack_stage: 'benign',
          acceptable: [{ action: 'none' }],
          approval_required: false,
        },
      }),
    );
    const simulator = await startSimulator({
      dbPath: ':memory:',
      token: testToken,
      casesDir: dir,
      now: () => testNowMs,
    });
    const created = await callApi(
      simulator,
      'POST',
      `/api/ariel/searches?query_expression=${encodeURIComponent('SELECT starttime, payload FROM events LAST 1 HOURS')}`,
    );
    const results = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${created.body.search_id}/results`,
    );
    await simulator.close();
    const [row] = results.body.events as {
      starttime: number;
      payload: string;
    }[];
    // The loader puts the newest event five minutes before the clock.
    const shifted = new Date(testNowMs - 5 * 60_000);
    expect(row?.starttime).toBe(shifted.getTime());
    const iso = shifted.toISOString().slice(0, 19);
    const month = shifted.toUTCString().slice(8, 11);
    const dayOfMonth = String(shifted.getUTCDate()).padStart(2, ' ');
    expect(row?.payload).toBe(
      `<13>${month} ${dayOfMonth} ${iso.slice(11)} dc01 UtcTime: ${iso.replace('T', ' ')}.000 at ${iso}Z`,
    );
  });
});
