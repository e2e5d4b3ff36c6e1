import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml';
import type { z } from 'zod';

import { ConfigError } from '../config/index.js';
import { toPolicy, type Policy } from './policy.js';
import { policyFileSchema } from './policy-schema.js';

const policySetting = 'QRADAR_MCP_POLICY_FILE';

/**
 * Returns the path of the shipped policy, found by walking up from this
 * module to the package root, so it never depends on the working directory.
 */
export function defaultPolicyPath(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'policy', 'default-policy.yaml');
    if (existsSync(join(directory, 'package.json')) && existsSync(candidate)) {
      return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) {
      throw new ConfigError(
        'Failed to find the shipped policy policy/default-policy.yaml above the installed package. Reinstall qradar-mcp or set QRADAR_MCP_POLICY_FILE.',
        { variable: policySetting },
      );
    }
    directory = parent;
  }
}

/**
 * Reads and validates a policy file (the shipped policy when `file` is
 * undefined). Throws ConfigError naming the file, the line and the field,
 * e.g. `Invalid policy file /x/policy.yaml line 12: mode must be one of
 * monitor, approve, autonomous, got "yolo"`.
 */
export function loadPolicy(file?: string): Policy {
  const path = file === undefined ? defaultPolicyPath() : resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Failed to read policy file ${path}: ${(error as Error).message}. Check QRADAR_MCP_POLICY_FILE or --policy.`,
      { variable: policySetting, cause: error },
    );
  }
  return parsePolicy(text, path);
}

/** Validates policy YAML text; `source` names the file in messages. */
export function parsePolicy(text: string, source: string): Policy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    const line = yamlError.linePos?.[0].line;
    const reason = (yamlError.message.split('\n')[0] ?? 'invalid YAML').replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    throw new ConfigError(
      `Invalid policy file ${source}${line === undefined ? '' : ` line ${line}`}: ${reason}`,
      { variable: policySetting },
    );
  }
  const content: unknown = document.toJS();
  const result = policyFileSchema.safeParse(content ?? {}, {
    reportInput: true,
  });
  if (!result.success) {
    // An unknown key is usually a misspelled one, which also makes a
    // required key look missing, so it is reported first.
    const issue =
      result.error.issues.find((item) => item.code === 'unrecognized_keys') ??
      result.error.issues[0];
    if (issue === undefined)
      throw new ConfigError(`Invalid policy file ${source}.`);
    const line = issueLine(document, lineCounter, issue);
    throw new ConfigError(
      `Invalid policy file ${source}${line === undefined ? '' : ` line ${line}`}: ${describeIssue(issue)}`,
      { variable: policySetting },
    );
  }
  return toPolicy(result.data, source);
}

type Issue = z.core.$ZodIssue;

function fieldName(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? 'the policy' : text;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** Words a person reads for zod's expected type names. */
const typeWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

function describeIssue(issue: Issue): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is missing`;
      return `${field} must be ${typeWords[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${JSON.stringify(issue.values[0])}, got ${describeValue(issue.input)}`
        : `${field} must be one of ${issue.values.map(String).join(', ')}, got ${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} in ${field}; check the spelling against policy/default-policy.yaml`;
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        // zod puts the discriminator key at the end of the path already.
        const key =
          issue.path.at(-1) === issue.discriminator
            ? field
            : `${field}.${issue.discriminator}`;
        return `${key} must be one of reference_set, webhook`;
      }
      return `${field} ${issue.message}`;
    case 'too_small':
      return `${field} must be at least ${String(issue.minimum)}${issue.origin === 'array' ? ' entries' : issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_big':
      return `${field} must be at most ${String(issue.maximum)}${issue.origin === 'array' ? ' entries' : issue.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_key':
      return `${field} has an invalid key: ${issue.issues[0]?.message ?? issue.message}`;
    default:
      return `${field} ${issue.message}`;
  }
}

/** Finds the line of the node an issue points at, or its nearest ancestor. */
function issueLine(
  document: Document,
  lineCounter: LineCounter,
  issue: Issue,
): number | undefined {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== 'symbol',
  );
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    const mapping =
      path.length === 0 ? document.contents : document.getIn(path, true);
    if (isMap(mapping)) {
      const pair = mapping.items.find(
        (item) =>
          isPair(item) &&
          isScalar(item.key) &&
          item.key.value === issue.keys[0],
      );
      const range =
        pair !== undefined && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return lineCounter.linePos(range[0]).line;
    }
  }
  // The document root gives no line: its line 1 would not help the reader.
  for (let length = path.length; length >= 1; length -= 1) {
    const node: unknown = document.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
