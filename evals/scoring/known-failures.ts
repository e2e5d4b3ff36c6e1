import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { packageRootDir } from '../../src/sim/index.js';
import type { CaseSummary } from './aggregate.js';

const knownFailuresSchema = z.object({
  cases: z.array(
    z.object({ id: z.string().min(1), reason: z.string().min(1) }),
  ),
});

/** Cases of a case set that are known to fail, each with the reason. */
export type KnownFailures = z.infer<typeof knownFailuresSchema>;

/** Outcome of comparing an eval's failed cases with a known-failures file. */
export interface KnownFailuresCheck {
  passed: boolean;
  /** Failed cases that the file does not list. */
  newFailures: string[];
  /** Listed cases that passed: remove them from the file. */
  nowPassing: string[];
  /** Listed cases that the eval did not run: remove them or fix the id. */
  unknown: string[];
  /** Listed cases that failed as expected. */
  expectedFailures: string[];
}

/** Returns the path of the known-failures file of the bundled cases. */
export function defaultKnownFailuresFile(): string {
  return join(packageRootDir(), 'evals', 'known-failures.json');
}

/**
 * Reads and validates a known-failures file (`{cases: [{id, reason}]}`).
 * Throws an Error naming the file when it is missing or invalid.
 */
export function loadKnownFailures(file: string): KnownFailures {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Failed to read known-failures file ${file}: ${(error as Error).message}. Pass an existing file with --baseline.`,
      { cause: error },
    );
  }
  const result = knownFailuresSchema.safeParse(content);
  if (!result.success) {
    throw new Error(
      `Invalid known-failures file ${file}: expected {"cases": [{"id", "reason"}]}. Fix the file.`,
    );
  }
  return result.data;
}

/**
 * Compares failed cases with the known failures both ways: a failure the
 * file does not list fails the check, and so does a listed case that passed
 * or did not run, so the file never goes stale.
 */
export function checkKnownFailures(
  summaries: readonly CaseSummary[],
  known: KnownFailures,
): KnownFailuresCheck {
  const listed = new Set(known.cases.map((entry) => entry.id));
  const ran = new Map(summaries.map((summary) => [summary.caseId, summary]));
  const newFailures = summaries
    .filter((summary) => summary.failed && !listed.has(summary.caseId))
    .map((summary) => summary.caseId);
  const nowPassing: string[] = [];
  const unknown: string[] = [];
  const expectedFailures: string[] = [];
  for (const id of listed) {
    const summary = ran.get(id);
    if (summary === undefined) unknown.push(id);
    else if (summary.failed) expectedFailures.push(id);
    else nowPassing.push(id);
  }
  return {
    passed:
      newFailures.length === 0 &&
      nowPassing.length === 0 &&
      unknown.length === 0,
    newFailures,
    nowPassing,
    unknown,
    expectedFailures,
  };
}
