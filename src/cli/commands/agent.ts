import { setMaxListeners } from 'node:events';
import { parseArgs } from 'node:util';

import {
  createProvider,
  createTriageQueue,
  formatRunDetails,
  formatRunList,
  isPolicyMode,
  policyModes,
  resumeRun,
  runTriage,
  startTriggerServer,
  watchOffenses,
  type Budgets,
  type PolicyMode,
  type TriageResult,
} from '../../agent/index.js';
import { PolicyError, verifyWebhookSignature } from '../../policy/index.js';
import { openServerRuntime } from '../../server/index.js';
import { openStore, type Store } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';
import {
  exitCodes,
  UsageError,
  type Command,
  type CommandContext,
} from '../command.js';
import { printError, printLine } from '../output.js';
import {
  connectInProcess,
  connectStdio,
  createProgressPrinter,
  exitCodeOf,
  printTriageTable,
  quietLogger,
  rowOf,
  type AgentSession,
} from './agent-session.js';

const usage = `Usage: qradar-mcp agent <subcommand> [options]

Triages QRadar offenses with a model as an MCP client of the qradar-mcp
server (in this process, or a spawned \`qradar-mcp serve\` with --stdio).

Subcommands:
  run --offense N          triage one offense; exit code 3 when an approval
                           request is pending
  watch                    triage every new offense and every update (more
                           events, a later last_updated_time, a higher
                           magnitude) once, across restarts
  serve-trigger --port N   triage offenses named by signed HTTP requests
  resume RUN_ID            finish a run after its approval request is decided
  runs [--offense N] [--limit N]
                           list stored runs, newest first
  show RUN_ID              print a stored run: transcript, tool calls, usage

Model options (run, watch, serve-trigger):
  --provider P             anthropic, openai, baseline or replay (default:
                           anthropic or openai when its API key is set, else
                           baseline, the offline playbook)
  --model M                model id for anthropic or openai
  --playbook FILE          playbook YAML of the baseline (default the shipped
                           playbook/default-playbook.yaml)
  --cassettes PATH         cassette file or folder of the replay provider
                           (default evals/cassettes)
  --record-cassette FILE   append the model's turns to this cassette file
  --no-pseudonymize        send real host names, user names and internal IPs
                           to an external provider (pseudonymized by default)
  --mode M                 monitor or approve: make the policy stricter
  --max-turns N, --max-tool-calls N, --max-tokens N, --timeout DURATION
                           budgets per offense (defaults 12, 30, 300000, 5m)
  --stdio                  run the server as a child process over stdio

Watch and trigger options:
  --interval DURATION      poll interval, such as 30s or 2m (default 30s)
  --min-magnitude N        only offenses of at least this magnitude
  --trigger-port N         also accept signed triggers on this port (watch)
  --port N                 port of serve-trigger
  --host H                 address of the trigger (default 127.0.0.1)
Triggers are POST /triage {"offense_id": N} with X-Qradar-Mcp-Timestamp and
X-Qradar-Mcp-Signature = hex HMAC-SHA256(secret, timestamp + "." + body),
accepted within five minutes; the secret comes from QRADAR_MCP_TRIGGER_SECRET.`;

