// The model-facing side of the runner: one message format shared by every
// provider, so the loop, pseudonymization, budgets and cassettes see the same
// shapes whatever the vendor.

/** Plain text, optionally with the structured value it renders. */
export interface TextBlock {
  type: 'text';
  text: string;
  /** Structured form of the text (a resource's JSON); never sent to vendors. */
  data?: unknown;
}

/** A tool call requested by the model. */
export interface ToolCallBlock {
  type: 'tool_call';
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /** Set when the vendor's argument text was not valid JSON. */
  argumentsError?: string;
}

/** The runner's result of one tool call. */
export interface ToolResultBlock {
  type: 'tool_result';
  callId: string;
  name: string;
  /** Compact rendering sent to vendor models. */
  text: string;
  /** The MCP structuredContent, read by the baseline; never sent to vendors. */
  data?: unknown;
  isError: boolean;
}

/** Any block of a message. */
export type ContentBlock = TextBlock | ToolCallBlock | ToolResultBlock;

/** One turn of the conversation. */
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

/** A tool offered to the model, with its JSON Schema input. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** Everything a provider needs for one model call. */
export interface ModelRequest {
  system: string;
  messages: ModelMessage[];
  tools: ToolSpec[];
  /** Cap on output tokens for this call. */
  maxOutputTokens: number;
  /** The offense under triage; vendors see it only in the messages. */
  offenseId: number;
}

/** Token counts of one call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the model stopped: it asked for tools, it finished, or it hit the token cap. */
export type StopReason = 'tool_use' | 'end_turn' | 'max_tokens';

/** The model's response to one request. */
export interface ModelResponse {
  content: (TextBlock | ToolCallBlock)[];
  stopReason: StopReason;
  usage: TokenUsage;
  /** The model that responded, as the vendor names it. */
  model: string;
}

/** Options of one call. */
export interface CompleteOptions {
  signal?: AbortSignal;
}

/** A model behind the runner: a vendor API, the offline baseline or a replay. */
export interface ModelProvider {
  /** Provider name: anthropic, openai, baseline or replay. */
  readonly name: string;
  readonly model: string;
  /** True when requests leave the machine, which turns pseudonymization on by default. */
  readonly isExternal: boolean;
  complete(
    request: ModelRequest,
    options?: CompleteOptions,
  ): Promise<ModelResponse>;
}

/** Lists the tool calls of a response, in order. */
export function toolCallsOf(response: ModelResponse): ToolCallBlock[] {
  return response.content.filter(
    (block): block is ToolCallBlock => block.type === 'tool_call',
  );
}
