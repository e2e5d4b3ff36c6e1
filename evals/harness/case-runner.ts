import type { Logger } from '../../src/config/index.js';
import type { CaseFile } from '../../src/sim/index.js';
import type { EvalMode, RunRecord } from '../scoring/types.js';

/** Model settings of an eval, passed through to the agent runner. */
export interface ProviderSettings {
  /** baseline, anthropic, openai or replay. */
  name: string;
  /** Model id; the provider's default when absent. */
  model?: string | undefined;
  /** Folder of replay cassettes (replay provider, and `--record`). */
  cassettesDir?: string | undefined;
  /** Ask the provider to record cassettes while it runs. */
  record?: boolean | undefined;
  anthropicApiKey?: string | undefined;
  anthropicBaseUrl?: string | undefined;
  openaiApiKey?: string | undefined;
  openaiBaseUrl?: string | undefined;
}

/** Everything one run of one case needs. */
export interface CaseRunContext {
  testCase: CaseFile;
  /** Absolute path of the case file. */
  caseFile: string;
  /** Zero-based repetition index, below k. */
  attempt: number;
  mode: EvalMode;
  provider: ProviderSettings;
  /** Grant every approval request as an eval approver and resume the run. */
  approveAll: boolean;
  logger: Logger;
  signal?: AbortSignal | undefined;
}

/**
 * Runs one case once and reports what happened. The default runner drives the
 * real agent in a fresh simulator and store; the self-tests pass scripted ones.
 */
export type CaseRunner = (context: CaseRunContext) => Promise<RunRecord>;
