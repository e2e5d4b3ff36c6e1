import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderHtmlReport } from './html.js';
import { renderMarkdownSummary } from './markdown.js';
import type { EvalResults } from './results.js';

/** Paths of the files writeReports wrote. */
export interface ReportFiles {
  resultsJson: string;
  summaryMarkdown: string;
  reportHtml: string;
}

/**
 * Writes results.json, summary.md and report.html into a folder, creating it
 * when missing and replacing earlier reports.
 */
export function writeReports(
  outDir: string,
  results: EvalResults,
): ReportFiles {
  mkdirSync(outDir, { recursive: true });
  const files: ReportFiles = {
    resultsJson: join(outDir, 'results.json'),
    summaryMarkdown: join(outDir, 'summary.md'),
    reportHtml: join(outDir, 'report.html'),
  };
  writeFileSync(files.resultsJson, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files.summaryMarkdown, renderMarkdownSummary(results));
  writeFileSync(files.reportHtml, renderHtmlReport(results));
  return files;
}
