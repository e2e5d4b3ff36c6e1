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

describe('offense updates', () => {
  it('closes with valid reason', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    clock.advance(60_000);
    const answer = await callApi(
      simulator,
      'POST',
      `/api/siem/offenses/101?${query({ status: 'CLOSED', closing_reason_id: 2 })}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('CLOSED');
    expect(answer.body.closing_reason_id).toBe(2);
    expect(answer.body.close_time).toBe(clock.now());
    expect(answer.body.closing_user).toBe('API_token: qradar-mcp');
    expect(simulator.state.offense(101)?.['status']).toBe('CLOSED');
  });

  it('rejects close without reason', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=CLOSED',
    );
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe(1008);
    expect(simulator.state.offense(101)?.['status']).toBe('OPEN');
  });

  it('rejects close with reserved reason', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=CLOSED&closing_reason_id=4',
    );
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe(1008);
  });

  it('rejects close with unknown reason', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=CLOSED&closing_reason_id=77',
    );
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe(1005);
  });

  it('rejects unknown status', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=DONE',
    );
    expect(answer.status).toBe(422);
  });

  it('reopens closed offense', async () => {
    const simulator = await startTestSimulator();
    await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=CLOSED&closing_reason_id=1',
    );
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101?status=OPEN',
    );
    expect(answer.body.status).toBe('OPEN');
    expect(answer.body.close_time).toBeNull();
    expect(answer.body.closing_reason_id).toBeNull();
  });

  it('assigns and flags offense', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    const before = simulator.state.offense(102)?.['last_persisted_time'];
    clock.advance(5_000);
    const answer = await callApi(
      simulator,
      'POST',
      `/api/siem/offenses/102?${query({ assigned_to: 'alice', follow_up: 'true', protected: 'true', fields: 'id,assigned_to,follow_up,protected,last_persisted_time' })}`,
    );
    expect(answer.body).toEqual({
      id: 102,
      assigned_to: 'alice',
      follow_up: true,
      protected: true,
      last_persisted_time: clock.now(),
    });
    expect(answer.body.last_persisted_time).not.toBe(before);
  });

  it('answers 404 for unknown offense', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(simulator, 'GET', '/api/siem/offenses/5');
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe(1002);
  });
});

describe('offense notes', () => {
  it('creates note and moves last_persisted_time', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    clock.advance(90_000);
    const text = 'Agent run r-1: blocked 203.0.113.7 & notified SOC';
    const answer = await callApi(
      simulator,
      'POST',
      `/api/siem/offenses/101/notes?${query({ note_text: text })}`,
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      note_text: text,
      create_time: clock.now(),
      username: 'API_token: qradar-mcp',
    });
    expect(simulator.state.offense(101)?.['last_persisted_time']).toBe(
      clock.now(),
    );
    const list = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses/101/notes',
    );
    expect(pluck(list.body, 'note_text')).toEqual([
      'Seen before from this range.',
      text,
    ]);
    expect(simulator.state.notes(101)).toHaveLength(2);
  });

  it('rejects note without text', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101/notes',
    );
    expect(answer.status).toBe(422);
  });

  it('answers 1003 for unknown note', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offenses/101/notes/999',
    );
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe(1003);
  });

  it('filters notes by create_time', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    await callApi(
      simulator,
      'POST',
      '/api/siem/offenses/101/notes?note_text=later',
    );
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offenses/101/notes?${query({ filter: `create_time >= ${clock.now()}`, fields: 'note_text' })}`,
    );
    expect(answer.body).toEqual([{ note_text: 'later' }]);
  });
});

describe('closing reasons', () => {
  it('hides reserved reasons by default', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offense_closing_reasons',
    );
    expect(pluck(answer.body, 'text')).toEqual([
      'Non-Issue',
      'False-Positive, Tuned',
      'Policy Violation',
    ]);
  });

  it('lists reserved reasons on request', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/siem/offense_closing_reasons?include_reserved=true',
    );
    expect(answer.body).toHaveLength(4);
  });

  it('finds reason by text filter', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/offense_closing_reasons?${query({ filter: 'text="Non-Issue"', fields: 'id' })}`,
    );
    expect(answer.body).toEqual([{ id: 1 }]);
  });

  it('creates reason and rejects duplicate', async () => {
    const simulator = await startTestSimulator();
    const created = await callApi(
      simulator,
      'POST',
      `/api/siem/offense_closing_reasons?${query({ reason: 'Duplicate offense' })}`,
    );
    expect(created.status).toBe(201);
    const again = await callApi(
      simulator,
      'POST',
      `/api/siem/offense_closing_reasons?${query({ reason: 'duplicate offense' })}`,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(1004);
  });
});

describe('addresses and rules', () => {
  it('resolves source addresses of offense', async () => {
    const simulator = await startTestSimulator();
    const offense = await callApi(simulator, 'GET', '/api/siem/offenses/101');
    const ids = (offense.body.source_address_ids as number[]).join(',');
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/source_addresses?${query({ filter: `id in (${ids})`, fields: 'source_ip' })}`,
    );
    expect(answer.body).toEqual([
      { source_ip: '203.0.113.7' },
      { source_ip: '198.51.100.9' },
    ]);
  });

  it('derives local destinations from events', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/siem/local_destination_addresses?${query({ filter: 'offense_ids contains 101' })}`,
    );
    expect(answer.body).toHaveLength(1);
    expect(answer.body[0].local_destination_ip).toBe('10.0.5.20');
    expect(answer.body[0].event_flow_count).toBe(9);
  });

  it('serves rule names by id', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/analytics/rules/100300',
    );
    expect(answer.body.name).toBe('Local Port Scan Detected');
    expect(answer.body.type).toBe('FLOW');
  });
});
