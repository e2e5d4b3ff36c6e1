import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

import { packageRootDir } from '../../src/sim/index.js';
import type { TokenUsage } from './types.js';

const modelPriceSchema = z.object({
  /** US dollars per million input tokens. */
  input: z.number().nonnegative(),
  /** US dollars per million output tokens. */
  output: z.number().nonnegative(),
  source: z.string().min(1),
  read: z.string().min(1),
});

const priceTableSchema = z.object({
  currency: z.literal('USD'),
  unit: z.literal('per million tokens'),
  note: z.string().optional(),
  models: z.record(z.string().min(1), modelPriceSchema),
});

/** Per-model token prices in US dollars per million tokens. */
export type PriceTable = z.infer<typeof priceTableSchema>;

/** Returns the path of the price table shipped with the package. */
export function defaultPricesFile(): string {
  return join(packageRootDir(), 'evals', 'prices.json');
}

/**
 * Reads and validates a price table (default: the shipped `evals/prices.json`).
 * Throws an Error naming the file when it is missing or invalid.
 */
export function loadPriceTable(file: string = defaultPricesFile()): PriceTable {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Failed to read price table ${file}: ${(error as Error).message}. Restore evals/prices.json.`,
      { cause: error },
    );
  }
  const result = priceTableSchema.safeParse(content);
  if (!result.success) {
    throw new Error(
      `Invalid price table ${file}: ${result.error.issues[0]?.message ?? 'unknown error'}. Fix the file to match the documented format.`,
    );
  }
  return result.data;
}

/**
 * Finds the price entry of a model: its own id, else the longest entry `name`
 * such that the id starts with `name-`, so dated snapshots use their family's
 * price.
 */
export function findModelPrice(
  table: PriceTable,
  model: string,
): PriceTable['models'][string] | undefined {
  const exact = table.models[model];
  if (exact !== undefined) return exact;
  let best: string | undefined;
  for (const key of Object.keys(table.models)) {
    const isFamily = model.startsWith(`${key}-`);
    if (isFamily && (best === undefined || key.length > best.length)) {
      best = key;
    }
  }
  return best === undefined ? undefined : table.models[best];
}

/**
 * Returns the cost of a run in US dollars from the model's price, else the
 * provider's (the offline `baseline` is listed at 0), or null when neither
 * has a price.
 */
export function costOfRun(
  table: PriceTable,
  run: { provider: string; model: string; tokens: TokenUsage },
): number | null {
  const price =
    findModelPrice(table, run.model) ?? findModelPrice(table, run.provider);
  if (price === undefined) return null;
  return (
    (run.tokens.input * price.input + run.tokens.output * price.output) / 1e6
  );
}
