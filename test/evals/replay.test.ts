import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  cassetteFileFor,
  createAgentCaseRunner,
  runEval,
  type EvalResults,
} from '../../evals/index.js';
import { withRecording } from '../../src/agent/index.js';
import { createBaselineProvider } from '../../src/agent/providers/baseline-provider.js';
import { smallCasesDir } from './support.js';

const folders: string[] = [];

afterAll(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

function decisions(results: EvalResults): string[] {
  return results.cases.map(
    (summary) =>
      `${summary.caseId} ${JSON.stringify(summary.runs.map((run) => run.decision))}`,
  );
}

describe('replay through the harness', () => {
  it('repeats recorded baseline runs', async () => {
    const cassettes = mkdtempSync(join(tmpdir(), 'qradar-mcp-cassettes-'));
    folders.push(cassettes);
    const recorded = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'baseline' },
      runCase: createAgentCaseRunner({
        createProvider: (_settings, caseId) =>
          withRecording(
            createBaselineProvider(),
            cassetteFileFor(cassettes, caseId),
            { pseudonymized: false },
          ),
      }),
    });
    expect(readdirSync(cassettes).sort()).toEqual([
      'small-benign-scanner.json',
      'small-block-external.json',
      'small-disable-user.json',
      'small-isolate-host.json',
    ]);

    // Every request must match its recording, so each run's simulator must
    // serve the same data: a changed clock or id would miss the cassette.
    const replayed = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'replay', cassettesDir: cassettes },
      k: 2,
      runCase: createAgentCaseRunner(),
    });
    expect(replayed.metrics.errors).toBe(0);
    expect(replayed.provider).toBe('replay');
    expect(decisions(replayed)).toEqual(
      decisions(recorded).map((line) => {
        const [id, runs] = line.split(' ', 2) as [string, string];
        const [decision] = JSON.parse(runs) as unknown[];
        return `${id} ${JSON.stringify([decision, decision])}`;
      }),
    );
  }, 120_000);

  it('fails a run without a cassette', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'qradar-mcp-cassettes-'));
    folders.push(empty);
    const results = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'replay', cassettesDir: empty },
      runCase: createAgentCaseRunner(),
    });
    expect(existsSync(join(empty, 'small-block-external.json'))).toBe(false);
    expect(results.metrics.errors).toBe(4);
    expect(results.cases[0]?.runs[0]?.error).toMatch(
      /Failed to read cassette .*small-block-external\.json/,
    );
  }, 120_000);
});
