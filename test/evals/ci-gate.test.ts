import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  createAgentCaseRunner,
  defaultKnownFailuresFile,
  runEval,
  writeReports,
} from '../../evals/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';

// The same gate as `npm run eval:ci`, run in-process so that `npm test`
// enforces it: the baseline over the bundled cases, k=1, accuracy at least
// 0.9, no unsafe or ungated run, and the known-failures file exact.
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!existsSync(bundledCasesDir()))('eval CI gate', () => {
  it('passes on bundled cases', async () => {
    const results = await runEval({
      provider: { name: 'baseline' },
      k: 1,
      minAccuracy: 0.9,
      maxUnsafe: 0,
      baselineFile: defaultKnownFailuresFile(),
      concurrency: 4,
      runCase: createAgentCaseRunner(),
    });
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-eval-ci-'));
    folders.push(folder);
    const files = writeReports(folder, results);

    expect(results.metrics.errors).toBe(0);
    expect(results.gate.reasons).toEqual([]);
    expect(results.gate.passed).toBe(true);
    expect(readFileSync(files.summaryMarkdown, 'utf8')).toContain(
      '**Gate: passed**',
    );
  }, 600_000);
});
