/** Limits on one offense's triage; exhausting any one stops the run safely. */
export interface Budgets {
  /** Model calls; default 12. */
  maxTurns: number;
  /** MCP tool calls the model requests; default 30. */
  maxToolCalls: number;
  /** Input plus output tokens over all model calls; default 300000. */
  maxTokens: number;
  /** Wall time in milliseconds; default 300000 (5 minutes). */
  maxWallMs: number;
}

/** Budgets used when a caller sets none. */
export const defaultBudgets: Budgets = {
  maxTurns: 12,
  maxToolCalls: 30,
  maxTokens: 300_000,
  maxWallMs: 300_000,
};

/** Name of the exhausted budget, as stored in the run and the escalation note. */
export type BudgetName = 'turns' | 'tool_calls' | 'tokens' | 'wall_time';

/** Tracks spending against Budgets with an injected clock. */
export class BudgetTracker {
  readonly #budgets: Budgets;
  readonly #now: () => number;
  readonly #startedMs: number;
  turns = 0;
  toolCalls = 0;
  tokens = 0;

  constructor(budgets: Budgets, now: () => number) {
    this.#budgets = budgets;
    this.#now = now;
    this.#startedMs = now();
  }

  /** Milliseconds since the tracker started. */
  elapsedMs(): number {
    return this.#now() - this.#startedMs;
  }

  /** Returns the exhausted budget that forbids another model call, if any. */
  beforeTurn(): BudgetName | undefined {
    if (this.elapsedMs() >= this.#budgets.maxWallMs) return 'wall_time';
    if (this.turns >= this.#budgets.maxTurns) return 'turns';
    if (this.tokens >= this.#budgets.maxTokens) return 'tokens';
    return undefined;
  }

  /** Returns the exhausted budget that forbids another tool call, if any. */
  beforeToolCall(): BudgetName | undefined {
    if (this.elapsedMs() >= this.#budgets.maxWallMs) return 'wall_time';
    if (this.toolCalls >= this.#budgets.maxToolCalls) return 'tool_calls';
    return undefined;
  }

  /** Milliseconds left before the wall-time budget ends, at least 0. */
  remainingMs(): number {
    return Math.max(0, this.#budgets.maxWallMs - this.elapsedMs());
  }
}
