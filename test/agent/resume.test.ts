import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  callMcpTool,
  createBaselineProvider,
  resumeRun,
  ResumeError,
  runTriage,
  type ModelProvider,
  type ModelRequest,
} from '../../src/agent/index.js';
import { approveRequest, denyRequest } from '../../src/policy/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';
import { openCaseHarness, type CaseHarness } from './support/case-harness.js';

const caseFile = join(bundledCasesDir(), 'password-spray-external.json');
const offenseId = 102;
const attacker = '198.51.100.23';

function recordingBaseline(): {
  provider: ModelProvider;
  requests: ModelRequest[];
} {
  const inner = createBaselineProvider();
  const requests: ModelRequest[] = [];
  return {
    requests,
    provider: {
      ...inner,
      complete(request, options) {
        requests.push(structuredClone(request));
        return inner.complete(request, options);
      },
    },
  };
}

function blockedIps(harness: CaseHarness): string[] {
  return (
    harness.simulator.state.referenceSetElements('QRadar-MCP Blocked IPs') ?? []
  ).map((element) => String(element.value));
}

describe('agent resume', () => {
  let harness: CaseHarness;
  let runId: string;
  let requestId: string;
  let requests: ModelRequest[];

  beforeEach(async () => {
    harness = await openCaseHarness({ caseFiles: [caseFile] });
    const recording = recordingBaseline();
    requests = recording.requests;
    const result = await runTriage({
      client: harness.client,
      provider: recording.provider,
      offenseId,
      runs: harness.store.runs,
    });
    expect(result.state).toBe('awaiting_approval');
    runId = result.runId;
    requestId = result.outcome.approvalRequestId ?? '';
    expect(requestId).not.toBe('');
  });

  afterEach(async () => {
    await harness.close();
  });

  it('keeps waiting while pending', async () => {
    const result = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId,
    });
    expect(result.state).toBe('awaiting_approval');
    expect(result.approvalStatus).toBe('pending');
    expect(blockedIps(harness)).not.toContain(attacker);
  });

  it('executes the stored call after approval', async () => {
    await approveRequest({
      store: harness.store,
      policy: harness.policy,
      dataDir: harness.dataDir,
      requestId,
      approver: 'analyst',
    });
    const peek = await callMcpTool(
      harness.client,
      'get_approval',
      { request_id: requestId },
      {},
    );
    const token = (peek.data as { token?: string }).token ?? '';
    expect(token.length).toBeGreaterThan(20);

    const result = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId,
    });
    expect(result.state).toBe('completed');
    expect(result.outcome.result).toBe('executed');
    expect(blockedIps(harness)).toContain(attacker);
    const notes = harness.simulator.state
      .notes(offenseId)
      .map((note) => String(note.note_text));
    expect(
      notes.some(
        (text) =>
          text.includes(`[qradar-mcp run ${runId} resume]`) &&
          text.includes('analyst'),
      ),
    ).toBe(true);

    const stored = JSON.stringify(await harness.store.runs.get(runId));
    expect(stored).not.toContain(token);
    expect(JSON.stringify(requests)).not.toContain(token);
    expect(requests).toHaveLength(3);
  });

  it('writes a final note after denial', async () => {
    await denyRequest({
      store: harness.store,
      policy: harness.policy,
      requestId,
      approver: 'soc-lead',
      reason: 'known partner scanner',
    });
    const result = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId,
    });
    expect(result.state).toBe('completed');
    expect(result.outcome.result).toBe('denied');
    expect(blockedIps(harness)).not.toContain(attacker);
    const notes = harness.simulator.state
      .notes(offenseId)
      .map((note) => String(note.note_text));
    const final =
      notes.find((text) => text.includes(`[qradar-mcp run ${runId} resume]`)) ??
      '';
    expect(final).toContain('Denied by soc-lead');
    expect(final).toContain('known partner scanner');
    expect(requests).toHaveLength(3);
  });

  it('writes the resume note once', async () => {
    await denyRequest({
      store: harness.store,
      policy: harness.policy,
      requestId,
      approver: 'soc-lead',
      reason: 'no',
    });
    await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId,
    });
    const again = await resumeRun({
      client: harness.client,
      runs: harness.store.runs,
      runId,
    });
    expect(again.state).toBe('completed');
    const notes = harness.simulator.state
      .notes(offenseId)
      .filter((note) => String(note.note_text).includes('resume]'));
    expect(notes).toHaveLength(1);
  });

  it('rejects an unknown run', async () => {
    await expect(
      resumeRun({
        client: harness.client,
        runs: harness.store.runs,
        runId: 'run_missing',
      }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        ResumeError.is(error) &&
        (error as Error).message.includes('run_missing not found'),
    );
  });
});
