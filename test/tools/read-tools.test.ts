import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  injectionText,
  testOffenses,
  testTargets,
} from '../support/mcp-cases.js';
import {
  field,
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

let harness: McpHarness;

beforeAll(async () => {
  harness = await startMcpHarness();
});

afterAll(async () => {
  await harness.close();
});

type Json = Record<string, unknown>;

function structured(result: { structuredContent?: Json | undefined }): Json {
  return result.structuredContent ?? {};
}

/** Lists every JSON path whose string value contains the text. */
function pathsContaining(value: unknown, text: string, path = ''): string[] {
  if (typeof value === 'string') return value.includes(text) ? [path] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) =>
      pathsContaining(item, text, `${path}[${index}]`),
    );
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) =>
      pathsContaining(item, text, path === '' ? key : `${path}.${key}`),
    );
  return [];
}

describe('list_offenses', () => {
  it('lists open offenses newest first', async () => {
    const result = await harness.call('list_offenses', {});
    const offenses = structured(result)['offenses'] as Json[];
    expect(result.isError).toBeFalsy();
    expect(offenses.map((offense) => offense['id'])).toEqual([
      testOffenses.related,
      testOffenses.main,
    ]);
    expect(offenses[1]?.['offense_type']).toBe('Source IP');
    expect(offenses[1]?.['start_time']).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  });

  it('pages with next_cursor', async () => {
    const first = await harness.call('list_offenses', { limit: 1 });
    const cursor = field(first, 'next_cursor');
    expect(cursor).toBe(String(testOffenses.related));
    const second = await harness.call('list_offenses', { limit: 1, cursor });
    const offenses = structured(second)['offenses'] as Json[];
    expect(offenses.map((offense) => offense['id'])).toEqual([
      testOffenses.main,
    ]);
  });

  it('keeps descriptions under untrusted', async () => {
    const result = await harness.call('list_offenses', {});
    const paths = pathsContaining(structured(result), 'IGNORE PREVIOUS');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/\.untrusted\./);
  });

  it('filters by magnitude', async () => {
    const result = await harness.call('list_offenses', { min_magnitude: 5 });
    const offenses = structured(result)['offenses'] as Json[];
    expect(offenses.map((offense) => offense['id'])).toEqual([
      testOffenses.main,
    ]);
  });
});

