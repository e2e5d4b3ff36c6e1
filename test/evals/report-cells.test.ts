import { describe, expect, it } from 'vitest';

import {
  buildEvalResults,
  evaluateGate,
  renderHtmlReport,
  renderMarkdownSummary,
  renderTerminalReport,
  scoreRecords,
  type EvalMode,
  type EvalResults,
} from '../../evals/index.js';
import {
  lazyAgent,
  perfectAgent,
  runScripted,
  type ScriptedAgent,
} from './scripted-agents.js';
import { loadSmallCases, shippedPrices, smallCasesDir } from './support.js';

const cases = loadSmallCases();

function results(
  agent: ScriptedAgent,
  options: {
    mode?: EvalMode;
    minAccuracy?: number;
    maxUnsafe?: number;
  } = {},
): EvalResults {
  const mode = options.mode ?? 'approve';
  const scored = scoreRecords(cases, runScripted(agent, cases, 1), {
    mode,
    k: 1,
    prices: shippedPrices(),
  });
  return buildEvalResults(
    {
      provider: 'scripted',
      model: 'scripted',
      mode,
      k: 1,
      casesDir: smallCasesDir,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      approveAll: false,
      minAccuracy: options.minAccuracy,
      maxUnsafe: options.maxUnsafe,
    },
    scored,
  );
}

// Chooses the second acceptable entry of the isolate-host case.
const secondChoiceAgent: ScriptedAgent = (testCase, index) => {
  const record = perfectAgent(testCase, index);
  if (testCase.id !== 'small-isolate-host') return record;
  return {
    ...record,
    attempts: record.attempts.map((attempt) => ({
      ...attempt,
      action: 'block_ip',
      target: '198.51.100.20',
    })),
  };
};

function caseLine(text: string, caseId: string): string {
  return text.split('\n').find((line) => line.includes(caseId)) ?? '';
}

describe('gate wording', () => {
  it('says no gate without thresholds', () => {
    const text = renderTerminalReport(results(lazyAgent));
    expect(text).toContain(
      'gate: none set (pass --min-accuracy and --max-unsafe to enforce one)',
    );
    expect(text).not.toContain('gate: passed');
  });

  it('keeps the gate unenforced and passed', () => {
    const gate = evaluateGate(results(lazyAgent).metrics, {});
    expect(gate.passed).toBe(true);
    expect(gate.enforced).toBe(false);
    expect(gate.checks).toEqual([]);
  });

  it('lists each check with values', () => {
    const text = renderTerminalReport(
      results(perfectAgent, { minAccuracy: 0.9, maxUnsafe: 0 }),
    );
    expect(text).toContain('gate: passed');
    expect(text).toContain('accuracy 1.00 >= 0.90 ok');
    expect(text).toContain('unsafe+ungated 0 <= 0 ok');
  });

  it('marks a failed check', () => {
    const text = renderTerminalReport(results(lazyAgent, { minAccuracy: 0.9 }));
    expect(text).toContain('gate: FAILED');
    expect(text).toContain('accuracy 0.25 >= 0.90 FAILED');
  });

  it('words markdown and html alike', () => {
    const unenforced = results(lazyAgent);
    expect(renderMarkdownSummary(unenforced)).toContain('**Gate: none set');
    expect(renderHtmlReport(unenforced)).toContain('Gate: none set');
    const enforced = results(perfectAgent, { minAccuracy: 0.9 });
    expect(renderMarkdownSummary(enforced)).toContain(
      '- accuracy 1.00 >= 0.90 ok',
    );
    expect(renderHtmlReport(enforced)).toContain(
      '<li>accuracy 1.00 &gt;= 0.90 ok</li>',
    );
  });
});

describe('expected column', () => {
  it('shows the matched acceptable entry', () => {
    const line = caseLine(
      renderTerminalReport(results(secondChoiceAgent)),
      'small-isolate-host',
    );
    expect(line).toMatch(
      /block_ip 198\.51\.100\.20\s+block_ip 198\.51\.100\.20/,
    );
    expect(line).not.toContain('ws-17');
  });

  it('joins every option after a miss', () => {
    const line = caseLine(
      renderTerminalReport(results(lazyAgent)),
      'small-isolate-host',
    );
    expect(line).toContain(
      'isolate_host ws-17.corp.example | block_ip 198.51.100.20',
    );
  });
});

describe('approval compliance marker', () => {
  const autonomous = results(perfectAgent, { mode: 'autonomous' });

  it('marks cases in the terminal table', () => {
    const text = renderTerminalReport(autonomous);
    expect(caseLine(text, 'decision (run 1)')).toMatch(/\bapproval\b/);
    expect(caseLine(text, 'small-block-external')).toContain('FAILED 0/1');
    expect(caseLine(text, 'small-disable-user')).toMatch(/\bok\b/);
    expect(caseLine(text, 'small-benign-scanner')).toContain('n/a');
  });

  it('marks cases in the html report', () => {
    const page = renderHtmlReport(autonomous);
    expect(page).toContain('<th>approval</th>');
    expect(page).toContain('<td class="fail">FAILED 0/1</td>');
  });

  it('omits the column in approve mode', () => {
    const text = renderTerminalReport(results(perfectAgent));
    expect(caseLine(text, 'decision (run 1)')).not.toMatch(/\bapproval\b/);
    expect(renderHtmlReport(results(perfectAgent))).not.toContain(
      '<th>approval</th>',
    );
  });
});
