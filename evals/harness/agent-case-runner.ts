import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

import {
  callMcpTool,
  gatedTargetArguments,
  parseGatedDecision,
  runTriage,
  type GatedDecision,
  type ModelProvider,
  type TriageResult,
} from '../../src/agent/index.js';
import { loadSettings } from '../../src/config/index.js';
import {
  approveRequest,
  ensureApproverKeyPair,
  loadPolicy,
  withModeOverride,
  type Policy,
} from '../../src/policy/index.js';
import { QRadarClient, type Sleep } from '../../src/qradar/index.js';
import { createServer } from '../../src/server/index.js';
import type {
  AttemptedAction,
  ContainmentAction,
  EvalMode,
  GatedOutcome,
  RunRecord,
} from '../scoring/types.js';
import type {
  CaseRunContext,
  CaseRunner,
  ProviderSettings,
} from './case-runner.js';
import { collectExecutions, collectOtherAttempts } from './end-state.js';
import { openCaseEnvironment, type CaseEnvironment } from './environment.js';
import { createCaseProvider } from './providers.js';
import { ToolResultRecorder } from './recording-client.js';
import { snapshotReferenceSets } from './reference-snapshot.js';

/** Approver name the eval uses with `--approve-all`. */
export const evalApproverName = 'eval-approver';

/** MCP client name of the eval's agent, recorded in the audit as the actor. */
export const evalClientName = 'qradar-mcp-eval';

/** Options of createAgentCaseRunner. */
export interface AgentCaseRunnerOptions {
  /** Policy file; default the shipped policy. */
  policyFile?: string | undefined;
  /** Builds the model provider of a run; default createCaseProvider. */
  createProvider?:
    ((settings: ProviderSettings, caseId: string) => ModelProvider) | undefined;
}

/**
 * Returns the policy of an eval run: the mode set as asked (an eval may
 * loosen it), plus an eval approver holding every approver role, so that
 * `--approve-all` can approve requests of any criticality.
 */
export function evalPolicy(
  base: Policy,
  mode: EvalMode,
  approveAll: boolean,
): Policy {
  const policy = withModeOverride(base, mode, { allowLooser: true });
  if (!approveAll) return policy;
  const roles = [
    ...new Set(
      policy.approvalRules.flatMap((rule) =>
        rule.approverRoles.filter((role) => role !== 'any'),
      ),
    ),
  ];
  return {
    ...policy,
    approvers: [...policy.approvers, { name: evalApproverName, roles }],
  };
}

/** Maps each reference set that carries out containment to its action. */
export function executorReferenceSets(
  policy: Policy,
): Map<string, ContainmentAction> {
  const sets = new Map<string, ContainmentAction>([
    [policy.block.referenceSet, 'block_ip'],
  ]);
  for (const action of ['isolate_host', 'disable_user'] as const) {
    const executor = policy.executors[action];
    if (executor.type === 'reference_set')
      sets.set(executor.referenceSet, action);
  }
  return sets;
}

/** Maximum wait between Ariel polls or retries in an eval, in milliseconds. */
const maxEvalSleepMs = 10;

/**
 * Waits at most `maxEvalSleepMs`. The eval's simulator completes Ariel
 * searches at once and injects no faults, so longer polling waits would only
 * add wall time. A short real wait still lets other runs proceed.
 */
const shortSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    setTimeout(resolve, Math.min(ms, maxEvalSleepMs));
  });

function outcomeOf(decision: GatedDecision | undefined): GatedOutcome {
  return decision?.decision ?? 'error';
}

/**
 * Grants the run's pending approval as the eval approver, then repeats the
 * stored gated call with the token, as `agent resume` does.
 */
async function approveAndResume(
  environment: CaseEnvironment,
  policy: Policy,
  client: Client,
  result: TriageResult,
): Promise<GatedDecision | undefined> {
  const requestId = result.outcome.approvalRequestId;
  const call = result.outcome.gatedCall;
  if (requestId === undefined || call === undefined) return undefined;
  const approved = await approveRequest({
    store: environment.store,
    policy,
    dataDir: environment.dir,
    requestId,
    approver: evalApproverName,
    reason: 'granted by qradar-mcp eval --approve-all',
  });
  if (approved.token === null) return undefined;
  const outcome = await callMcpTool(
    client,
    call.name,
    { ...call.arguments, approval_token: approved.token },
    { now: environment.now },
  );
  return parseGatedDecision(outcome.data);
}

