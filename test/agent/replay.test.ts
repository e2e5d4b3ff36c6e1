import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createReplayProvider,
  runTriage,
  withRecording,
  type Recommendation,
} from '../../src/agent/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  connectFakeServer,
  createFakeState,
  type FakeState,
} from './support/fake-server.js';
import {
  createScriptedProvider,
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
  mitre_techniques: [],
  evidence: [{ kind: 'event', ref: 'event:1', excerpt: 'Login failed x40' }],
  rationale: 'Password spraying from one external address.',
  alternatives: [],
};

function seed(state: FakeState, startMs: number, description: string): void {
  state.offenses.set(7, {
    id: 7,
    description,
    start_time: startMs,
    last_updated_time: new Date(startMs + 60_000).toISOString(),
  });
}

describe('replay provider', () => {
  let directory: string;
  let store: Store;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-replay-'));
    store = openStore(join(directory, 'store.sqlite'), {
      logger: createSilentLogger(),
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function triageWith(
    state: FakeState,
    provider: Parameters<typeof runTriage>[0]['provider'],
  ) {
    const connection = await connectFakeServer(state);
    try {
      return await runTriage({
        client: connection.client,
        provider,
        offenseId: 7,
        runs: store.runs,
      });
    } finally {
      await connection.close();
    }
  }

  async function record(path: string): Promise<void> {
    const state = createFakeState();
    seed(state, 1_760_000_000_000, 'Login failures');
    const scripted = createScriptedProvider((_request, turn) =>
      turn === 0
        ? toolTurn([{ name: 'get_offense', arguments: { offense_id: 7 } }])
        : toolTurn(
            [{ name: 'submit_recommendation', arguments: recommendation }],
            turn,
          ),
    );
    await triageWith(
      state,
      withRecording(scripted, path, { pseudonymized: false }),
    );
  }

  it('replays recorded turns with other times', async () => {
    const path = join(directory, 'case.json');
    await record(path);
    expect(readFileSync(path, 'utf8')).toContain('do not edit');
    const state = createFakeState();
    seed(state, 1_765_000_000_000, 'Login failures');
    const result = await triageWith(
      state,
      createReplayProvider({ location: path }),
    );
    expect(result.state).toBe('awaiting_approval');
    expect(state.gatedCalls[0]?.arguments['ip']).toBe('203.0.113.7');
  });

  it('fails the run on cassette miss', async () => {
    const path = join(directory, 'case.json');
    await record(path);
    const state = createFakeState();
    seed(state, 1_760_000_000_000, 'Different offense text');
    const result = await triageWith(
      state,
      createReplayProvider({ location: directory }),
    );
    expect(result.state).toBe('failed');
    expect(result.outcome.detail).toContain('no recorded turn');
    expect(state.gatedCalls).toHaveLength(0);
  });
});