const options = {
  offense: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  playbook: { type: 'string' },
  cassettes: { type: 'string' },
  'record-cassette': { type: 'string' },
  'no-pseudonymize': { type: 'boolean' },
  mode: { type: 'string' },
  'max-turns': { type: 'string' },
  'max-tool-calls': { type: 'string' },
  'max-tokens': { type: 'string' },
  timeout: { type: 'string' },
  stdio: { type: 'boolean' },
  interval: { type: 'string' },
  'min-magnitude': { type: 'string' },
  'trigger-port': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  limit: { type: 'string' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>['values'];

function parseCommandLine(argv: string[]): {
  values: Values;
  positionals: string[];
} {
  try {
    return parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function positiveInteger(
  value: string | undefined,
  flag: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a positive integer.`,
    );
  }
  return Number(value);
}

/** Parses 500ms, 30s, 2m or 1h into milliseconds. */
function duration(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a duration such as 30s, 2m or 1h.`,
    );
  }
  const unit =
    { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return Number(match[1]) * unit;
}

function parseMode(value: string | undefined): PolicyMode | undefined {
  if (value === undefined) return undefined;
  if (!isPolicyMode(value)) {
    throw new UsageError(
      `Invalid --mode ${JSON.stringify(value)}: expected ${policyModes.join(', ')}.`,
    );
  }
  return value;
}

function budgetsOf(values: Values): Partial<Budgets> {
  const budgets: Partial<Budgets> = {};
  const turns = positiveInteger(values['max-turns'], '--max-turns');
  const toolCalls = positiveInteger(
    values['max-tool-calls'],
    '--max-tool-calls',
  );
  const tokens = positiveInteger(values['max-tokens'], '--max-tokens');
  const wall = duration(values.timeout, '--timeout');
  if (turns !== undefined) budgets.maxTurns = turns;
  if (toolCalls !== undefined) budgets.maxToolCalls = toolCalls;
  if (tokens !== undefined) budgets.maxTokens = tokens;
  if (wall !== undefined) budgets.maxWallMs = wall;
  return budgets;
}

/**
 * Returns the context of a command whose terminal output is its progress.
 * Its logger logs at warn unless QRADAR_MCP_LOG_LEVEL sets a level, so that
 * tool-call log lines do not bury the progress and the table.
 */
async function withSession<T>(
  context: CommandContext,
  values: Values,
  work: (session: AgentSession, store: Store) => Promise<T>,
): Promise<T> {
  const mode = parseMode(values.mode);
  if (values.stdio === true) {
    const store = openStore(context.settings.dataDir, {
      logger: context.logger,
    });
    try {
      const session = await connectStdio(mode);
      try {
        return await work(session, store);
      } finally {
        await session.close();
      }
    } finally {
      await store.close();
    }
  }
  const runtime = await openServerRuntime(context.settings, context.logger, {
    mode,
  }).catch((error: unknown) => {
    if (PolicyError.is(error) && error.code === 'INVALID_MODE_OVERRIDE') {
      throw new UsageError(error.message);
    }
    throw error;
  });
  try {
    const session = await connectInProcess(
      runtime,
      context.settings,
      context.logger,
    );
    try {
      return await work(session, runtime.store);
    } finally {
      await session.close();
    }
  } finally {
    await runtime.close();
  }
}

/** Exit code after Ctrl-C (128 + SIGINT), as shells report it. */
const interruptedExitCode = 130;

function providerFor(context: CommandContext, values: Values) {
  return createProvider(context.settings, {
    name: values.provider,
    model: values.model,
    playbookPath: values.playbook,
    cassettes: values.cassettes,
    recordCassette: values['record-cassette'],
    pseudonymize: values['no-pseudonymize'] === true ? false : undefined,
  });
}

function abortOnSignals(): AbortController {
  const controller = new AbortController();
  // Every concurrent tool call of a turn listens to this signal.
  setMaxListeners(100, controller.signal);
  const stop = (): void => {
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller;
}

async function runOne(
  context: CommandContext,
  values: Values,
): Promise<number> {
  const offenseId = positiveInteger(values.offense, '--offense');
  if (offenseId === undefined) {
    throw new UsageError('Missing --offense N: name the offense to triage.');
  }
  const provider = providerFor(context, values);
  const budgets = budgetsOf(values);
  const controller = abortOnSignals();
  return withSession(context, values, async (session, store) => {
    const result = await runTriage({
      client: session.client,
      provider,
      offenseId,
      runs: store.runs,
      state: store.runnerState,
      mode: parseMode(values.mode),
      budgets,
      pseudonymize: values['no-pseudonymize'] === true ? false : undefined,
      logger: context.logger,
      onProgress: createProgressPrinter(),
      signal: controller.signal,
    });
    printTriageTable([rowOf(result)]);
    const requestId = sanitizeText(result.outcome.approvalRequestId ?? '?');
    if (result.state === 'awaiting_approval') {
      printLine();
      printLine(`Approval request ${requestId} is pending. Approve it with`);
      printLine(`  npx qradar-mcp approvals approve ${requestId} --as NAME`);
      printLine(`then finish the run with`);
      printLine(`  npx qradar-mcp agent resume ${sanitizeText(result.runId)}`);
    } else if (result.outcome.detail !== undefined) {
      printError(
        `qradar-mcp agent run: ${sanitizeText(result.outcome.detail, { maxLength: 500 })}`,
      );
    }
    return exitCodeOf(result.state);
  });
}

function triggerSecret(context: CommandContext): string {
  const secret = context.settings.triggerSecret;
  if (secret === undefined) {
    throw new UsageError(
      'Missing QRADAR_MCP_TRIGGER_SECRET: the HTTP trigger needs a shared secret of at least 16 characters to check signatures.',
    );
  }
  return secret;
}

async function watch(
  context: CommandContext,
  values: Values,
  triggerOnly: boolean,
): Promise<number> {
  const provider = providerFor(context, values);
  const budgets = budgetsOf(values);
  const intervalMs = duration(values.interval, '--interval') ?? 30_000;
  const minMagnitude =
    values['min-magnitude'] === undefined
      ? undefined
      : Number(values['min-magnitude']);
  if (
    minMagnitude !== undefined &&
    !(minMagnitude >= 0 && minMagnitude <= 10)
  ) {
    throw new UsageError(
      `Invalid --min-magnitude ${JSON.stringify(values['min-magnitude'])}: expected 0 to 10.`,
    );
  }

  const portText = triggerOnly ? values.port : values['trigger-port'];
  const port = portText === undefined ? undefined : Number(portText);
  if (triggerOnly && port === undefined)
    throw new UsageError('Missing --port N for serve-trigger.');
  if (
    port !== undefined &&
    !(Number.isInteger(port) && port >= 0 && port < 65_536)
  ) {
    throw new UsageError(
      `Invalid port ${JSON.stringify(portText)}: expected 0 to 65535.`,
    );
  }

  const secret = port === undefined ? undefined : triggerSecret(context);
  const controller = abortOnSignals();
  const progress = createProgressPrinter();

  return withSession(context, values, async (session, store) => {
    const triageOptions = {
      mode: parseMode(values.mode),
      budgets,
      pseudonymize: values['no-pseudonymize'] === true ? false : undefined,
      logger: context.logger,
      onProgress: progress,
    };
    const report = (result: TriageResult): void => {
      printTriageTable([rowOf(result)]);
    };

    const queue = createTriageQueue(async (offenseId) => {
      report(
        await runTriage({
          ...triageOptions,
          client: session.client,
          provider,
          offenseId,
          runs: store.runs,
          state: store.runnerState,
          signal: controller.signal,
        }),
      );
    }, context.logger);

    const trigger =
      port === undefined || secret === undefined
        ? undefined
        : await startTriggerServer({
            port,
            host: values.host,
            logger: context.logger,
            verify: (input) => verifyWebhookSignature({ secret, ...input }),
            onTrigger: (offenseId) => {
              queue.add(offenseId);
            },
          });

    if (trigger !== undefined)
      printError(
        `qradar-mcp agent: accepting signed triggers at ${trigger.url}`,
      );
    try {
      if (triggerOnly) {
        await new Promise<void>((resolve) => {
          controller.signal.addEventListener('abort', () => {
            resolve();
          });
        });
      } else {
        printError(
          `qradar-mcp agent: watching open offenses every ${Math.round(intervalMs / 1000)} s; stop with Ctrl-C`,
        );
        await watchOffenses({
          client: session.client,
          provider,
          runs: store.runs,
          state: store.runnerState,
          minMagnitude,
          intervalMs,
          triage: triageOptions,
          logger: context.logger,
          signal: controller.signal,
          afterTriage: report,
        });
      }
    } finally {
      await trigger?.close();
      await queue.drain();
    }
    if (controller.signal.aborted) {
      printError(`agent ${triggerOnly ? 'serve-trigger' : 'watch'} stopped`);
      return interruptedExitCode;
    }
    return exitCodes.ok;
  });
}

async function resume(
  context: CommandContext,
  runId: string | undefined,
): Promise<number> {
  if (runId === undefined)
    throw new UsageError('Missing RUN_ID: agent resume RUN_ID.');
  return withSession(context, {}, async (session, store) => {
    const result = await resumeRun({
      client: session.client,
      runs: store.runs,
      runId,
      logger: context.logger,
    });
    const run = await store.runs.get(result.runId);
    printTriageTable([
      {
        offenseId: run?.offenseId ?? null,
        runId: result.runId,
        state: result.state,
        outcome: result.outcome,
      },
    ]);
    if (result.state === 'awaiting_approval') {
      printLine();
      printLine(
        `Approval request ${sanitizeText(result.outcome.approvalRequestId ?? '?')} is still ${sanitizeText(result.approvalStatus)}.`,
      );
    }
    return exitCodeOf(result.state);
  });
}

async function listRuns(
  context: CommandContext,
  values: Values,
  runId: string | undefined,
  show: boolean,
): Promise<number> {
  const store = openStore(context.settings.dataDir, { logger: context.logger });
  try {
    if (show) {
      if (runId === undefined)
        throw new UsageError('Missing RUN_ID: agent show RUN_ID.');
      const run = await store.runs.get(runId);
      if (run === undefined) {
        printError(
          `Run ${sanitizeText(runId)} not found: list runs with qradar-mcp agent runs.`,
        );
        return exitCodes.failure;
      }
      for (const line of formatRunDetails(run)) printLine(line);
      return exitCodes.ok;
    }
    const runs = await store.runs.list({
      offenseId: positiveInteger(values.offense, '--offense'),
      limit: positiveInteger(values.limit, '--limit') ?? 50,
    });
    if (runs.length === 0) {
      printLine(
        'No runs yet. Triage an offense with qradar-mcp agent run --offense N.',
      );
      return exitCodes.ok;
    }
    for (const line of formatRunList(runs)) printLine(line);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}

/** `qradar-mcp agent`: the headless triage runner. */
export const agentCommand: Command = {
  name: 'agent',
  summary:
    'triage offenses with a model: run, watch, serve-trigger, resume, runs, show',
  usage,
  async run(context) {
    const [subcommand, ...rest] = context.argv;
    const { values, positionals } = parseCommandLine(rest);
    switch (subcommand) {
      case 'run':
        return runOne(quietLogger(context), values);
      case 'watch':
        return watch(quietLogger(context), values, false);
      case 'serve-trigger':
        return watch(quietLogger(context), values, true);
      case 'resume':
        return resume(quietLogger(context), positionals[0]);
      case 'runs':
        return listRuns(context, values, undefined, false);
      case 'show':
        return listRuns(context, values, positionals[0], true);
      default:
        throw new UsageError(
          subcommand === undefined
            ? 'Missing subcommand: run, watch, serve-trigger, resume, runs or show.'
            : `Unknown subcommand ${JSON.stringify(subcommand)}: use run, watch, serve-trigger, resume, runs or show.`,
        );
    }
  },
};
