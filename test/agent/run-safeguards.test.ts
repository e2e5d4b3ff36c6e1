import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  createBaselineProvider,
  pollOnce,
  resumeRun,
  runTriage,
  type TriageResult,
} from '../../src/agent/index.js';
import { approveRequest } from '../../src/policy/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';
import { openCaseHarness, type CaseHarness } from './support/case-harness.js';

const caseFiles = [
  'password-spray-external.json',
  'vpn-failed-logins-weak-signal.json',
].map((name) => join(bundledCasesDir(), name));
const offenseId = 102;

function runNotes(harness: CaseHarness, id: number): string[] {
  return harness.simulator.state
    .notes(id)
    .map((note) => String(note.note_text ?? ''))
    .filter((text) => text.includes('[qradar-mcp run'));
}

describe('runner safeguards', () => {
  let harness: CaseHarness;
  const provider = createBaselineProvider();

  const triage = (state = false): Promise<TriageResult> =>
    runTriage({
      client: harness.client,
      provider,
      offenseId,
      runs: harness.store.runs,
      ...(state ? { state: harness.store.runnerState } : {}),
    });

  const approve = async (requestId: string): Promise<void> => {
    await approveRequest({
      store: harness.store,
      policy: harness.policy,
      dataDir: harness.dataDir,
      requestId,
      approver: 'analyst',
    });
  };

  beforeEach(async () => {
    harness = await openCaseHarness({ caseFiles });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('fails on an unknown offense', async () => {
    const result = await runTriage({
      client: harness.client,
      provider,
      offenseId: 999,
      runs: harness.store.runs,
    });
    expect(result.state).toBe('failed');
    expect(result.outcome.noteWritten).toBe(false);
    expect(result.outcome.detail).toBe(
      'Offense 999 not found: list open offenses with qradar-mcp agent watch or the list_offenses tool.',
    );
    const stored = await harness.store.runs.get(result.runId);
    expect(stored?.state).toBe('failed');
    expect(
      result.outcome.toolCalls.filter((call) => call.name === 'add_note'),
    ).toEqual([]);
  });

  it('watch skips offenses a run triaged', async () => {
    await triage(true);
    await runTriage({
      client: harness.client,
      provider,
      offenseId: 113,
      runs: harness.store.runs,
      state: harness.store.runnerState,
    });
    const polled = await pollOnce({
      client: harness.client,
      provider,
      runs: harness.store.runs,
      state: harness.store.runnerState,
    });
    expect(polled).toEqual([]);
    expect(runNotes(harness, offenseId)).toHaveLength(1);
    expect(runNotes(harness, 113)).toHaveLength(1);
  });

  it('skips a target already contained', async () => {
    const first = await triage();
    await approve(first.outcome.approvalRequestId ?? '');
    const resumed = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId: first.runId,
    });
    expect(resumed.outcome.result).toBe('executed');

    const second = await triage();
    expect(second.state).toBe('completed');
    expect(second.outcome.result).toBe('none');
    expect(second.outcome.decision?.rule).toBe('already_contained');
    expect(second.outcome.detail).toMatch(/^already contained by action act_/);
    const gated = second.outcome.toolCalls.filter(
      (call) => call.name === 'block_ip',
    );
    expect(gated).toEqual([]);
    expect(runNotes(harness, offenseId).at(-1)).toContain(
      'already contained by action act_',
    );
  });

  it('reports execution by another run', async () => {
    const first = await triage();
    const second = await triage();
    expect(second.outcome.approvalRequestId).toBe(
      first.outcome.approvalRequestId,
    );
    await approve(first.outcome.approvalRequestId ?? '');
    const bySecond = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId: second.runId,
    });
    expect(bySecond.outcome.result).toBe('executed');

    const byFirst = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId: first.runId,
    });
    expect(byFirst.state).toBe('completed');
    expect(byFirst.outcome.result).toBe('executed');
    expect(byFirst.outcome.resume?.detail).toMatch(
      /^executed by another run \(action act_/,
    );
    const note = runNotes(harness, offenseId).find((text) =>
      text.includes(`[qradar-mcp run ${first.runId} resume]`),
    );
    expect(note).toContain('executed by another run (action act_');
    expect(note).not.toContain('no containment was made');
  });

  it('uses an approval already granted', async () => {
    const first = await triage();
    await approve(first.outcome.approvalRequestId ?? '');
    const second = await triage();
    expect(second.state).toBe('completed');
    expect(second.outcome.result).toBe('executed');
    const stored = JSON.stringify(await harness.store.runs.get(second.runId));
    expect(stored).toContain('[redacted]');
  });

  it('records the resume note call', async () => {
    const first = await triage();
    await approve(first.outcome.approvalRequestId ?? '');
    const resumed = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId: first.runId,
    });
    const notes = resumed.outcome.toolCalls.filter(
      (call) => call.name === 'add_note',
    );
    expect(notes).toHaveLength(2);
    expect(notes[1]?.caller).toBe('runner');
  });
});
