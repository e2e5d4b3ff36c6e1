import type { TokenUsage } from './provider.js';

// NOTE: list prices in USD per million tokens as published by Anthropic and
// OpenAI in 2025 (input, output); update them when the vendors change prices.
// Models not listed are costed at 0 and reported as unpriced.
const pricesPerMillion: Record<string, [number, number]> = {
  'claude-opus-4-1': [15, 75],
  'claude-sonnet-4-5': [3, 15],
  'claude-sonnet-4': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'claude-3-5-haiku': [0.8, 4],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
};

/**
 * Estimates the cost of a model's usage in USD from list prices; a dated
 * model name (`claude-sonnet-4-5-20250929`) is priced as its family.
 * Returns undefined for models without a listed price.
 */
export function estimateCostUsd(
  model: string,
  usage: TokenUsage,
): number | undefined {
  const family = Object.keys(pricesPerMillion)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((left, right) => right.length - left.length)[0];
  if (family === undefined) return undefined;
  const [input, output] = pricesPerMillion[family] ?? [0, 0];
  return (usage.inputTokens * input + usage.outputTokens * output) / 1_000_000;
}