function runnerAttempt(
  result: TriageResult,
  resumed: GatedDecision | undefined,
): AttemptedAction | undefined {
  const call = result.outcome.gatedCall;
  if (call === undefined) return undefined;
  const target = call.arguments[gatedTargetArguments[call.name]];
  const first = result.outcome.decision;
  return {
    action: call.name,
    target: typeof target === 'string' ? target : String(target),
    outcome: outcomeOf(resumed ?? first),
    rule: (resumed ?? first)?.rule,
    approvalRequested: first?.decision === 'approval_required',
  };
}

function stopError(result: TriageResult): string | undefined {
  const reason = result.outcome.stopReason;
  if (reason === 'provider_error' || reason === 'aborted') {
    return result.outcome.detail ?? reason;
  }
  return undefined;
}

async function runInEnvironment(
  context: CaseRunContext,
  environment: CaseEnvironment,
  basePolicy: Policy,
  createProvider: NonNullable<AgentCaseRunnerOptions['createProvider']>,
): Promise<Omit<RunRecord, 'wallTimeMs'>> {
  const logger = context.logger;
  const { simulator, store, now } = environment;
  const policy = evalPolicy(basePolicy, context.mode, context.approveAll);
  ensureApproverKeyPair(environment.dir);
  const settings = loadSettings({
    env: {},
    flags: {
      QRADAR_URL: simulator.url,
      QRADAR_SEC_TOKEN: simulator.token,
      QRADAR_MCP_DATA_DIR: environment.dir,
    },
  });
  const qradar = new QRadarClient({
    baseUrl: simulator.url,
    secToken: simulator.token,
    logger,
    clock: now,
    sleep: shortSleep,
  });
  const server = createServer({
    settings,
    logger,
    client: qradar,
    store,
    policy,
    clientIdentity: evalClientName,
    now,
    sleep: shortSleep,
    env: {},
  });
  const recorder = new ToolResultRecorder();
  const client = recorder.createClient({
    name: evalClientName,
    version: '0.1.0',
  });
  const [clientTransport, serverTransport] =
    InMemoryTransport.createLinkedPair();
  try {
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    const offenseId = context.testCase.offense.id;
    const setActions = executorReferenceSets(policy);
    const before = snapshotReferenceSets(simulator.state, setActions);
    const notesBefore = simulator.state.notes(offenseId).length;
    const provider = createProvider(context.provider, context.testCase.id);

    const result = await runTriage({
      client,
      provider,
      offenseId,
      runs: store.runs,
      mode: context.mode,
      now,
      logger,
      signal: context.signal,
    });
    const resumed =
      context.approveAll && result.state === 'awaiting_approval'
        ? await approveAndResume(environment, policy, client, result)
        : undefined;

    const attempt = runnerAttempt(result, resumed);
    const others = await collectOtherAttempts(store, context.testCase, attempt);
    const after = snapshotReferenceSets(simulator.state, setActions);
    const recommendation = result.recommendation;
    const error = stopError(result);
    return {
      caseId: context.testCase.id,
      attempt: context.attempt,
      status: error === undefined ? 'completed' : 'error',
      error: error ?? result.outcome.detail,
      runId: result.runId,
      provider: provider.name,
      model: provider.model,
      recommendation:
        recommendation === undefined
          ? undefined
          : {
              disposition: recommendation.disposition,
              attackStage: recommendation.attack_stage,
              action: recommendation.action,
              target: recommendation.target,
              confidence: recommendation.confidence,
              evidenceRefs: recommendation.evidence.map((item) => item.ref),
            },
      attempts: attempt === undefined ? others : [attempt, ...others],
      executions: await collectExecutions(store, context.mode, before, after),
      toolResults: recorder.results,
      toolCalls: result.usage.toolCalls,
      tokens: {
        input: result.usage.inputTokens,
        output: result.usage.outputTokens,
      },
      notesWritten: simulator.state.notes(offenseId).length - notesBefore,
    };
  } finally {
    await client.close();
    await server.close();
    await qradar.close();
  }
}

/**
 * Creates the case runner that drives the real agent runner. Each run gets a
 * fresh simulator and store and serves the MCP server to the runner over an
 * in-memory transport. The runner triages the case's offense, the eval
 * approves and resumes when asked, and the end state is read for scoring.
 */
export function createAgentCaseRunner(
  options: AgentCaseRunnerOptions = {},
): CaseRunner {
  const basePolicy = loadPolicy(options.policyFile);
  return async (context) => {
    const startedMs = performance.now();
    const environment = await openCaseEnvironment({
      caseFile: context.caseFile,
      logger: context.logger,
    });
    try {
      const record = await runInEnvironment(
        context,
        environment,
        basePolicy,
        options.createProvider ?? createCaseProvider,
      );
      return { ...record, wallTimeMs: performance.now() - startedMs };
    } finally {
      await environment.close();
    }
  };
}
