import { parseArgs } from 'node:util';

import {
  createBaselineProvider,
  isUpdate,
  listOpenOffenses,
  readCursor,
  runTriage,
  type ModelProvider,
  type TriageResult,
} from '../../agent/index.js';
import { PolicyError } from '../../policy/index.js';
import { openServerRuntime, type ServerRuntime } from '../../server/index.js';
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
  createProgressPrinter,
  quietLogger,
  printTriageTable,
  type AgentSession,
} from './agent-session.js';

const usage = `Usage: qradar-mcp demo [--concurrency N] [--playbook FILE]

Runs the whole job on the embedded QRadar simulator with the bundled recorded
offenses: the agent triages every open offense with the offline baseline
playbook in approve mode, writes a note on each, and prints the triage table
and the next steps. This is what \`npm start\` runs. QRADAR_URL is ignored.

Options:
  --concurrency N   offenses triaged at once (default 4)
  --playbook FILE   playbook YAML of the baseline (default the shipped one)`;

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        concurrency: { type: 'string' },
        playbook: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function openDemoRuntime(
  context: CommandContext,
): Promise<ServerRuntime> {
  // The demo always runs the embedded simulator in approve mode; a policy
  // already stricter (monitor) is kept, because --mode never loosens it.
  const settings = { ...context.settings, qradarUrl: undefined };
  try {
    return await openServerRuntime(settings, context.logger, {
      mode: 'approve',
    });
  } catch (error) {
    if (!PolicyError.is(error) || error.code !== 'INVALID_MODE_OVERRIDE')
      throw error;
    return openServerRuntime(settings, context.logger);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function printNextSteps(
  results: readonly TriageResult[],
  runtime: ServerRuntime,
  context: CommandContext,
): void {
  const waiting = results.find(
    (result) => result.state === 'awaiting_approval',
  );
  const approvers = runtime.policy.approvers;
  const approver =
    approvers.find((entry) => entry.roles.includes('soc_lead')) ?? approvers[0];
  const entry = process.argv[1] ?? 'dist/src/cli/index.js';

  printLine();
  printLine('Next steps');
  if (waiting !== undefined) {
    const requestId = sanitizeText(waiting.outcome.approvalRequestId ?? '?');
    printLine(
      `  1. Approve one request (approvers are named in the policy: ${approvers.map((item) => item.name).join(', ')}):`,
    );
    printLine(
      `       npx qradar-mcp approvals approve ${requestId} --as ${approver?.name ?? 'NAME'}`,
    );
    printLine(
      '  2. Finish its run: the agent repeats the stored call with the signed token.',
    );
    printLine(
      `       npx qradar-mcp agent resume ${sanitizeText(waiting.runId)}`,
    );
  } else {
    printLine(
      '  1. No approval request is pending; list decided ones with npx qradar-mcp approvals list --all.',
    );
  }
  printLine(
    '  3. Read what the agent did: npx qradar-mcp agent show RUN_ID (or agent runs).',
  );
  printLine(
    '  4. Connect Claude Desktop: add this server to claude_desktop_config.json',
  );
  printLine(
    '     (without QRADAR_URL it serves this same embedded simulator and data):',
  );

  const config = {
    mcpServers: {
      qradar: {
        command: process.execPath,
        args: [entry, 'serve'],
        env: { QRADAR_MCP_DATA_DIR: context.settings.dataDir },
      },
    },
  };
  for (const line of JSON.stringify(config, null, 2).split('\n'))
    printLine(`       ${line}`);
}

/**
 * Triages the offenses with one worker per session, lowest id first, and
 * returns the results in offense order with the number of failed triages.
 */
async function triageAll(
  offenseIds: number[],
  sessions: readonly AgentSession[],
  runtime: ServerRuntime,
  context: CommandContext,
  provider: ModelProvider,
): Promise<{ results: TriageResult[]; failures: number }> {
  const queue = [...offenseIds].sort((left, right) => left - right);
  const progress = createProgressPrinter();
  const results: TriageResult[] = [];
  let failures = 0;
  const work = async (session: AgentSession): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        results.push(
          await runTriage({
            client: session.client,
            provider,
            offenseId: id,
            runs: runtime.store.runs,
            state: runtime.store.runnerState,
            mode: runtime.policy.mode,
            logger: context.logger,
            onProgress: progress,
          }),
        );
      } catch (error) {
        failures += 1;
        const reason = sanitizeText((error as Error).message, {
          maxLength: 300,
        });
        printError(`qradar-mcp demo: offense ${id} failed: ${reason}`);
      }
    }
  };
  await Promise.all(sessions.map(work));
  results.sort((left, right) => left.offenseId - right.offenseId);
  return { results, failures };
}

