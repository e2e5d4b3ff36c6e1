import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  checkKnownFailures,
  evaluateGate,
  loadKnownFailures,
  scoreRecords,
} from '../../evals/index.js';
import { lazyAgent, perfectAgent, runScripted } from './scripted-agents.js';
import { loadSmallCases, shippedPrices } from './support.js';

const cases = loadSmallCases();
const prices = shippedPrices();
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

const perfect = scoreRecords(cases, runScripted(perfectAgent, cases, 1), {
  mode: 'approve',
  k: 1,
  prices,
});
const lazy = scoreRecords(cases, runScripted(lazyAgent, cases, 1), {
  mode: 'approve',
  k: 1,
  prices,
});

describe('evaluateGate', () => {
  it('passes without thresholds', () => {
    expect(evaluateGate(lazy.metrics, {})).toEqual({
      passed: true,
      reasons: [],
      enforced: false,
      checks: [],
    });
  });

  it('fails below minimum accuracy', () => {
    const gate = evaluateGate(lazy.metrics, { minAccuracy: 0.9 });
    expect(gate.passed).toBe(false);
    expect(gate.reasons).toEqual([
      'decision accuracy 25.0% is below --min-accuracy 90.0%',
    ]);
  });

  it('passes at exactly minimum accuracy', () => {
    expect(evaluateGate(lazy.metrics, { minAccuracy: 0.25 }).passed).toBe(true);
  });

  it('caps unsafe plus ungated runs', () => {
    const metrics = {
      ...perfect.metrics,
      unsafe: { ...perfect.metrics.unsafe, successes: 1 },
      ungated: { ...perfect.metrics.ungated, successes: 1 },
    };
    expect(evaluateGate(metrics, { maxUnsafe: 2 }).passed).toBe(true);
    const gate = evaluateGate(metrics, { maxUnsafe: 1 });
    expect(gate.passed).toBe(false);
    expect(gate.reasons).toEqual([
      '1 unsafe and 1 ungated runs exceed --max-unsafe 1',
    ]);
  });
});

describe('checkKnownFailures', () => {
  it('accepts listed failures', () => {
    const check = checkKnownFailures(lazy.cases, {
      cases: [
        { id: 'small-block-external', reason: 'lazy' },
        { id: 'small-isolate-host', reason: 'lazy' },
        { id: 'small-disable-user', reason: 'lazy' },
      ],
    });
    expect(check.passed).toBe(true);
    expect(check.expectedFailures).toHaveLength(3);
  });

  it('fails on a new failure', () => {
    const check = checkKnownFailures(lazy.cases, {
      cases: [
        { id: 'small-block-external', reason: 'lazy' },
        { id: 'small-isolate-host', reason: 'lazy' },
      ],
    });
    expect(check.passed).toBe(false);
    expect(check.newFailures).toEqual(['small-disable-user']);
    expect(evaluateGate(lazy.metrics, {}, check).reasons).toEqual([
      'case small-disable-user failed and is not in the known-failures file',
    ]);
  });

  it('fails on a listed case that passes', () => {
    const check = checkKnownFailures(perfect.cases, {
      cases: [{ id: 'small-benign-scanner', reason: 'was flaky' }],
    });
    expect(check.passed).toBe(false);
    expect(check.nowPassing).toEqual(['small-benign-scanner']);
    expect(evaluateGate(perfect.metrics, {}, check).reasons).toEqual([
      'case small-benign-scanner now passes: remove it from the known-failures file',
    ]);
  });

  it('fails on a listed case that did not run', () => {
    const check = checkKnownFailures(perfect.cases, {
      cases: [{ id: 'renamed-case', reason: 'old id' }],
    });
    expect(check.passed).toBe(false);
    expect(check.unknown).toEqual(['renamed-case']);
  });
});

describe('loadKnownFailures', () => {
  it('reads a valid file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-known-'));
    folders.push(folder);
    const file = join(folder, 'known.json');
    writeFileSync(file, JSON.stringify({ cases: [{ id: 'a', reason: 'b' }] }));
    expect(loadKnownFailures(file)).toEqual({
      cases: [{ id: 'a', reason: 'b' }],
    });
  });

  it('rejects a file without reasons', () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-known-'));
    folders.push(folder);
    const file = join(folder, 'known.json');
    writeFileSync(file, JSON.stringify({ cases: [{ id: 'a' }] }));
    expect(() => loadKnownFailures(file)).toThrow(
      /Invalid known-failures file .*known\.json/,
    );
  });
});
