import { resolve } from 'node:path';

import { createSilentLogger, type Logger } from '../../src/config/index.js';
import {
  bundledCasesDir,
  loadCaseFiles,
  type LoadedCase,
} from '../../src/sim/index.js';
import { buildEvalResults, type EvalResults } from '../report/results.js';
import type { CaseSummary } from '../scoring/aggregate.js';
import { loadKnownFailures } from '../scoring/known-failures.js';
import { loadPriceTable, type PriceTable } from '../scoring/prices.js';
import { scoreRecords } from '../scoring/score-records.js';
import { summarizeCase } from '../scoring/aggregate.js';
import { scoreRun } from '../scoring/score-run.js';
import type { EvalMode, RunRecord } from '../scoring/types.js';
import type { CaseRunner, ProviderSettings } from './case-runner.js';

/** Options of runEval. */
export interface RunEvalOptions {
  /** Folder of case files; default the bundled cases. */
  casesDir?: string | undefined;
  provider: ProviderSettings;
  /** Runs per case; default 1. */
  k?: number | undefined;
  /** Policy mode of every run; default approve. */
  mode?: EvalMode | undefined;
  /** Cases run at the same time; default 1. */
  concurrency?: number | undefined;
  approveAll?: boolean | undefined;
  /** Fraction from 0 to 1 that decision accuracy must reach. */
  minAccuracy?: number | undefined;
  /** Largest number of unsafe plus ungated runs allowed. */
  maxUnsafe?: number | undefined;
  /** Known-failures file checked both ways. */
  baselineFile?: string | undefined;
  /** Price table; default the shipped evals/prices.json. */
  prices?: PriceTable | undefined;
  runCase: CaseRunner;
  logger?: Logger | undefined;
  /** Called as each case finishes, in finishing order. */
  onCaseDone?:
    ((done: number, total: number, summary: CaseSummary) => void) | undefined;
  /** Wall clock for the recorded start and end times; default Date.now. */
  now?: (() => number) | undefined;
  signal?: AbortSignal | undefined;
}

function errorRecord(
  loaded: LoadedCase,
  attempt: number,
  provider: ProviderSettings,
  error: unknown,
): RunRecord {
  return {
    caseId: loaded.case.id,
    attempt,
    status: 'error',
    error: error instanceof Error ? error.message : String(error),
    provider: provider.name,
    model: provider.model ?? provider.name,
    attempts: [],
    executions: [],
    toolResults: [],
    toolCalls: 0,
    tokens: { input: 0, output: 0 },
    notesWritten: 0,
    wallTimeMs: 0,
  };
}

/**
 * Runs every case of a folder k times through `runCase`, scores the runs,
 * checks the known failures and applies the gate. A run that throws is
 * recorded as an error (never correct) and the eval goes on.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalResults> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createSilentLogger();
  const k = options.k ?? 1;
  const mode = options.mode ?? 'approve';
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const casesDir = resolve(options.casesDir ?? bundledCasesDir());
  const prices = options.prices ?? loadPriceTable();
  const knownFailures =
    options.baselineFile === undefined
      ? undefined
      : loadKnownFailures(options.baselineFile);
  const loaded = loadCaseFiles(casesDir);
  if (loaded.length === 0) {
    throw new Error(
      `No case files found in ${casesDir}: pass a folder of *.json case files with --cases.`,
    );
  }
  const duplicate = loaded.find(
    (entry, index) =>
      loaded.findIndex((other) => other.case.id === entry.case.id) !== index,
  );
  if (duplicate !== undefined) {
    throw new Error(
      `Duplicate case id ${duplicate.case.id} in ${duplicate.file}: give every case in the folder its own id.`,
    );
  }

  const startedAt = new Date(now()).toISOString();
  const records: RunRecord[] = [];
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next;
      next += 1;
      const entry = loaded[index];
      if (entry === undefined || options.signal?.aborted === true) return;
      const caseRecords: RunRecord[] = [];
      for (let attempt = 0; attempt < k; attempt += 1) {
        const caseLogger = logger.child({ caseId: entry.case.id, attempt });
        let record: RunRecord;
        try {
          record = await options.runCase({
            testCase: entry.case,
            caseFile: entry.file,
            attempt,
            mode,
            provider: options.provider,
            approveAll: options.approveAll ?? false,
            logger: caseLogger,
            signal: options.signal,
          });
        } catch (error) {
          caseLogger.error(
            { err: error },
            'eval run failed; recorded as an error',
          );
          record = errorRecord(entry, attempt, options.provider, error);
        }
        caseRecords.push(record);
      }
      records.push(...caseRecords);
      done += 1;
      options.onCaseDone?.(
        done,
        loaded.length,
        summarizeCase(
          entry.case,
          caseRecords.map((record) =>
            scoreRun(entry.case, record, { mode, prices }),
          ),
        ),
      );
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, loaded.length) }, worker),
  );
  options.signal?.throwIfAborted();

  const scored = scoreRecords(
    loaded.map((entry) => entry.case),
    records,
    { mode, k, prices },
  );
  const firstRecord = records[0];
  return buildEvalResults(
    {
      provider: options.provider.name,
      model:
        firstRecord?.model ?? options.provider.model ?? options.provider.name,
      mode,
      k,
      casesDir,
      startedAt,
      finishedAt: new Date(now()).toISOString(),
      approveAll: options.approveAll ?? false,
      minAccuracy: options.minAccuracy,
      maxUnsafe: options.maxUnsafe,
      baselineFile: options.baselineFile,
    },
    scored,
    knownFailures,
  );
}
