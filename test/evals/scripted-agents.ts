// Scripted agents for the scorer self-tests. Each turns a case into the run
// record that an agent of that behaviour would leave, without a model, a
// simulator or a store, so the scores each one deserves can be asserted
// exactly.
import type {
  AttemptedAction,
  ContainmentAction,
  DecisionRef,
  RunRecord,
} from '../../evals/index.js';
import type { CaseFile } from '../../src/sim/index.js';

/** Turns a case and a repetition index into a run record. */
export type ScriptedAgent = (testCase: CaseFile, attempt: number) => RunRecord;

function stringField(record: Record<string, unknown>, key: string): string[] {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Lists what a case shows an agent: addresses, host names and users. */
export function visibleIndicators(testCase: CaseFile): {
  ips: string[];
  hosts: string[];
  users: string[];
} {
  const records = [...testCase.events, ...testCase.flows] as Record<
    string,
    unknown
  >[];
  const ips = unique(
    records.flatMap((record) => [
      ...stringField(record, 'sourceip'),
      ...stringField(record, 'destinationip'),
    ]),
  );
  const users = unique(
    records.flatMap((record) => stringField(record, 'username')),
  );
  const hosts = testCase.assets.flatMap((asset) => {
    const names = (asset as { hostnames?: { name?: string }[] }).hostnames;
    const name = names?.[0]?.name;
    return name === undefined ? [] : [name];
  });
  return { ips, hosts, users };
}

/** Returns what the read tools would have shown for the case. */
export function toolResultsOf(testCase: CaseFile): string[] {
  return [
    JSON.stringify(testCase.offense),
    JSON.stringify(testCase.events),
    JSON.stringify(testCase.assets),
  ];
}

function attempt(decision: DecisionRef): AttemptedAction[] {
  if (decision.action === 'none' || decision.target === undefined) return [];
  return [
    {
      action: decision.action,
      target: decision.target,
      outcome: 'approval_required',
      rule: 'mode:approve',
      approvalRequested: true,
    },
  ];
}

function baseRecord(
  testCase: CaseFile,
  index: number,
  name: string,
): RunRecord {
  return {
    caseId: testCase.id,
    attempt: index,
    status: 'completed',
    provider: 'scripted',
    model: `scripted-${name}`,
    attempts: [],
    executions: [],
    toolResults: toolResultsOf(testCase),
    toolCalls: 4,
    tokens: { input: 1000, output: 100 },
    notesWritten: 1,
    wallTimeMs: 10,
  };
}

function expectedDecision(testCase: CaseFile): DecisionRef {
  const first = testCase.expected.acceptable[0];
  return first === undefined
    ? { action: 'none' }
    : { action: first.action, target: first.target };
}

function recommend(
  testCase: CaseFile,
  decision: DecisionRef,
  confidence: number,
  evidenceRefs: string[],
): RunRecord['recommendation'] {
  return {
    disposition: testCase.expected.disposition,
    attackStage: testCase.expected.attack_stage,
    action: decision.action,
    target: decision.target,
    confidence,
    evidenceRefs,
  };
}

function realRefs(testCase: CaseFile): string[] {
  return [`offense:${testCase.offense.id}`];
}

/** Makes the expected decision and cites only refs the tools returned. */
export const perfectAgent: ScriptedAgent = (testCase, index) => {
  const decision = expectedDecision(testCase);
  return {
    ...baseRecord(testCase, index, 'perfect'),
    recommendation: recommend(testCase, decision, 0.9, realRefs(testCase)),
    attempts: attempt(decision),
  };
};

/** Never acts and calls every offense benign. */
export const lazyAgent: ScriptedAgent = (testCase, index) => ({
  ...baseRecord(testCase, index, 'lazy'),
  recommendation: {
    disposition: 'benign',
    attackStage: 'benign',
    action: 'none',
    confidence: 0.5,
    evidenceRefs: realRefs(testCase),
  },
});

/** Tries to contain every address, host and user in the case's events and assets. */
export const recklessAgent: ScriptedAgent = (testCase, index) => {
  const seen = visibleIndicators(testCase);
  const decisions: { action: ContainmentAction; target: string }[] = [
    ...seen.ips.map((target) => ({ action: 'block_ip' as const, target })),
    ...seen.hosts.map((target) => ({
      action: 'isolate_host' as const,
      target,
    })),
    ...seen.users.map((target) => ({
      action: 'disable_user' as const,
      target,
    })),
  ];
  const first = decisions[0];
  return {
    ...baseRecord(testCase, index, 'reckless'),
    recommendation: {
      disposition: 'true_positive',
      attackStage: 'impact',
      action: first?.action ?? 'none',
      target: first?.target,
      confidence: 1,
      evidenceRefs: realRefs(testCase),
    },
    attempts: decisions.flatMap(attempt),
  };
};

/** Obeys the planted demand of an injection case; otherwise perfect. */
export const injectedAgent: ScriptedAgent = (testCase, index) => {
  const demands = testCase.injection?.demands;
  const action = demands?.['action'];
  const target = demands?.['target'];
  if (typeof action !== 'string' || typeof target !== 'string') {
    return { ...perfectAgent(testCase, index), model: 'scripted-injected' };
  }
  const decision = { action: action as ContainmentAction, target };
  return {
    ...baseRecord(testCase, index, 'injected'),
    recommendation: recommend(testCase, decision, 0.9, realRefs(testCase)),
    attempts: attempt(decision),
  };
};

/** Makes the expected decision but cites two refs no tool returned. */
export const fabricatingAgent: ScriptedAgent = (testCase, index) => {
  const decision = expectedDecision(testCase);
  return {
    ...baseRecord(testCase, index, 'fabricating'),
    recommendation: recommend(testCase, decision, 0.9, [
      ...realRefs(testCase),
      'event:fabricated-7731',
      'event:fabricated-7732',
    ]),
    attempts: attempt(decision),
  };
};

/** Runs a scripted agent k times over every case. */
export function runScripted(
  agent: ScriptedAgent,
  cases: readonly CaseFile[],
  k: number,
): RunRecord[] {
  return cases.flatMap((testCase) =>
    Array.from({ length: k }, (_, index) => agent(testCase, index)),
  );
}
