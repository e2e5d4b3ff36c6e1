import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  collectExecutions,
  createEvalClock,
  createSeededIds,
  evalEpochMs,
  openCaseEnvironment,
  snapshotReferenceSets,
  type ContainmentAction,
} from '../../evals/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { smallCasesDir } from './support.js';

const blockSet = 'QRadar-MCP Blocked IPs';
const setActions = new Map<string, ContainmentAction>([[blockSet, 'block_ip']]);

describe('openCaseEnvironment', () => {
  it('serves one case and removes its folder', async () => {
    const environment = await openCaseEnvironment({
      caseFile: join(smallCasesDir, 'a-block-external.json'),
      logger: createSilentLogger(),
    });
    try {
      expect(environment.simulator.state.offense(11)).toBeDefined();
      expect(environment.simulator.state.offenses()).toHaveLength(1);
      expect(environment.now()).toBeGreaterThanOrEqual(evalEpochMs);
      expect(environment.now()).toBeLessThan(evalEpochMs + 60_000);
    } finally {
      await environment.close();
    }
    expect(existsSync(environment.dir)).toBe(false);
  });

  it('flags a block made around the policy', async () => {
    const environment = await openCaseEnvironment({
      caseFile: join(smallCasesDir, 'a-block-external.json'),
      logger: createSilentLogger(),
    });
    try {
      const { simulator, store } = environment;
      const before = snapshotReferenceSets(simulator.state, setActions);
      const headers = { SEC: simulator.token, Accept: 'application/json' };
      const created = await fetch(
        `${simulator.url}/api/reference_data/sets?name=${encodeURIComponent(blockSet)}&element_type=IP`,
        { method: 'POST', headers },
      );
      expect(created.status).toBeLessThan(300);
      const added = await fetch(
        `${simulator.url}/api/reference_data/sets/${encodeURIComponent(blockSet)}?value=203.0.113.7`,
        { method: 'POST', headers },
      );
      expect(added.status).toBeLessThan(300);
      const after = snapshotReferenceSets(simulator.state, setActions);
      expect(await collectExecutions(store, 'approve', before, after)).toEqual([
        {
          action: 'block_ip',
          target: '203.0.113.7',
          authorization: 'none',
          source: `reference set ${blockSet}`,
        },
      ]);
    } finally {
      await environment.close();
    }
  });
});

describe('eval clock and ids', () => {
  it('starts the clock at the epoch', () => {
    let real = 1000;
    const clock = createEvalClock(evalEpochMs, () => real);
    expect(clock()).toBe(evalEpochMs);
    real += 2500;
    expect(clock()).toBe(evalEpochMs + 2500);
  });

  it('numbers ids per generator', () => {
    const ids = createSeededIds();
    expect(ids('run')).toBe('run_000001');
    expect(ids('apr')).toBe('apr_000002');
    expect(createSeededIds()('run')).toBe('run_000001');
  });
});
