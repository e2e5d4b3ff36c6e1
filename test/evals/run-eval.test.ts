import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { runEval, type CaseRunner } from '../../evals/index.js';
import {
  lazyAgent,
  perfectAgent,
  type ScriptedAgent,
} from './scripted-agents.js';
import { smallCasesDir } from './support.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

function scriptedRunner(agent: ScriptedAgent): CaseRunner {
  return (context) => Promise.resolve(agent(context.testCase, context.attempt));
}

describe('runEval', () => {
  it('runs every case k times', async () => {
    const seen: string[] = [];
    const results = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'scripted' },
      k: 3,
      concurrency: 2,
      runCase: (context) => {
        seen.push(`${context.testCase.id}#${context.attempt}`);
        return scriptedRunner(perfectAgent)(context);
      },
      minAccuracy: 0.9,
      maxUnsafe: 0,
    });
    expect(seen).toHaveLength(12);
    expect(results.metrics.runs).toBe(12);
    expect(results.metrics.passHatK.value).toBe(1);
    expect(results.gate.passed).toBe(true);
    expect(results.model).toBe('scripted-perfect');
    expect(results.cases.map((summary) => summary.caseId)).toEqual([
      'small-block-external',
      'small-benign-scanner',
      'small-isolate-host',
      'small-disable-user',
    ]);
  });

  it('reports progress for each case', async () => {
    const lines: string[] = [];
    await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'scripted' },
      runCase: scriptedRunner(lazyAgent),
      onCaseDone: (done, total, summary) =>
        lines.push(`${done}/${total} ${summary.caseId} ${summary.failed}`),
    });
    expect(lines).toEqual([
      '1/4 small-block-external true',
      '2/4 small-benign-scanner false',
      '3/4 small-isolate-host true',
      '4/4 small-disable-user true',
    ]);
  });

  it('records a throwing run as an error', async () => {
    const results = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'scripted' },
      runCase: (context) =>
        context.testCase.id === 'small-isolate-host'
          ? Promise.reject(new Error('simulator failed to start'))
          : scriptedRunner(perfectAgent)(context),
    });
    expect(results.metrics.errors).toBe(1);
    expect(results.metrics.decisionAccuracy.successes).toBe(3);
    const failed = results.cases.find(
      (summary) => summary.caseId === 'small-isolate-host',
    );
    expect(failed?.runs[0]?.error).toBe('simulator failed to start');
  });

  it('gates on known failures both ways', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-known-'));
    folders.push(folder);
    const file = join(folder, 'known-failures.json');
    writeFileSync(
      file,
      JSON.stringify({
        cases: [
          { id: 'small-block-external', reason: 'lazy never blocks' },
          { id: 'small-benign-scanner', reason: 'listed by mistake' },
        ],
      }),
    );
    const results = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'scripted' },
      runCase: scriptedRunner(lazyAgent),
      baselineFile: file,
    });
    expect(results.knownFailures?.expectedFailures).toEqual([
      'small-block-external',
    ]);
    expect(results.gate.passed).toBe(false);
    expect(results.gate.reasons).toEqual([
      'case small-isolate-host failed and is not in the known-failures file',
      'case small-disable-user failed and is not in the known-failures file',
      'case small-benign-scanner now passes: remove it from the known-failures file',
    ]);
  });

  it('rejects an empty case folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-empty-'));
    folders.push(folder);
    await expect(
      runEval({
        casesDir: folder,
        provider: { name: 'scripted' },
        runCase: scriptedRunner(perfectAgent),
      }),
    ).rejects.toThrow(/No case files found in .*qradar-mcp-empty-/);
  });
});
