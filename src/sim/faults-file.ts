import { readFileSync } from 'node:fs';

import { parseDocument } from 'yaml';
import { z } from 'zod';

import { formatJsonPath } from './case-files.js';
import { checkFaultRule } from './http/faults.js';
import type { FaultRule } from './types.js';

const faultRuleSchema = z.strictObject({
  method: z.string().min(1).optional(),
  path: z.string().min(1),
  status: z.number().int().optional(),
  reset: z.boolean().optional(),
  afterEffect: z.boolean().optional(),
  retryAfterS: z.number().int().nonnegative().optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().nonnegative().optional(),
});

/**
 * Reads fault rules from a YAML or JSON file holding a list of rules. Throws
 * an Error naming the file and the invalid entry.
 */
export function readFaultRules(file: string): FaultRule[] {
  let content: unknown;
  try {
    const document = parseDocument(readFileSync(file, 'utf8'));
    if (document.errors.length > 0) {
      throw new Error(document.errors[0]?.message ?? 'invalid YAML');
    }
    content = document.toJS();
  } catch (error) {
    throw new Error(
      `Failed to read faults file ${file}: ${(error as Error).message}. Write a YAML or JSON list of rules.`,
      { cause: error },
    );
  }
  const result = z.array(faultRuleSchema).safeParse(content ?? []);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `Invalid faults file ${file}: ${formatJsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}. Each rule needs path and status or reset.`,
    );
  }
  const rules: FaultRule[] = result.data.map((rule) =>
    Object.fromEntries(
      Object.entries(rule).filter(([, value]) => value !== undefined),
    ),
  ) as unknown as FaultRule[];
  rules.forEach((rule, index) => {
    try {
      checkFaultRule(rule);
    } catch (error) {
      throw new Error(
        `Invalid faults file ${file}: [${index}]: ${(error as Error).message}`,
        { cause: error },
      );
    }
  });
  return rules;
}
