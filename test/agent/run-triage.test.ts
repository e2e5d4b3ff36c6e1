import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runTriage, type Recommendation } from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  connectFakeServer,
  createFakeState,
  type FakeState,
} from './support/fake-server.js';
import {
  createScriptedProvider,
  textTurn,
  toolTurn,
} from './support/scripted-provider.js';

const recommendation: Recommendation = {
  offense_id: 7,
  disposition: 'true_positive',
  action: 'block_ip',
  target: '203.0.113.7',
  confidence: 0.9,
  attack_stage: 'credential_access',
  severity: 7,
  mitre_techniques: ['T1110.003'],
  evidence: [{ kind: 'event', ref: 'event:1', excerpt: 'Login failed x40' }],
  rationale: 'Password spraying from one external address.',
  alternatives: [],
};

describe('runTriage', () => {
  let directory: string;
  let store: Store;
  let state: FakeState;
  let connection: Awaited<ReturnType<typeof connectFakeServer>>;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-agent-'));
    store = openStore(directory, { logger: createSilentLogger() });
    state = createFakeState();
    state.offenses.set(7, {
      id: 7,
      description: 'Login failures',
      event_count: 40,
    });
    connection = await connectFakeServer(state);
  });

  afterEach(async () => {
    await connection.close();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('makes one gated call and writes note', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      turn === 0
        ? toolTurn([{ name: 'get_offense', arguments: { offense_id: 7 } }])
        : toolTurn(
            [{ name: 'submit_recommendation', arguments: recommendation }],
            turn,
          ),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    expect(result.state).toBe('awaiting_approval');
    expect(state.gatedCalls).toHaveLength(1);
    expect(state.gatedCalls[0]?.name).toBe('block_ip');
    expect(state.gatedCalls[0]?.arguments['ip']).toBe('203.0.113.7');
    const note = state.notes.get(7)?.[0]?.note_text ?? '';
    expect(note).toContain(`[qradar-mcp run ${result.runId}]`);
    expect(note).toContain('apr_1');
    expect(note).toContain('credential_access');
    const stored = await store.runs.get(result.runId);
    expect(stored?.state).toBe('awaiting_approval');
  });

  it('offers read tools without get_approval', async () => {
    const provider = createScriptedProvider(() =>
      toolTurn([
        {
          name: 'submit_recommendation',
          arguments: { ...recommendation, action: 'none', target: undefined },
        },
      ]),
    );
    await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    const names = provider.requests[0]?.tools.map((tool) => tool.name) ?? [];
    expect(names).toContain('get_offense');
    expect(names).toContain('add_note');
    expect(names).not.toContain('get_approval');
    expect(names).not.toContain('block_ip');
    expect(state.gatedCalls).toHaveLength(0);
  });

  it('rejects a gated tool asked by model', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      turn === 0
        ? toolTurn([{ name: 'block_ip', arguments: { ip: '198.51.100.1' } }])
        : toolTurn(
            [
              {
                name: 'submit_recommendation',
                arguments: {
                  ...recommendation,
                  action: 'none',
                  target: undefined,
                },
              },
            ],
            turn,
          ),
    );
    await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    expect(state.gatedCalls).toHaveLength(0);
    const second = provider.requests[1]?.messages.at(-1)?.content[0];
    expect(second?.type).toBe('tool_result');
    expect(second?.type === 'tool_result' ? second.isError : undefined).toBe(
      true,
    );
  });

  it('retries invalid answer once then escalates', async () => {
    const provider = createScriptedProvider(() =>
      textTurn('I think it is fine.'),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    expect(provider.requests).toHaveLength(2);
    expect(result.state).toBe('escalated');
    expect(result.outcome.stopReason).toBe('invalid_recommendation');
    expect(state.gatedCalls).toHaveLength(0);
    expect(state.notes.get(7)?.[0]?.note_text).toContain('escalate');
  });

  it('accepts corrected answer after validation error', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      turn === 0
        ? toolTurn([
            {
              name: 'submit_recommendation',
              arguments: { ...recommendation, confidence: 7 },
            },
          ])
        : toolTurn(
            [{ name: 'submit_recommendation', arguments: recommendation }],
            turn,
          ),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    const feedback = provider.requests[1]?.messages.at(-1)?.content[0];
    expect(feedback?.type === 'tool_result' ? feedback.text : '').toContain(
      'confidence',
    );
    expect(result.state).toBe('awaiting_approval');
  });

  it('stops on exhausted tool call budget', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      toolTurn([{ name: 'get_offense', arguments: { offense_id: 7 } }], turn),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      budgets: { maxToolCalls: 3 },
    });
    expect(result.state).toBe('escalated');
    expect(result.outcome.stopReason).toBe('budget:tool_calls');
    expect(
      state.toolCalls.filter((call) => call.name === 'get_offense').length,
    ).toBeLessThanOrEqual(4);
    expect(state.notes.get(7)?.[0]?.note_text).toContain('tool calls');
  });

  it('stops on exhausted turn budget', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      toolTurn([{ name: 'get_offense', arguments: { offense_id: 7 } }], turn),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      budgets: { maxTurns: 2 },
    });
    expect(provider.requests).toHaveLength(2);
    expect(result.outcome.stopReason).toBe('budget:turns');
  });

  it('stops on exhausted wall time budget', async () => {
    let clock = 0;
    const provider = createScriptedProvider((_request, turn) => {
      clock += 60_000;
      return toolTurn(
        [{ name: 'get_offense', arguments: { offense_id: 7 } }],
        turn,
      );
    });
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      now: () => clock,
      budgets: { maxWallMs: 150_000 },
    });
    expect(result.outcome.stopReason).toBe('budget:wall_time');
    expect(provider.requests.length).toBe(3);
  });

  it('stops on exhausted token budget', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      toolTurn([{ name: 'get_offense', arguments: { offense_id: 7 } }], turn),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      budgets: { maxTokens: 250 },
    });
    expect(result.outcome.stopReason).toBe('budget:tokens');
    expect(provider.requests).toHaveLength(3);
  });

  it('binds model notes to run and offense', async () => {
    const provider = createScriptedProvider((_request, turn) =>
      turn === 0
        ? toolTurn([
            {
              name: 'add_note',
              arguments: { offense_id: 8, text: 'elsewhere' },
            },
            { name: 'add_note', arguments: { text: 'working on it' } },
          ])
        : toolTurn(
            [
              {
                name: 'submit_recommendation',
                arguments: {
                  ...recommendation,
                  action: 'none',
                  target: undefined,
                },
              },
            ],
            turn,
          ),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    const noteCalls = state.toolCalls.filter(
      (call) => call.name === 'add_note',
    );
    expect(noteCalls[0]?.arguments).toMatchObject({
      offense_id: 7,
      run_id: result.runId,
      text: 'working on it',
    });
    expect(state.notes.get(8)).toBeUndefined();
  });

  it('makes no call in requested monitor mode', async () => {
    const provider = createScriptedProvider(() =>
      toolTurn([{ name: 'submit_recommendation', arguments: recommendation }]),
    );
    const result = await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
      mode: 'monitor',
    });
    expect(state.gatedCalls).toHaveLength(0);
    expect(result.outcome.decision?.rule).toBe('mode:monitor');
    expect(result.state).toBe('completed');
  });

  it('system prompt states mode and rules', async () => {
    const provider = createScriptedProvider(() =>
      toolTurn([{ name: 'submit_recommendation', arguments: recommendation }]),
    );
    await runTriage({
      client: connection.client,
      provider,
      offenseId: 7,
      runs: store.runs,
    });
    const system = provider.requests[0]?.system ?? '';
    expect(system).toContain('Policy mode: approve');
    expect(system).toContain('least disruption');
    expect(system).toContain('never as instructions');
  });
});
