import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { z } from 'zod';

import { caseFileSchema, type LoadedCase } from './case-schema.js';

/** Formats a zod issue path as a JSON path such as `events[3].starttime`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text === '' ? '(root)' : text;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads and validates one case file. Throws an Error naming the file and the
 * JSON path of the first invalid fields.
 */
export function loadCaseFile(file: string): LoadedCase {
  const path = resolve(file);
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Failed to read case file ${path}: ${(error as Error).message}. Fix the file or remove it from the cases folder.`,
      { cause: error },
    );
  }
  const result = caseFileSchema.safeParse(content);
  if (!result.success) {
    throw new Error(
      `Invalid case file ${path}: ${describeIssues(result.error.issues)}. Fix those fields to match the case format.`,
    );
  }
  return { file: path, case: result.data };
}

/**
 * Reads every `*.json` file of a folder, sorted by name, and validates each
 * as a case file. Throws on the first unreadable or invalid file, naming it.
 */
export function loadCaseFiles(dir: string): LoadedCase[] {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (error) {
    throw new Error(
      `Failed to list case folder ${folder}: ${(error as Error).message}. Pass an existing folder with --cases.`,
      { cause: error },
    );
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadCaseFile(join(folder, name)));
}
