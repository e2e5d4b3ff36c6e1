import { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { gatedTargetArguments } from '../../src/agent/index.js';

type CallTool = Client['callTool'];

/**
 * Keeps the text and structured content of every read tool result a run's
 * client receives, so evidence refs can be checked against what the agent
 * saw. Results of gated tools are left out: they come after the decision.
 */
export class ToolResultRecorder {
  readonly results: string[] = [];

  /** Creates an MCP client whose tool results this recorder keeps. */
  createClient(info: { name: string; version: string }): Client {
    const results = this.results;
    const client = new Client(info, { capabilities: {} });
    const callTool: CallTool = client.callTool.bind(client);
    const recordingCallTool: CallTool = async (params, schema, options) => {
      const result = await callTool(params, schema, options);
      if (!Object.hasOwn(gatedTargetArguments, params.name)) {
        results.push(
          JSON.stringify({
            content: result.content,
            structuredContent: result.structuredContent,
          }),
        );
      }
      return result;
    };
    client.callTool = recordingCallTool;
    return client;
  }
}
