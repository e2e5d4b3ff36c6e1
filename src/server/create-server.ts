import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  ElicitResultSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';

import { createActionService, type ActionService } from '../actions/index.js';
import { listSecrets, type Logger, type Settings } from '../config/index.js';
import {
  createCheckpoint,
  type Checkpoint,
  type ClientIdentity,
  type Policy,
} from '../policy/index.js';
import type { QRadarClient, Sleep } from '../qradar/index.js';
import type { Store } from '../store/index.js';
import {
  toolSettingsDefaults,
  tools as allTools,
  type ProgressUpdate,
  type ToolContext,
  type ToolDefinition,
  type ToolSettings,
} from '../../tools/index.js';
import { registerPrompts } from '../../prompts/index.js';
import {
  registerResources,
  relatedResourceLinks,
} from '../../resources/index.js';
import { createChatApproval } from './elicitation/index.js';
import { serverInstructions } from './instructions.js';
import { describeTool } from './list-tools.js';
import { timerSleep } from './timer-sleep.js';
import { runTool } from './tool-boundary.js';

/** Name and version the server reports at initialization. */
export const serverInfo = { name: 'qradar-mcp', version: '0.1.0' } as const;

/** Everything createServer needs; the optional parts have working defaults. */
export interface CreateServerOptions {
  settings: Settings;
  logger: Logger;
  client: QRadarClient;
  store: Store;
  policy: Policy;
  /**
   * The MCP client this server serves, written to the audit as the actor.
   * A request carrying `authInfo.clientId` (Streamable HTTP with bearer
   * tokens) overrides it for that request.
   */
  clientIdentity: ClientIdentity | string;
  /** Default: a checkpoint over `store` and `policy` that reads roles through `client`. */
  checkpoint?: Checkpoint | undefined;
  /** Default: the executors the policy configures. */
  actions?: ActionService | undefined;
  toolSettings?: Partial<ToolSettings> | undefined;
  /** Epoch-millisecond clock for tools; default Date.now. */
  now?: (() => number) | undefined;
  /** Wait between Ariel polls of run_aql; default a timer. */
  sleep?: Sleep | undefined;
  /** More literal secrets to scrub from results (webhook secrets, for example). */
  secrets?: readonly string[] | undefined;
  /** Tools to serve; default all of them. */
  tools?: readonly ToolDefinition[] | undefined;
  /** Time an in-chat approval waits for the human's response; default 45 s. */
  elicitationTimeoutMs?: number | undefined;
  /** Waits out the in-chat approval timeout; default a timer. */
  elicitationWait?: Sleep | undefined;
  /** Environment containing webhook secrets; default process.env. */
  env?: NodeJS.ProcessEnv | undefined;
}

function webhookSecrets(policy: Policy, env: NodeJS.ProcessEnv): string[] {
  const names = [
    policy.executors.isolate_host,
    policy.executors.disable_user,
  ].flatMap((executor) =>
    executor.type === 'webhook' ? [executor.secretEnv] : [],
  );
  if (policy.notify !== null) names.push(policy.notify.secretEnv);
  return names
    .map((name) => env[name])
    .filter((value): value is string => value !== undefined && value !== '');
}

function identityOf(
  fallback: ClientIdentity,
  authInfo: { clientId?: string; extra?: Record<string, unknown> } | undefined,
): ClientIdentity {
  if (authInfo?.clientId === undefined || authInfo.clientId === '')
    return fallback;
  const role = authInfo.extra?.['role'];
  return {
    name: authInfo.clientId,
    ...(typeof role === 'string' ? { role } : {}),
  };
}

/**
 * Builds the MCP server: instructions, the tools behind one validating
 * boundary, the `qradar://policy` resource and client-facing logging. The
 * caller connects it to a transport (stdio, Streamable HTTP or in-memory)
 * and owns the client and store, which closing the server leaves open.
 */
