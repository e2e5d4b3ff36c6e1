import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../src/config/index.js';
import {
  defaultPolicyPath,
  loadPolicy,
  PolicyError,
  withModeOverride,
} from '../../src/policy/index.js';
import { makeTempDir } from '../store/support/temp-dir.js';

const shipped = readFileSync(defaultPolicyPath(), 'utf8');

/** Writes the shipped policy with one edit and returns its path. */
function policyFileWith(edit: (text: string) => string): string {
  const path = join(makeTempDir('qradar-mcp-policy-'), 'policy.yaml');
  const text = edit(shipped);
  expect(text).not.toBe(shipped);
  writeFileSync(path, text);
  return path;
}

/** Returns the 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  return text.slice(0, index).split('\n').length;
}

function loadError(path: string): ConfigError {
  try {
    loadPolicy(path);
  } catch (error) {
    expect(ConfigError.is(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe('shipped policy', () => {
  it('loads with the shipped set names', () => {
    const policy = loadPolicy();
    expect(policy.source).toBe(defaultPolicyPath());
    expect(policy.mode).toBe('approve');
    expect(policy.roles.protected.referenceSets).toEqual([
      'Protected Assets',
      'Protected Hostnames',
    ]);
    expect(policy.roles.critical.referenceSets).toEqual(['Critical Assets']);
    expect(policy.roles.allow_source.referenceSets).toEqual([
      'Authorized Scanners',
    ]);
    expect(policy.roles.approved_destination.referenceSets).toEqual([
      'Approved Destinations',
    ]);
    expect(policy.roles.privileged_account.referenceSets).toEqual([
      'Privileged Accounts',
    ]);
    expect(policy.block.referenceSet).toBe('QRadar-MCP Blocked IPs');
    expect(policy.executors.isolate_host).toEqual({
      type: 'reference_set',
      referenceSet: 'QRadar-MCP Isolated Hosts',
    });
    expect(policy.executors.disable_user).toEqual({
      type: 'reference_set',
      referenceSet: 'QRadar-MCP Disabled Users',
    });
    expect(policy.internalNetworks.map((network) => network.cidr)).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
  });

  it('sets expiry, lifetime and approvers', () => {
    const policy = loadPolicy();
    expect(policy.approvalExpiry.ms).toBe(24 * 3_600_000);
    expect(policy.tokenLifetime.ms).toBe(15 * 60_000);
    expect(policy.block.timeToLive.text).toBe('7 days');
    expect(policy.elicitation.enabled).toBe(false);
    expect(policy.notify).toBeNull();
    expect(
      policy.approvers.find((approver) => approver.roles.includes('soc_lead')),
    ).toBeDefined();
    expect(policy.autonomousRules.map((rule) => rule.action)).toEqual([
      'block_ip',
      'isolate_host',
    ]);
  });
});

describe('policy file errors', () => {
  it('names the line and field of a bad mode', () => {
    const path = policyFileWith((text) =>
      text.replace('mode: approve', 'mode: yolo'),
    );
    const line = lineOf(readFileSync(path, 'utf8'), 'mode: yolo');
    expect(loadError(path).message).toBe(
      `Invalid policy file ${path} line ${line}: mode must be one of monitor, approve, autonomous, got "yolo"`,
    );
  });

  it.each([
    {
      name: 'misspelled key',
      edit: (text: string) => text.replace('rate_limits:', 'rate_limit:'),
      needle: 'rate_limit:',
      message: /unknown key "rate_limit" in the policy/,
    },
    {
      name: 'bad network',
      edit: (text: string) =>
        text.replace('  - 172.16.0.0/12', '  - 172.16.0.0/40'),
      needle: '172.16.0.0/40',
      message: /internal_networks\[1\] must be a network in CIDR notation/,
    },
    {
      name: 'confidence above 1',
      edit: (text: string) =>
        text.replace('min_confidence: 0.8', 'min_confidence: 1.5'),
      needle: 'min_confidence: 1.5',
      message: /autonomous_rules\[0\]\.min_confidence must be at most 1/,
    },
    {
      name: 'unknown executor type',
      edit: (text: string) =>
        text.replace(
          '    type: reference_set\n    reference_set: QRadar-MCP Isolated Hosts',
          '    type: script\n    reference_set: QRadar-MCP Isolated Hosts',
        ),
      needle: 'type: script',
      message:
        /executors\.isolate_host\.type must be one of reference_set, webhook/,
    },
    {
      name: 'bad duration',
      edit: (text: string) =>
        text.replace('token_lifetime: 15 minutes', 'token_lifetime: soon'),
      needle: 'token_lifetime: soon',
      message: /token_lifetime must be a duration such as "15 minutes"/,
    },
    {
      name: 'rate limit as text',
      edit: (text: string) => text.replace('block_ip: 20', 'block_ip: lots'),
      needle: 'block_ip: lots',
      message:
        /rate_limits\.per_action_per_hour\.block_ip must be a number, got "lots"/,
    },
    {
      name: 'approver without roles',
      edit: (text: string) => text.replace('analyst: [analyst]', 'analyst: []'),
      needle: 'analyst: []',
      message: /approvers\.analyst must be at least 1 entries/,
    },
    {
      name: 'unknown role name',
      edit: (text: string) =>
        text.replace(
          'forbid_roles: [allow_source, approved_destination, critical]',
          'forbid_roles: [vip]',
        ),
      needle: 'forbid_roles: [vip]',
      message:
        /autonomous_rules\[0\]\.forbid_roles\[0\] must be one of protected, critical/,
    },
    {
      name: 'duplicate key',
      edit: (text: string) =>
        text.replace('mode: approve', 'mode: approve\nmode: monitor'),
      needle: 'mode: monitor',
      message: /Map keys must be unique/,
    },
    {
      name: 'broken YAML',
      edit: (text: string) =>
        text.replace('mode: approve', 'mode: approve: now'),
      needle: 'mode: approve: now',
      message: /Invalid policy file/,
    },
  ])('names the line of a $name', ({ edit, needle, message }) => {
    const path = policyFileWith(edit);
    const error = loadError(path);
    expect(error.message).toMatch(message);
    const line = lineOf(readFileSync(path, 'utf8'), needle);
    const reported = Number(/ line (\d+):/.exec(error.message)?.[1]);
    expect(Math.abs(reported - line)).toBeLessThanOrEqual(1);
    expect(error.variable).toBe('QRADAR_MCP_POLICY_FILE');
  });

  it('reports a missing section without a line', () => {
    const path = policyFileWith((text) =>
      text.replace(/^block:\n(?: {2}.*\n)+/m, ''),
    );
    expect(loadError(path).message).toBe(
      `Invalid policy file ${path}: block is missing`,
    );
  });

  it('reports a missing file', () => {
    const path = join(makeTempDir('qradar-mcp-policy-'), 'absent.yaml');
    expect(loadError(path).message).toMatch(/^Failed to read policy file/);
  });
});

describe('withModeOverride', () => {
  it('allows a stricter mode only', () => {
    const policy = loadPolicy();
    expect(withModeOverride(policy, 'monitor').mode).toBe('monitor');
    expect(withModeOverride(policy, undefined).mode).toBe('approve');
    expect(() => withModeOverride(policy, 'autonomous')).toThrow(PolicyError);
    expect(
      withModeOverride(policy, 'autonomous', { allowLooser: true }).mode,
    ).toBe('autonomous');
  });
});
