import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import type { ToolSpec } from './provider.js';

/**
 * Tools a model may call: the read tools except get_approval, plus add_note.
 * An allow-list, so a tool the server adds later is never offered by accident.
 */
export const modelToolNames = [
  'list_offenses',
  'find_offenses',
  'get_offense',
  'get_offense_events',
  'get_assets',
  'check_reference_sets',
  'run_aql',
  'list_actions',
  'add_note',
] as const;

/** The gated tools a Recommendation maps to, with the argument naming the target. */
export const gatedTargetArguments = {
  block_ip: 'ip',
  isolate_host: 'host',
  disable_user: 'username',
} as const;

export type GatedToolName = keyof typeof gatedTargetArguments;

/** URI of the policy resource the server may offer. */
export const policyResourceUri = 'qradar://policy';

/** Result of one MCP tool call, in the runner's terms. */
export interface ToolOutcome {
  /** Text content joined; what vendor models see. */
  text: string;
  /** structuredContent, when the tool returned it. */
  data: unknown;
  isError: boolean;
  durationMs: number;
}

/** Lists the server's tools that a model may be offered, as ToolSpecs. */
export async function listModelTools(
  client: Client,
  signal?: AbortSignal,
): Promise<ToolSpec[]> {
  const specs: ToolSpec[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(
      cursor === undefined ? {} : { cursor },
      signal === undefined ? {} : { signal },
    );
    for (const tool of page.tools) {
      if (!(modelToolNames as readonly string[]).includes(tool.name)) continue;
      specs.push({
        name: tool.name,
        description: tool.description ?? tool.title ?? tool.name,
        inputSchema: tool.inputSchema,
      });
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return specs;
}

/**
 * Calls one MCP tool and folds protocol errors (unknown tool, timeout,
 * transport failure) into an error outcome the model or runner can read.
 */
export async function callMcpTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options: { signal?: AbortSignal; timeoutMs?: number; now?: () => number },
): Promise<ToolOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  try {
    const result = await client.callTool({ name, arguments: args }, undefined, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.timeoutMs === undefined
        ? {}
        : { timeout: options.timeoutMs }),
    });
    const content = Array.isArray(result.content) ? result.content : [];
    const text = content
      .map((item: { type: string; text?: unknown }) =>
        item.type === 'text' && typeof item.text === 'string' ? item.text : '',
      )
      .filter((part) => part !== '')
      .join('\n');
    return {
      text,
      data: result.structuredContent,
      isError: result.isError === true,
      durationMs: now() - started,
    };
  } catch (error) {
    return {
      text: `Failed to call ${name}: ${(error as Error).message}.`,
      data: undefined,
      isError: true,
      durationMs: now() - started,
    };
  }
}

/**
 * Reads `qradar://policy` when the server lists it; returns its text and
 * parsed JSON, or undefined when the server does not offer it.
 */
export async function readPolicyResource(
  client: Client,
  signal?: AbortSignal,
): Promise<{ text: string; data: unknown } | undefined> {
  if (client.getServerCapabilities()?.resources === undefined) return undefined;
  try {
    const listed = await client.listResources(
      {},
      signal === undefined ? {} : { signal },
    );
    if (
      !listed.resources.some((resource) => resource.uri === policyResourceUri)
    ) {
      return undefined;
    }
    const resource = await client.readResource(
      { uri: policyResourceUri },
      signal === undefined ? {} : { signal },
    );
    const first = resource.contents[0];
    if (first === undefined || !('text' in first)) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(first.text);
    } catch {
      data = undefined;
    }
    return { text: first.text, data };
  } catch {
    return undefined;
  }
}

/** Returns every string in a JSON value, depth first. */
export function collectStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value))
    for (const item of value) collectStrings(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) collectStrings(child, into);
  }
  return into;
}
