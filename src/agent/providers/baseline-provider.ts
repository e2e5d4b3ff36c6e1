import { compileClasses, scopeOf } from '../baseline/classify.js';
import { decideFromFacts } from '../baseline/decide.js';
import {
  defaultPurposeOf,
  extractFacts,
  type AqlPurpose,
} from '../baseline/facts.js';
import {
  firstCalls,
  keywordQueries,
  secondCalls,
  type PlannedCall,
} from '../baseline/gather.js';
import { loadPlaybook } from '../baseline/load-playbook.js';
import type { Playbook } from '../baseline/playbook-schema.js';
import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
} from '../provider.js';
import { submitToolName } from '../system-prompt.js';

/** Options of the baseline provider. */
export interface BaselineProviderOptions {
  /** A playbook file; default the shipped playbook/default-playbook.yaml. */
  playbookPath?: string | undefined;
  /** An already loaded playbook; wins over playbookPath. */
  playbook?: Playbook | undefined;
}

function respond(
  calls: PlannedCall[],
  turn: number,
  model: string,
): ModelResponse {
  return {
    content: calls.map((call, index) => ({
      type: 'tool_call' as const,
      id: `baseline_${turn}_${index}`,
      name: call.name,
      arguments: call.arguments,
    })),
    stopReason: 'tool_use',
    usage: { inputTokens: 0, outputTokens: 0 },
    model,
  };
}

/**
 * Creates the offline, deterministic baseline: a model that gathers evidence
 * through the same MCP tools in two turns, then decides with the playbook
 * and submits its Recommendation. It reads only tool results, never case
 * ids or file names. Throws PlaybookError for an invalid playbook.
 */
export function createBaselineProvider(
  options: BaselineProviderOptions = {},
): ModelProvider {
  const playbook = options.playbook ?? loadPlaybook(options.playbookPath);
  const classes = compileClasses(playbook);
  const model = `playbook-v${playbook.version}`;
  return {
    name: 'baseline',
    model,
    isExternal: false,
    complete(request: ModelRequest): Promise<ModelResponse> {
      const asked = new Set(
        request.messages.flatMap((message) =>
          message.content
            .filter((block) => block.type === 'tool_call')
            .map((block) => block.name),
        ),
      );
      const turn = request.messages.filter(
        (message) => message.role === 'assistant',
      ).length;

      const offered = new Set(request.tools.map((tool) => tool.name));
      const available = (calls: PlannedCall[]): PlannedCall[] =>
        calls.filter((call) => offered.has(call.name));

      if (!asked.has('get_offense')) {
        return Promise.resolve(
          respond(available(firstCalls(request.offenseId)), turn, model),
        );
      }

      const firstFacts = extractFacts(request.offenseId, request.messages);
      if (!asked.has('run_aql') && !asked.has('check_reference_sets')) {
        const isInternal = (ip: string): boolean =>
          scopeOf(ip, firstFacts, playbook) === 'internal';
        const calls = available(secondCalls(firstFacts, playbook, isInternal));
        if (calls.length > 0) {
          return Promise.resolve(respond(calls, turn, model));
        }
      }

      // The keyword queries depend only on the offense and the playbook, so
      // building them again shows which result belongs to which class.
      const purposes = new Map<string, AqlPurpose>(
        keywordQueries(firstFacts, playbook).map((entry) => [
          entry.query,
          entry.purpose,
        ]),
      );
      const facts = extractFacts(
        request.offenseId,
        request.messages,
        (query) => purposes.get(query) ?? defaultPurposeOf(query),
      );

      const recommendation = decideFromFacts(facts, playbook, classes);
      return Promise.resolve(
        respond(
          [{ name: submitToolName, arguments: recommendation }],
          turn,
          model,
        ),
      );
    },
  };
}
