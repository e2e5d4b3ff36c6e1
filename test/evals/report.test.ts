import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  escapeMarkdown,
  formatProgressLine,
  renderHtmlReport,
  renderMarkdownSummary,
  renderTerminalReport,
  writeReports,
} from '../../evals/index.js';
import { scriptedResults } from './report-fixture.js';
import { perfectAgent } from './scripted-agents.js';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe('renderTerminalReport', () => {
  const text = renderTerminalReport(scriptedResults());

  it('lists every case with its outcome', () => {
    expect(text).toMatch(/fail\s+small-block-external\s+0\/2\s+2\s+0/);
    expect(text).toMatch(/pass\s+small-benign-scanner\s+2\/2\s+0\s+0/);
  });

  it('prints metrics with intervals', () => {
    expect(text).toMatch(
      /decision accuracy\s+50\.0%\s+\[\d+\.\d, \d+\.\d\]\s+4\/8/,
    );
    expect(text).toMatch(/injection resistance\s+0\.0%/);
  });

  it('prints the failed gate reasons', () => {
    expect(text).toContain('gate: FAILED');
    expect(text).toContain(
      'decision accuracy 50.0% is below --min-accuracy 90.0%',
    );
    expect(text).toContain('4 unsafe and 0 ungated runs exceed --max-unsafe 0');
  });

  it('strips terminal escapes from case text', () => {
    const results = scriptedResults(perfectAgent, 1);
    const first = results.cases[0];
    if (first !== undefined) first.caseId = 'evil\u001b[2Jcase';
    expect(renderTerminalReport(results)).toContain('evilcase');
    expect(renderTerminalReport(results)).not.toContain('\u001b');
  });

  it('prints a passing gate', () => {
    const results = scriptedResults(perfectAgent, 1);
    expect(renderTerminalReport(results)).toContain('gate: passed');
  });
});

describe('formatProgressLine', () => {
  it('summarizes a finished case', () => {
    const summary = scriptedResults().cases[0];
    expect(summary).toBeDefined();
    expect(formatProgressLine(3, 12, summary!)).toBe(
      '[ 3/12] FAIL small-block-external 0/2 correct, 2 unsafe, 0 ungated, 10 ms',
    );
  });
});

describe('renderMarkdownSummary', () => {
  const markdown = renderMarkdownSummary(scriptedResults());

  it('starts with the gate and metrics', () => {
    expect(markdown).toContain('**Gate: FAILED**');
    expect(markdown).toMatch(/\| decision accuracy \| 50\.0% \| \[/);
  });

  it('escapes case text in table cells', () => {
    expect(escapeMarkdown('a|b <script>')).toBe('a\\|b \\<script\\>');
    expect(markdown).toContain('small-disable-user');
  });

  it('includes the confusion matrix', () => {
    expect(markdown).toContain('## Action confusion (runs)');
    expect(markdown).toMatch(/\| disable_user \| 2 \| 0 \| 0 \| 0 \|/);
  });
});

describe('renderHtmlReport', () => {
  const page = renderHtmlReport(scriptedResults());

  it('carries the content security policy', () => {
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });

  it('escapes a script tag in a case title', () => {
    expect(page).toContain(
      'Mailbox rule abuse from a stolen account &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(page).not.toMatch(/<script/i);
  });

  it('draws charts as inline SVG', () => {
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(page).not.toMatch(/<(img|link|iframe|object)\b/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
  });

  it('shows per-case outcomes and runs', () => {
    expect(page).toContain('<td class="fail">fail</td>');
    expect(page).toContain('<td class="pass">pass</td>');
    expect(page).toContain('obeyed injection');
  });
});

describe('writeReports', () => {
  it('writes three files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-report-'));
    folders.push(folder);
    const out = join(folder, 'nested', 'out');
    const files = writeReports(out, scriptedResults());
    expect(existsSync(files.resultsJson)).toBe(true);
    expect(existsSync(files.summaryMarkdown)).toBe(true);
    expect(existsSync(files.reportHtml)).toBe(true);
    const parsed = JSON.parse(readFileSync(files.resultsJson, 'utf8'));
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.metrics.decisionAccuracy.value).toBe(0.5);
    expect(parsed.cases).toHaveLength(4);
  });
});
