import { afterEach, describe, expect, it } from 'vitest';

import {
  callApi,
  cleanupSimulators,
  pluck,
  manualClock,
  query,
  startTestSimulator,
} from './helpers.js';

afterEach(cleanupSimulators);

const offenseQuery =
  'SELECT sourceip, COUNT(*) AS c FROM events WHERE INOFFENSE(101) GROUP BY sourceip LAST 7 DAYS';

function searchPath(aql: string): string {
  return `/api/ariel/searches?${query({ query_expression: aql })}`;
}

function sortedBySource(rows: { sourceip: string }[]) {
  return [...rows].sort((left, right) =>
    left.sourceip.localeCompare(right.sourceip),
  );
}

describe('ariel lifecycle', () => {
  it('moves from WAIT to COMPLETED', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({
      now: clock.now,
      arielDelayMs: 10_000,
    });
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'WAIT', progress: 0 });
    const id: string = created.body.search_id;
    expect(created.body.cursor_id).toBe(id);

    const early = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${id}/results`,
    );
    expect(early.status).toBe(404);
    expect(early.body.code).toBe(1003);

    clock.advance(5_000);
    const running = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${id}`,
    );
    expect(running.body).toMatchObject({ status: 'EXECUTE', progress: 50 });

    clock.advance(2_500);
    const later = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`);
    expect(later.body.progress).toBe(75);

    clock.advance(2_500);
    const done = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      progress: 100,
      record_count: 2,
      completed: true,
    });
    const results = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${id}/results`,
    );
    expect(results.status).toBe(200);
    expect(
      sortedBySource(results.body.events as { sourceip: string }[]),
    ).toEqual([
      { sourceip: '198.51.100.9', c: 1 },
      { sourceip: '203.0.113.7', c: 2 },
    ]);
    expect(simulator.state.arielSearch(id)?.status).toBe('COMPLETED');
  });

  it('completes at once without delay', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    expect(created.body.status).toBe('COMPLETED');
  });

  it('honours Prefer wait', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({
      now: clock.now,
      sleep: (ms) => {
        clock.advance(ms);
        return Promise.resolve();
      },
      arielDelayMs: 10_000,
    });
    const startMs = clock.now();
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    const id: string = created.body.search_id;
    const short = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`, {
      prefer: 'wait=2',
    });
    expect(short.status).toBe(206);
    expect(short.body.status).toBe('EXECUTE');
    const long = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`, {
      prefer: 'wait=30',
    });
    expect(long.status).toBe(200);
    expect(long.body.status).toBe('COMPLETED');
    expect(clock.now() - startMs).toBeGreaterThanOrEqual(10_000);
  });

  it('pages results with Range', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(
      simulator,
      'POST',
      searchPath(
        'SELECT username, starttime FROM events WHERE INOFFENSE(101) ORDER BY starttime LAST 1 DAYS',
      ),
    );
    const id: string = created.body.search_id;
    const page = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${id}/results`,
      {
        range: 'items=1-1',
      },
    );
    expect(page.headers['content-range']).toBe('items 1-1/3');
    expect(page.body.events).toEqual([
      expect.objectContaining({ username: 'bob' }),
    ]);
  });

  it('keys flow results by flows', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(
      simulator,
      'POST',
      searchPath(
        'SELECT destinationip FROM flows WHERE INOFFENSE(102) ORDER BY destinationip LAST 1 DAYS',
      ),
    );
    const results = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${created.body.search_id}/results`,
    );
    expect(results.body).toEqual({
      flows: [{ destinationip: '10.0.5.21' }, { destinationip: '10.0.5.22' }],
    });
  });

  it('cancels running search', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({
      now: clock.now,
      arielDelayMs: 10_000,
    });
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    const id: string = created.body.search_id;
    clock.advance(5_000);
    const canceled = await callApi(
      simulator,
      'POST',
      `/api/ariel/searches/${id}?status=CANCELED`,
    );
    expect(canceled.body.status).toBe('CANCELED');
    clock.advance(60_000);
    const later = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`);
    expect(later.body.status).toBe('CANCELED');
    const partial = await callApi(
      simulator,
      'GET',
      `/api/ariel/searches/${id}/results`,
    );
    expect(partial.status).toBe(200);
    expect(partial.body.events).toHaveLength(1);
  });

  it('deletes search with 202', async () => {
    const simulator = await startTestSimulator({ arielDelayMs: 10_000 });
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    const id: string = created.body.search_id;
    const deleted = await callApi(
      simulator,
      'DELETE',
      `/api/ariel/searches/${id}`,
    );
    expect(deleted.status).toBe(202);
    expect(deleted.body.status).toBe('CANCELED');
    const gone = await callApi(simulator, 'GET', `/api/ariel/searches/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(1002);
    expect(simulator.state.arielSearch(id)).toBeUndefined();
  });

  it('lists search ids', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(simulator, 'POST', searchPath(offenseQuery));
    const list = await callApi(simulator, 'GET', '/api/ariel/searches');
    expect(list.body).toEqual([created.body.search_id]);
  });
});

describe('ariel errors', () => {
  it('rejects invalid AQL with 2000', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      searchPath('SELECT FROM events WHERE'),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe(2000);
    expect(answer.body.message).toMatch(/position/);
    expect(answer.body.details.error_messages[0].severity).toBe('ERROR');
  });

  it('rejects missing query_expression', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'POST', '/api/ariel/searches');
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe(1005);
  });

  it('answers 404 for unknown search', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/ariel/searches/nope/results',
    );
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe(1002);
  });
});

describe('ariel databases', () => {
  it('lists events and flows', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/ariel/databases');
    expect(answer.body).toEqual(['events', 'flows']);
  });

  it('describes event columns', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/ariel/databases/events',
    );
    const names = pluck(answer.body.columns, 'name');
    expect(names).toContain('sourceip');
    expect(names).toContain('starttime');
  });
});