function printSummary(
  results: readonly TriageResult[],
  failures: number,
  startedMs: number,
): void {
  const perOffense = results.map(
    (result) => result.outcome.timings?.totalMs ?? 0,
  );
  const waiting = results.filter(
    (result) => result.state === 'awaiting_approval',
  ).length;
  const none = results.filter(
    (result) => result.outcome.result === 'none',
  ).length;
  const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
  const medianSeconds = (median(perOffense) / 1000).toFixed(1);
  const failed = failures === 0 ? '' : `, ${failures} failed`;
  printLine();
  printLine(
    `${results.length} offenses triaged in ${seconds} s (median ${medianSeconds} s per offense): ${waiting} containment requests wait for approval, ${none} need no action${failed}.`,
  );
}

/** `qradar-mcp demo`: triage every bundled offense in the embedded simulator (`npm start`). */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'triage every bundled offense in the embedded simulator (npm start)',
  usage,
  async run(commandContext) {
    const context = quietLogger(commandContext);
    const values = parseOptions(context.argv);
    const concurrency =
      values.concurrency === undefined ? 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
      throw new UsageError(
        `Invalid --concurrency ${JSON.stringify(values.concurrency)}: expected 1 to 32.`,
      );
    }
    const startedMs = Date.now();
    if (context.settings.qradarUrl !== undefined) {
      printError(
        'qradar-mcp demo: QRADAR_URL is set but ignored; the demo runs on the embedded simulator only.',
      );
    }

    const provider = createBaselineProvider({ playbookPath: values.playbook });
    const runtime = await openDemoRuntime(context);
    const sessions: AgentSession[] = [];
    try {
      printError(
        `qradar-mcp demo: embedded QRadar simulator at ${runtime.backend.url} (state in ${context.settings.dataDir}), policy in ${runtime.policy.mode} mode, offline baseline playbook.`,
      );
      for (let index = 0; index < concurrency; index += 1) {
        sessions.push(
          await connectInProcess(
            runtime,
            context.settings,
            context.logger,
            'demo-agent',
          ),
        );
      }
      const first = sessions[0];
      if (first === undefined)
        throw new Error('Failed to connect the agent to the server.');
      const offenses = await listOpenOffenses(first.client);
      // Offenses whose state has not changed since a run, watch or an
      // earlier demo triaged them are not triaged again.
      const changed: number[] = [];
      let unchanged = 0;
      for (const offense of offenses) {
        const cursor = await readCursor(runtime.store.runnerState, offense.id);
        if (isUpdate(cursor, offense.fingerprint)) changed.push(offense.id);
        else unchanged += 1;
      }
      if (unchanged > 0) {
        printError(
          `qradar-mcp demo: ${unchanged} of ${offenses.length} open offenses are already triaged at their current state; list their runs with npx qradar-mcp agent runs.`,
        );
      }
      printError(
        `qradar-mcp demo: triaging ${changed.length} open offenses, ${concurrency} at a time.`,
      );

      const { results, failures } = await triageAll(
        changed,
        sessions,
        runtime,
        context,
        provider,
      );
      printLine();
      printTriageTable(
        results.map((result) => ({
          offenseId: result.offenseId,
          runId: result.runId,
          state: result.state,
          outcome: result.outcome,
        })),
      );
      printSummary(results, failures, startedMs);
      printNextSteps(results, runtime, context);
      return failures === 0 ? exitCodes.ok : exitCodes.failure;
    } finally {
      for (const session of sessions) await session.close();
      await runtime.close();
    }
  },
};
