import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import {
  createAgentCaseRunner,
  defaultCassettesDir,
  formatProgressLine,
  renderTerminalReport,
  replacePreviousLine,
  runEval,
  writeCassetteManifest,
  writeReports,
  type EvalMode,
} from '../../../evals/index.js';
import { createSilentLogger } from '../../config/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError, printLine } from '../output.js';

const usage = `Usage: qradar-mcp eval [options]

Runs the agent on recorded offenses, each in a fresh simulator and store,
scores its decisions and writes results.json, summary.md and report.html.

Options:
  --cases DIR            folder of case files (default: the bundled cases)
  --provider NAME        baseline, anthropic, openai or replay (default: baseline)
  --model ID             model id (default: the provider's default)
  --k N                  runs per case (default: 1)
  --mode MODE            monitor, approve or autonomous (default: approve)
  --out DIR              folder for the reports (default: ./eval-out)
  --min-accuracy F       fail when decision accuracy is below F, from 0 to 1
  --max-unsafe N         fail when unsafe plus ungated runs exceed N
  --baseline FILE        known-failures file, checked both ways
  --concurrency N        cases run at the same time (default: 1)
  --approve-all          grant every approval request and resume the run
  --record               record model turns as cassettes (anthropic, openai)
  --cassettes DIR        cassette folder (default: evals/cassettes)

Exit status: 0 unless accuracy is below --min-accuracy, unsafe plus ungated
runs exceed --max-unsafe, or the known-failures check fails (1).`;

const modes: readonly EvalMode[] = ['monitor', 'approve', 'autonomous'];
const providers = ['baseline', 'anthropic', 'openai', 'replay'];

function parseInteger(flag: string, value: string, minimum: number): number {
  if (!/^\d+$/.test(value) || Number(value) < minimum) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a whole number of at least ${minimum}.`,
    );
  }
  return Number(value);
}

function parseFraction(flag: string, value: string): number {
  const number = Number(value);
  if (
    value.trim() === '' ||
    !Number.isFinite(number) ||
    number < 0 ||
    number > 1
  ) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a fraction from 0 to 1, such as 0.9.`,
    );
  }
  return number;
}

function parseEvalArguments(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        cases: { type: 'string' },
        provider: { type: 'string', default: 'baseline' },
        model: { type: 'string' },
        k: { type: 'string', default: '1' },
        mode: { type: 'string', default: 'approve' },
        out: { type: 'string', default: 'eval-out' },
        'min-accuracy': { type: 'string' },
        'max-unsafe': { type: 'string' },
        baseline: { type: 'string' },
        concurrency: { type: 'string', default: '1' },
        'approve-all': { type: 'boolean', default: false },
        record: { type: 'boolean', default: false },
        cassettes: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values;
  const mode = values.mode as EvalMode;
  if (!modes.includes(mode)) {
    throw new UsageError(
      `Invalid --mode ${JSON.stringify(values.mode)}: expected monitor, approve or autonomous.`,
    );
  }
  if (!providers.includes(values.provider)) {
    throw new UsageError(
      `Invalid --provider ${JSON.stringify(values.provider)}: expected ${providers.join(', ')}.`,
    );
  }
  if (
    values.record &&
    values.provider !== 'anthropic' &&
    values.provider !== 'openai'
  ) {
    throw new UsageError(
      '--record needs --provider anthropic or openai: only live model turns can be recorded.',
    );
  }
  const path = (value: string | undefined): string | undefined =>
    value === undefined
      ? undefined
      : isAbsolute(value)
        ? value
        : resolve(value);
  return {
    casesDir: path(values.cases),
    provider: values.provider,
    model: values.model,
    k: parseInteger('--k', values.k, 1),
    mode,
    outDir: path(values.out) ?? resolve('eval-out'),
    minAccuracy:
      values['min-accuracy'] === undefined
        ? undefined
        : parseFraction('--min-accuracy', values['min-accuracy']),
    maxUnsafe:
      values['max-unsafe'] === undefined
        ? undefined
        : parseInteger('--max-unsafe', values['max-unsafe'], 0),
    baselineFile: path(values.baseline),
    concurrency: parseInteger('--concurrency', values.concurrency, 1),
    approveAll: values['approve-all'],
    record: values.record,
    cassettesDir: path(values.cassettes),
  };
}

/** `qradar-mcp eval`: scores agent decisions on recorded offenses. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'score agent decisions on recorded offenses (CI gate)',
  usage,
  async run({ settings, logger, argv }) {
    const options = parseEvalArguments(argv);
    // Runs log through their own components only when asked for details, so
    // the progress lines stay readable.
    const runLogger =
      settings.logLevel === 'debug' || settings.logLevel === 'trace'
        ? logger
        : createSilentLogger();
    const interactive = process.stderr.isTTY;
    let canReplaceLastLine = false;
    const results = await runEval({
      casesDir: options.casesDir,
      provider: {
        name: options.provider,
        model: options.model,
        cassettesDir: options.cassettesDir,
        record: options.record,
        anthropicApiKey: settings.anthropicApiKey,
        anthropicBaseUrl: settings.anthropicBaseUrl,
        openaiApiKey: settings.openaiApiKey,
        openaiBaseUrl: settings.openaiBaseUrl,
      },
      k: options.k,
      mode: options.mode,
      concurrency: options.concurrency,
      approveAll: options.approveAll,
      minAccuracy: options.minAccuracy,
      maxUnsafe: options.maxUnsafe,
      baselineFile: options.baselineFile,
      runCase: createAgentCaseRunner({ policyFile: settings.policyFile }),
      logger: runLogger,
      onCaseDone(done, total, summary) {
        const line = formatProgressLine(done, total, summary);
        // On a terminal each line replaces the one before, except that the
        // line of a failed case stays on screen.
        printError(canReplaceLastLine ? `${replacePreviousLine}${line}` : line);
        canReplaceLastLine = interactive && !summary.failed;
      },
    });
    printLine(renderTerminalReport(results));
    const files = writeReports(options.outDir, results);
    if (options.record) {
      const manifest = writeCassetteManifest(
        options.cassettesDir ?? defaultCassettesDir(),
        {
          provider: options.provider,
          model: results.model,
          caseIds: results.cases.map((summary) => summary.caseId),
          nowMs: Date.now(),
        },
      );
      printLine(`cassettes: ${dirname(manifest)}`);
    }
    printLine();
    printLine(`results: ${files.resultsJson}`);
    printLine(`summary: ${files.summaryMarkdown}`);
    printLine(`report:  ${files.reportHtml}`);
    return results.gate.passed ? exitCodes.ok : exitCodes.failure;
  },
};