describe('get_offense', () => {
  let picture: Json;

  beforeAll(async () => {
    const result = await harness.call('get_offense', {
      offense_id: testOffenses.main,
    });
    expect(result.isError).toBeFalsy();
    picture = structured(result);
  });

  it('names the offense rules', () => {
    expect(picture['rules']).toEqual([
      { id: 100001, name: 'Auth: Multiple Login Failures from One Source' },
    ]);
  });

  it('gives addresses with scope and roles', () => {
    const addresses = picture['addresses'] as Json;
    expect(addresses['sources']).toEqual([
      { ip: testTargets.ip.plain, scope: 'external', roles: [] },
    ]);
    expect(addresses['local_destinations']).toEqual([
      {
        ip: testTargets.ip.critical,
        scope: 'internal',
        roles: [{ role: 'critical', source: 'reference set Critical Assets' }],
      },
    ]);
  });

  it('derives asset criticality with its steps', () => {
    const [asset] = picture['assets'] as Json[];
    expect(asset?.['id']).toBe(1);
    expect(asset?.['criticality']).toBe('critical');
    expect(asset?.['criticality_derivation']).toContain('Weight 9 -> critical');
    expect((asset?.['untrusted'] as Json)['hostnames']).toEqual([
      testTargets.host.critical,
    ]);
  });

  it('summarizes events through AQL', () => {
    const summary = picture['event_summary'] as Json;
    expect(summary['events']).toBe(9);
    expect(summary['top_qids']).toEqual([
      {
        qid: 28250004,
        name: 'VPN Login Failed',
        category: 'User Login Failure',
        count: 8,
      },
      {
        qid: 28250003,
        name: 'VPN Login Succeeded',
        category: 'User Login Success',
        count: 1,
      },
    ]);
    expect(summary['sources']).toEqual([
      { ip: testTargets.ip.plain, count: 9 },
    ]);
    expect((summary['untrusted'] as Json)['users']).toEqual([
      { username: 'jdoe', count: 5 },
      { username: 'asmith', count: 4 },
    ]);
    expect(summary['partial']).toBe(false);
  });

  it('lists notes and related offenses', () => {
    const notes = picture['notes'] as Json[];
    expect(notes).toHaveLength(1);
    expect((notes[0]?.['untrusted'] as Json)['text']).toContain('INC-4711');
    const related = picture['related_offenses'] as Json[];
    expect(related.map((offense) => offense['id'])).toEqual([
      testOffenses.related,
    ]);
    expect(related[0]?.['shared_sources']).toEqual([testTargets.ip.plain]);
  });

  it('keeps attacker text under untrusted', () => {
    const paths = pathsContaining(picture, injectionText);
    expect(paths).toEqual(['offense.untrusted.description']);
  });

  it('rejects unknown offense with hint', async () => {
    const result = await harness.call('get_offense', { offense_id: 999_999 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('999999');
    expect(textOf(result)).toContain('list_offenses');
    expect(textOf(result)).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe('get_offense_events', () => {
  it('returns citable events newest first', async () => {
    const result = await harness.call('get_offense_events', {
      offense_id: testOffenses.main,
      limit: 3,
    });
    const content = structured(result);
    const events = content['events'] as Json[];
    expect(events.map((event) => event['ref'])).toEqual([
      'event:501-1',
      'event:501-2',
      'event:501-3',
    ]);
    expect(events[0]?.['qid_name']).toBe('VPN Login Succeeded');
    expect((events[0]?.['untrusted'] as Json)['payload']).toContain(
      'IGNORE PREVIOUS',
    );
    expect(content['truncated']).toBe(true);
    expect(content['offense_event_count']).toBe(9);
  });

  it('returns only requested fields', async () => {
    const result = await harness.call('get_offense_events', {
      offense_id: testOffenses.main,
      fields: ['source_ip'],
    });
    const events = structured(result)['events'] as Json[];
    expect(events).toHaveLength(9);
    expect(Object.keys(events[0] ?? {}).sort()).toEqual([
      'ref',
      'source_ip',
      'untrusted',
    ]);
    expect(structured(result)['truncated']).toBe(false);
  });
});

describe('get_assets', () => {
  it('finds assets by host name', async () => {
    const result = await harness.call('get_assets', {
      hostnames: [testTargets.host.protected, 'nowhere.corp.example'],
    });
    const content = structured(result);
    const [asset] = content['assets'] as Json[];
    expect(asset?.['criticality']).toBe('critical');
    expect(asset?.['roles']).toEqual([
      { role: 'protected', source: 'reference set Protected Assets' },
    ]);
    expect((content['not_found'] as Json)['hostnames']).toEqual([
      'nowhere.corp.example',
    ]);
  });

  it('finds low-value assets by IP', async () => {
    const result = await harness.call('get_assets', {
      ips: ['::ffff:10.0.20.30'],
    });
    const [asset] = structured(result)['assets'] as Json[];
    expect(asset?.['id']).toBe(2);
    expect(asset?.['criticality']).toBe('low');
  });

  it('rejects a call without lookups', async () => {
    const result = await harness.call('get_assets', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('ips, hostnames or offense_id');
  });
});

describe('check_reference_sets', () => {
  it('reports sets and roles per value', async () => {
    const result = await harness.call('check_reference_sets', {
      values: [testTargets.ip.allowListed, 'ADMIN.BOB', '203.0.113.99'],
    });
    expect(structured(result)['results']).toEqual([
      {
        value: testTargets.ip.allowListed,
        sets: [
          {
            name: 'Authorized Scanners',
            element_type: 'IP',
            roles: ['allow_source'],
          },
        ],
      },
      {
        value: 'ADMIN.BOB',
        sets: [
          {
            name: 'Privileged Accounts',
            element_type: 'ALNIC',
            roles: ['privileged_account'],
          },
        ],
      },
      { value: '203.0.113.99', sets: [] },
    ]);
  });
});

describe('find_offenses', () => {
  it('finds offenses by source address', async () => {
    const result = await harness.call('find_offenses', {
      ip: testTargets.ip.plain,
    });
    const offenses = structured(result)['offenses'] as Json[];
    expect(offenses.map((offense) => offense['id'])).toEqual([
      testOffenses.related,
      testOffenses.main,
    ]);
    expect(offenses[0]?.['matched_by']).toEqual([
      `ip ${testTargets.ip.plain} as source`,
    ]);
  });

  it('finds offenses by destination host', async () => {
    const result = await harness.call('find_offenses', {
      hostname: testTargets.host.critical,
    });
    const offenses = structured(result)['offenses'] as Json[];
    expect(offenses.map((offense) => offense['id'])).toEqual([
      testOffenses.main,
    ]);
  });

  it('finds offenses by user', async () => {
    const result = await harness.call('find_offenses', {
      username: 'CORP\\jdoe',
    });
    const offenses = structured(result)['offenses'] as Json[];
    expect(offenses.map((offense) => offense['id'])).toContain(
      testOffenses.main,
    );
  });

  it('rejects two indicators at once', async () => {
    const result = await harness.call('find_offenses', {
      ip: '203.0.113.7',
      username: 'jdoe',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      'exactly one of ip, username and hostname',
    );
  });
});

describe('add_note', () => {
  it('marks, sanitizes and stores the note', async () => {
    const result = await harness.call('add_note', {
      offense_id: testOffenses.main,
      text: 'Blocked source \u001b[31mafter review\u202e.',
      run_id: 'run-42',
    });
    expect(result.isError).toBeFalsy();
    const notes = harness.simulator.state.notes(testOffenses.main);
    const written = notes.find((note) => note.id === field(result, 'note_id'));
    expect(written?.note_text).toBe(
      '[qradar-mcp agent] run run-42\nBlocked source after review.',
    );
    expect(field(result, 'truncated')).toBe(false);
  });

  it('names the client without a run id', async () => {
    const result = await harness.call('add_note', {
      offense_id: testOffenses.main,
      text: 'Checked.',
    });
    const written = harness.simulator.state
      .notes(testOffenses.main)
      .find((note) => note.id === field(result, 'note_id'));
    expect(written?.note_text).toBe(
      '[qradar-mcp agent] client test-client\nChecked.',
    );
  });

  it('cuts notes to the query-string budget', async () => {
    const result = await harness.call('add_note', {
      offense_id: testOffenses.main,
      text: '\u00e9\u4e2d'.repeat(750),
    });
    expect(result.isError).toBeFalsy();
    expect(field(result, 'truncated')).toBe(true);
    const written = harness.simulator.state
      .notes(testOffenses.main)
      .find((note) => note.id === field(result, 'note_id'));
    expect(
      encodeURIComponent(written?.note_text ?? '').length,
    ).toBeLessThanOrEqual(6000);
  });
});
