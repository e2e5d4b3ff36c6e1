import { afterEach, describe, expect, it } from 'vitest';

import {
  callApi,
  cleanupSimulators,
  manualClock,
  query,
  startTestSimulator,
} from './helpers.js';

afterEach(cleanupSimulators);

const blockSet = 'QRadar-MCP Blocked IPs';
const blockPath = `/api/reference_data/sets/${encodeURIComponent(blockSet)}`;

describe('reference sets', () => {
  it('creates set with time to live', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets?${query({ name: blockSet, element_type: 'IP', timeout_type: 'FIRST_SEEN', time_to_live: '7 days' })}`,
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      name: blockSet,
      element_type: 'IP',
      timeout_type: 'FIRST_SEEN',
      time_to_live: '0 years 0mons 7 days 0 hours 0mins 0.0 secs',
      number_of_elements: 0,
    });
  });

  it('rejects duplicate set name', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets?${query({ name: 'Protected Assets', element_type: 'IP' })}`,
    );
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe(1004);
  });

  it('rejects unknown element type', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets?${query({ name: 'x', element_type: 'TEXT' })}`,
    );
    expect(answer.status).toBe(422);
  });

  it('adds, counts and deletes elements', async () => {
    const simulator = await startTestSimulator();
    await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets?${query({ name: blockSet, element_type: 'IP' })}`,
    );
    const added = await callApi(
      simulator,
      'POST',
      `${blockPath}?${query({ value: '203.0.113.7', source: 'qradar-mcp' })}`,
    );
    expect(added.status).toBe(200);
    expect(added.body.number_of_elements).toBe(1);
    expect(added.body).not.toHaveProperty('data');
    await callApi(simulator, 'POST', `${blockPath}?value=198.51.100.9`);
    const set = await callApi(simulator, 'GET', blockPath);
    expect(set.body.number_of_elements).toBe(2);
    expect(set.body.data).toEqual([
      expect.objectContaining({ value: '203.0.113.7', source: 'qradar-mcp' }),
      expect.objectContaining({
        value: '198.51.100.9',
        source: 'reference data api',
      }),
    ]);
    const deleted = await callApi(
      simulator,
      'DELETE',
      `${blockPath}/${encodeURIComponent('203.0.113.7')}`,
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.number_of_elements).toBe(1);
    expect(
      simulator.state
        .referenceSetElements(blockSet)
        ?.map((element) => element.value),
    ).toEqual(['198.51.100.9']);
  });

  it('refreshes existing element', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    await callApi(
      simulator,
      'POST',
      '/api/reference_data/sets?name=Seen&element_type=ALNIC',
    );
    await callApi(
      simulator,
      'POST',
      '/api/reference_data/sets/Seen?value=JDoe',
    );
    clock.advance(1000);
    const again = await callApi(
      simulator,
      'POST',
      '/api/reference_data/sets/Seen?value=jdoe',
    );
    expect(again.body.number_of_elements).toBe(1);
    const [element] = simulator.state.referenceSetElements('Seen') ?? [];
    expect(element?.last_seen).toBe(clock.now());
    expect(element?.first_seen).toBe(clock.now() - 1000);
  });

  it('rejects value of wrong type', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets/${encodeURIComponent('Protected Assets')}?value=not-an-ip`,
    );
    expect(answer.status).toBe(422);
  });

  it('answers 1003 for absent value', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'DELETE',
      `/api/reference_data/sets/${encodeURIComponent('Protected Assets')}/10.9.9.9`,
    );
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe(1003);
    expect(answer.body.message).toBe(
      'Set Protected Assets does not contain value 10.9.9.9',
    );
  });

  it('deletes double-encoded value', async () => {
    const simulator = await startTestSimulator();
    const name = encodeURIComponent(encodeURIComponent('Protected Assets'));
    const value = encodeURIComponent(encodeURIComponent('10.0.5.20'));
    const answer = await callApi(
      simulator,
      'DELETE',
      `/api/reference_data/sets/${name}/${value}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.number_of_elements).toBe(0);
  });

  it('answers 404 for unknown set', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      '/api/reference_data/sets/Nope',
    );
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe(1002);
  });

  it('deletes set with task', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'DELETE',
      `/api/reference_data/sets/${encodeURIComponent('Protected Assets')}`,
    );
    expect(answer.status).toBe(202);
    expect(answer.body.status).toBe('QUEUED');
    expect(simulator.state.referenceSet('Protected Assets')).toBeUndefined();
    const task = await callApi(
      simulator,
      'GET',
      `/api/reference_data/set_delete_tasks/${answer.body.id}`,
    );
    expect(task.body.status).toBe('COMPLETED');
  });

  it('purges elements only', async () => {
    const simulator = await startTestSimulator();
    await callApi(
      simulator,
      'DELETE',
      `/api/reference_data/sets/${encodeURIComponent('Protected Assets')}?purge_only=true`,
    );
    expect(
      simulator.state.referenceSet('Protected Assets')?.number_of_elements,
    ).toBe(0);
  });

  it('pages set elements with Range', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/reference_data/sets/${encodeURIComponent('Authorized Scanners')}`,
      { range: 'items=1-1' },
    );
    expect(answer.headers['content-range']).toBe('items 1-1/2');
    expect(answer.body.data).toHaveLength(1);
  });

  it('expires elements after time to live', async () => {
    const clock = manualClock();
    const simulator = await startTestSimulator({ now: clock.now });
    await callApi(
      simulator,
      'POST',
      `/api/reference_data/sets?${query({ name: blockSet, element_type: 'IP', time_to_live: '1 hour' })}`,
    );
    await callApi(simulator, 'POST', `${blockPath}?value=203.0.113.7`);
    clock.advance(59 * 60_000);
    expect(simulator.state.referenceSet(blockSet)?.number_of_elements).toBe(1);
    clock.advance(60_000);
    const set = await callApi(simulator, 'GET', blockPath);
    expect(set.body.number_of_elements).toBe(0);
    expect(set.body.data).toEqual([]);
  });

  it('lists sets with filter', async () => {
    const simulator = await startTestSimulator();
    const answer = await callApi(
      simulator,
      'GET',
      `/api/reference_data/sets?${query({ filter: 'name ILIKE "%scanner%"', fields: 'name,number_of_elements' })}`,
    );
    expect(answer.body).toEqual([
      { name: 'Authorized Scanners', number_of_elements: 2 },
    ]);
  });
});
