import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { renderFailure } from '../../src/server/describe-error.js';
import {
  startMcpHarness,
  textOf,
  type McpHarness,
} from '../support/mcp-harness.js';

describe('renderFailure', () => {
  it('drops hint equal to message', () => {
    const text = renderFailure({
      code: 'QRADAR_NOT_FOUND',
      message:
        'Offense 99999 not found: list open offenses with list_offenses.',
      hint: 'offense 99999 not found: list open offenses with list_offenses',
    });
    expect(text).toBe(
      'Offense 99999 not found: list open offenses with list_offenses.',
    );
  });

  it('drops hint inside message', () => {
    const text = renderFailure({
      code: 'QRADAR_SERVER_ERROR',
      message: 'Failed to list offenses: HTTP 503. Retry in a minute.',
      hint: 'Retry in a minute!',
    });
    expect(text).toBe('Failed to list offenses: HTTP 503. Retry in a minute.');
  });

  it('keeps hint that adds something', () => {
    const text = renderFailure({
      code: 'INVALID_INPUT',
      message: 'Invalid arguments: pass exactly one of query and search_id.',
      hint: 'Call run_aql with a query.',
    });
    expect(text).toBe(
      'Invalid arguments: pass exactly one of query and search_id.\nCall run_aql with a query.',
    );
  });

  it('drops empty hint', () => {
    expect(
      renderFailure({ code: 'INTERNAL', message: 'Failed.', hint: ' ' }),
    ).toBe('Failed.');
  });
});

describe('tool failure text', () => {
  let harness: McpHarness;

  beforeAll(async () => {
    harness = await startMcpHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('states not-found error once', async () => {
    const result = await harness.call('get_offense', { offense_id: 999_999 });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^Offense 999999 not found: .*list_offenses/);
    expect(text.toLowerCase().split('offense 999999 not found')).toHaveLength(
      2,
    );
    expect(text).not.toContain('\n');
  });

  it('keeps distinct hint line', async () => {
    const result = await harness.call('run_aql', {});
    expect(textOf(result).split('\n')).toEqual([
      'Invalid arguments: pass exactly one of query and search_id.',
      'Call run_aql with a query, or with the search_id of a running search.',
    ]);
  });
});
