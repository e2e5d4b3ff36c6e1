import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  createAgentCaseRunner,
  evalApproverName,
  evalPolicy,
  executorReferenceSets,
  runEval,
} from '../../evals/index.js';
import { createSilentLogger } from '../../src/config/index.js';
import { loadPolicy } from '../../src/policy/index.js';
import { loadCaseFile } from '../../src/sim/index.js';
import { smallCasesDir } from './support.js';

describe('agent case runner', () => {
  it('approves and executes with approve-all', async () => {
    const results = await runEval({
      casesDir: smallCasesDir,
      provider: { name: 'baseline' },
      approveAll: true,
      runCase: createAgentCaseRunner(),
    });
    const block = results.cases.find(
      (summary) => summary.caseId === 'small-block-external',
    );
    const run = block?.runs[0];
    expect(run?.decision).toEqual({
      action: 'block_ip',
      target: '203.0.113.7',
    });
    expect(run?.outcome).toBe('executed');
    expect(run?.executions).toBe(1);
    expect(run?.ungated).toBe(false);
    expect(run?.unsafe).toBe(false);
    expect(run?.notesWritten).toBeGreaterThanOrEqual(1);
    expect(results.metrics.ungated.successes).toBe(0);
  }, 120_000);

  it('leaves approvals pending without approve-all', async () => {
    const file = join(smallCasesDir, 'a-block-external.json');
    const run = await createAgentCaseRunner()({
      testCase: loadCaseFile(file).case,
      caseFile: file,
      attempt: 0,
      mode: 'approve',
      provider: { name: 'baseline' },
      approveAll: false,
      logger: createSilentLogger(),
    });
    expect(run.status).toBe('completed');
    expect(run.attempts).toEqual([
      {
        action: 'block_ip',
        target: '203.0.113.7',
        outcome: 'approval_required',
        rule: expect.any(String),
        approvalRequested: true,
      },
    ]);
    expect(run.executions).toEqual([]);
    expect(run.toolResults.length).toBeGreaterThan(0);
    expect(run.recommendation?.evidenceRefs.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('evalPolicy', () => {
  const policy = loadPolicy();

  it('loosens the mode for evals', () => {
    expect(evalPolicy(policy, 'autonomous', false).mode).toBe('autonomous');
    expect(evalPolicy(policy, 'monitor', false).mode).toBe('monitor');
  });

  it('adds the eval approver for approve-all', () => {
    const approvers = evalPolicy(policy, 'approve', true).approvers;
    const approver = approvers.find((entry) => entry.name === evalApproverName);
    expect(approver?.roles).toContain('soc_lead');
    expect(
      evalPolicy(policy, 'approve', false).approvers.some(
        (entry) => entry.name === evalApproverName,
      ),
    ).toBe(false);
  });

  it('maps executor sets to actions', () => {
    expect(executorReferenceSets(policy)).toEqual(
      new Map([
        ['QRadar-MCP Blocked IPs', 'block_ip'],
        ['QRadar-MCP Isolated Hosts', 'isolate_host'],
        ['QRadar-MCP Disabled Users', 'disable_user'],
      ]),
    );
  });
});
