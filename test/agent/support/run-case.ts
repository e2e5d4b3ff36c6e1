import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  runTriage,
  type ModelProvider,
  type TriageResult,
} from '../../../src/agent/index.js';
import { openCaseHarness } from './case-harness.js';

/** Runs one triage of a case file's offense against the real server and simulator. */
export async function triageCaseFile(
  file: string,
  offenseId: number,
  provider: ModelProvider,
): Promise<TriageResult> {
  const harness = await openCaseHarness({ caseFiles: [file] });
  try {
    return await runTriage({
      client: harness.client,
      provider,
      offenseId,
      runs: harness.store.runs,
    });
  } finally {
    await harness.close();
  }
}

/** Writes a case object to a fresh temporary file and returns its path. */
export function writeTempCase(name: string, content: unknown): string {
  const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-mutated-'));
  const file = join(directory, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}
