import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

import { aqlGuideUri, offenseResourceUri } from '../resources/index.js';
import type { PromptContext } from './context.js';
import { offenseIdArgument } from './offense-id-argument.js';
import { untrustedDataRule } from './untrusted-rule.js';

/** Builds the text of the triage_offense prompt. */
export function triageOffenseText(offenseId: string): string {
  return [
    `Triage QRadar offense ${offenseId} (${offenseResourceUri(Number(offenseId))}).`,
    '',
    `1. Call get_offense with offense_id ${offenseId}. It returns the decision picture in one call: addresses, categories, rule names, assets with criticality and roles, notes, an event summary and related offenses.`,
    '2. Look closer only where that picture leaves a question: get_offense_events for the events themselves, get_assets for the hosts involved, check_reference_sets for indicators, find_offenses for the same indicators in other offenses, and run_aql for context outside the offense (read ' +
      aqlGuideUri +
      ' before writing AQL).',
    '3. Decide: disposition (true_positive, false_positive or benign); attack stage, the latest reached of reconnaissance, initial_access, execution, persistence, privilege_escalation, credential_access, lateral_movement, command_and_control, exfiltration, impact, or benign; severity from 1 to 10; confidence from 0 to 1. Cite evidence by the refs the tools returned (event, asset and note ids).',
    `4. Record the triage with add_note on offense ${offenseId}: disposition, stage, the key evidence and the recommended next step.`,
    '',
    'Do not call block_ip, isolate_host, disable_user or update_offense here. Containment is a separate step (the recommend_containment prompt).',
    '',
    untrustedDataRule,
  ].join('\n');
}

/** Registers the triage_offense prompt. */
export function registerTriageOffensePrompt(
  server: McpServer,
  context: PromptContext,
): void {
  server.registerPrompt(
    'triage_offense',
    {
      title: 'Triage an offense',
      description:
        'Investigate one offense with the read tools, decide disposition, attack stage, severity and confidence, and record the triage in a note.',
      argsSchema: { offense_id: offenseIdArgument(context) },
    },
    ({ offense_id }) => ({
      description: `Triage offense ${offense_id}`,
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: triageOffenseText(offense_id) },
        },
      ],
    }),
  );
}
