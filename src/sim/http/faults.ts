import type { FaultRule } from '../types.js';

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp;
  remaining: number | undefined;
}

/** Checks a fault rule and throws an Error naming the invalid field. */
export function checkFaultRule(rule: FaultRule): void {
  try {
    new RegExp(rule.path);
  } catch (error) {
    throw new Error(
      `Invalid fault rule path ${JSON.stringify(rule.path)}: ${(error as Error).message}. Use a regular expression such as ^/api/ariel/searches$.`,
      { cause: error },
    );
  }
  if (rule.status === undefined && rule.reset !== true) {
    throw new Error(
      `Invalid fault rule for ${JSON.stringify(rule.path)}: set status or reset: true.`,
    );
  }
  if (
    rule.status !== undefined &&
    (!Number.isInteger(rule.status) || rule.status < 400 || rule.status > 599)
  ) {
    throw new Error(
      `Invalid fault rule status ${rule.status}: expected an HTTP error status from 400 to 599.`,
    );
  }
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
    throw new Error(
      `Invalid fault rule rate ${rule.rate}: expected a probability from 0 to 1.`,
    );
  }
  if (
    rule.count !== undefined &&
    (!Number.isInteger(rule.count) || rule.count < 0)
  ) {
    throw new Error(
      `Invalid fault rule count ${rule.count}: expected a non-negative integer.`,
    );
  }
}

/** Holds the fault rules and picks the one, if any, that applies to a request. */
export class FaultInjector {
  readonly #rules: ActiveRule[] = [];
  readonly #random: () => number;

  constructor(random: () => number, rules: readonly FaultRule[] = []) {
    this.#random = random;
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule after the existing ones; the first matching rule applies. */
  add(rule: FaultRule): void {
    checkFaultRule(rule);
    this.#rules.push({
      rule: { ...rule },
      pattern: new RegExp(rule.path),
      remaining: rule.count,
    });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /**
   * Returns the rule that applies to a request, and uses up one of its
   * count. A rule with a rate draws once per matching request.
   */
  take(method: string, pathname: string): FaultRule | undefined {
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method)
        continue;
      if (!active.pattern.test(pathname)) continue;
      if (active.remaining !== undefined && active.remaining <= 0) continue;
      if (rule.rate !== undefined && this.#random() >= rule.rate) continue;
      if (active.remaining !== undefined) active.remaining -= 1;
      return rule;
    }
    return undefined;
  }
}
