import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAnthropicProvider, runTriage } from '../../src/agent/index.js';
import { bundledCasesDir } from '../../src/sim/index.js';
import {
  anthropicBaseUrl,
  createAnthropicHandlers,
} from '../support/msw-anthropic.js';
import { openCaseHarness } from './support/case-harness.js';

// Built-in account names are kept on purpose: they identify no person, and
// the model needs them to avoid disabling a built-in account.
const keptNames = new Set([
  'administrator',
  'admin',
  'root',
  'system',
  'guest',
  'krbtgt',
  'test',
  'user',
]);

interface CaseData {
  offense: { id: number };
  events: {
    username?: string | null;
    sourceip?: string;
    destinationip?: string;
  }[];
  assets: { hostnames?: { name: string }[] }[];
}

function identifiers(testCase: CaseData): string[] {
  const names = new Set<string>();
  for (const event of testCase.events) {
    const username = event.username;
    if (
      typeof username === 'string' &&
      !keptNames.has(username.toLowerCase())
    ) {
      names.add(username);
    }
    for (const ip of [event.sourceip, event.destinationip]) {
      if (
        ip !== undefined &&
        /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip)
      )
        names.add(ip);
    }
  }
  for (const asset of testCase.assets) {
    for (const hostname of asset.hostnames ?? []) {
      names.add(hostname.name);
      names.add(hostname.name.split('.')[0] ?? hostname.name);
    }
  }
  return [...names].filter((name) => name.length > 2);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const files = readdirSync(bundledCasesDir()).filter((name) =>
  name.endsWith('.json'),
);
const mockServer = setupServer();

describe('pseudonymization on bundled cases', () => {
  beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => mockServer.close());

  it.each(files)('sends no identifier of %s', async (name) => {
    const file = join(bundledCasesDir(), name);
    const testCase = JSON.parse(readFileSync(file, 'utf8')) as CaseData;
    const id = testCase.offense.id;
    const { handlers, bodies } = createAnthropicHandlers([
      {
        kind: 'tool_use',
        calls: [
          { name: 'get_offense', input: { offense_id: id } },
          { name: 'get_offense_events', input: { offense_id: id, limit: 200 } },
          { name: 'get_assets', input: { offense_id: id } },
        ],
      },
      {
        kind: 'tool_use',
        calls: [
          {
            name: 'run_aql',
            input: {
              query: `SELECT username, sourceip, destinationip, UTF8(payload) AS payload FROM events WHERE INOFFENSE(${id}) LIMIT 100 LAST 30 DAYS`,
            },
          },
        ],
      },
      { kind: 'text', text: 'No recommendation.' },
    ]);
    mockServer.resetHandlers(...handlers);
    const harness = await openCaseHarness({ caseFiles: [file] });
    try {
      await runTriage({
        client: harness.client,
        provider: createAnthropicProvider({
          apiKey: 'sk-ant-test',
          baseUrl: anthropicBaseUrl,
        }),
        offenseId: id,
        runs: harness.store.runs,
      });
    } finally {
      await harness.close();
    }
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    const sent = bodies.join('\n');
    const leaks = identifiers(testCase).filter((identifier) =>
      new RegExp(
        `(?<![\\w.-])${escapeRegExp(identifier)}(?![\\w-]|\\.\\d)`,
        'i',
      ).test(sent),
    );
    expect(leaks).toEqual([]);
  });
});
