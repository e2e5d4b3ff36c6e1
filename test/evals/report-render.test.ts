import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import { writeReports } from '../../evals/index.js';
import { scriptedResults } from './report-fixture.js';

// The Debian package path; CI machines without it skip this suite.
const chromiumPath = '/usr/bin/chromium';
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!existsSync(chromiumPath))('report.html in Chromium', () => {
  it('renders without console errors or CSP violations', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'qradar-mcp-render-'));
    folders.push(folder);
    const results = scriptedResults();
    const first = results.cases[0];
    if (first !== undefined) {
      first.title = `${first.title} <img src="x" onerror="document.title='owned'"><style>body{display:none}</style>`;
    }
    const files = writeReports(folder, results);

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      const pageErrors: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      // Runs through the DevTools protocol, so the page's CSP does not block
      // it. Written as source text because this project compiles without DOM
      // types.
      await page.addInitScript({
        content: `window.cspViolations = [];
          document.addEventListener('securitypolicyviolation', (event) => {
            window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
          });`,
      });
      const url = pathToFileURL(files.reportHtml).href;
      await page.goto(url, { waitUntil: 'load' });

      const violations: unknown = await page.evaluate('window.cspViolations');
      expect(consoleErrors).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(violations).toEqual([]);
      expect(requests).toEqual([url]);
      expect(await page.title()).toBe(
        'qradar-mcp eval: scripted scripted-injected',
      );
      expect(await page.locator('svg').count()).toBe(2);
      expect(await page.locator('img, script').count()).toBe(0);
      expect(await page.locator('body').isVisible()).toBe(true);
      const titleText = await page
        .locator('td', { hasText: 'small-block-external' })
        .first()
        .innerText();
      expect(titleText).toContain('<img src="x"');
      expect(await page.locator('table').count()).toBe(3);
      const bodyHeight: unknown = await page.evaluate(
        'document.body.getBoundingClientRect().height',
      );
      expect(bodyHeight).toBeGreaterThan(500);
    } finally {
      await browser.close();
    }
  });
});