export function createServer(options: CreateServerOptions): McpServer {
  const { logger, client, store, policy } = options;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const identity: ClientIdentity =
    typeof options.clientIdentity === 'string'
      ? { name: options.clientIdentity }
      : options.clientIdentity;
  const settings: ToolSettings = {
    ...toolSettingsDefaults,
    ...options.toolSettings,
  };
  const checkpoint =
    options.checkpoint ??
    createCheckpoint({
      store,
      policy,
      logger,
      dataDir: options.settings.dataDir,
      referenceData: client,
      env,
    });
  const actions =
    options.actions ??
    createActionService({ client, store, policy, logger, env, now });
  const served = options.tools ?? allTools;
  const byName = new Map(served.map((tool) => [tool.name, tool]));
  const listing = served.map(describeTool);
  const secrets = [
    ...listSecrets(options.settings),
    ...webhookSecrets(policy, env),
    ...(options.secrets ?? []),
  ];

  const server = new McpServer(serverInfo, {
    capabilities: { logging: {} },
    instructions: serverInstructions(policy.mode),
  });
  server.server.registerCapabilities({ tools: { listChanged: false } });
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: listing,
  }));
  server.server.setRequestHandler(
    CallToolRequestSchema,
    async (request, extra): Promise<CallToolResult> => {
      const definition = byName.get(request.params.name);
      if (definition === undefined) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Tool ${JSON.stringify(request.params.name)} not found: call tools/list for the available tools.`,
        );
      }
      const progressToken = request.params._meta?.progressToken;
      const clientIdentity = identityOf(identity, extra.authInfo);
      const context: ToolContext = {
        client,
        policy,
        checkpoint,
        store,
        actions,
        logger: logger.child({ tool: definition.name }),
        clientIdentity,
        approveInChat: createChatApproval({
          checkpoint,
          store,
          policy,
          client: clientIdentity,
          clientCapabilities: server.server.getClientCapabilities(),
          logger,
          elicit: (params, elicitOptions) =>
            extra.sendRequest(
              { method: 'elicitation/create', params },
              ElicitResultSchema,
              elicitOptions,
            ),
          signal: extra.signal,
          timeoutMs: options.elicitationTimeoutMs,
          wait: options.elicitationWait ?? timerSleep,
        }),
        signal: extra.signal,
        async reportProgress(update: ProgressUpdate) {
          if (progressToken === undefined) return;
          try {
            await extra.sendNotification({
              method: 'notifications/progress',
              params: {
                progressToken,
                progress: update.progress,
                ...(update.total === undefined ? {} : { total: update.total }),
                ...(update.message === undefined
                  ? {}
                  : { message: update.message }),
              },
            });
          } catch (error) {
            logger.debug(
              { err: error },
              'failed to send a progress notification',
            );
          }
        },
        now,
        sleep,
        settings,
      };
      const result = await runTool(
        definition,
        request.params.arguments,
        context,
        {
          logger,
          secrets,
          now,
        },
      );
      result.content.push(
        ...relatedResourceLinks(
          definition.name,
          result.structuredContent,
          result.isError === true,
        ),
      );
      await notifyClient(server, definition, result, extra.sessionId);
      return result;
    },
  );
  registerResources(server, { client, policy, store, logger, now });
  registerPrompts(server, { client, logger });
  return server;
}

async function notifyClient(
  server: McpServer,
  definition: ToolDefinition,
  result: CallToolResult,
  sessionId: string | undefined,
): Promise<void> {
  const structured = result.structuredContent;
  if (definition.effect === 'read' || structured === undefined) return;
  const decision = structured['decision'];
  const level = result.isError === true ? 'warning' : 'notice';
  const summary =
    typeof decision === 'string'
      ? `${definition.name}: ${decision} (${String(structured['rule'])})`
      : `${definition.name}: ${result.isError === true ? 'failed' : 'done'}`;
  try {
    await server.sendLoggingMessage(
      { level, logger: 'qradar-mcp', data: summary },
      sessionId,
    );
  } catch {
    // Logging to the client is best effort; the tool result carries the facts.
  }
}
