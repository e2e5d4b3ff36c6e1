import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { offenseResourceUri } from '../resources/index.js';
import type { PromptContext } from './context.js';
import { offenseIdArgument } from './offense-id-argument.js';
import { untrustedDataRule } from './untrusted-rule.js';

/** Readers a summary is written for. */
export const summaryAudiences = ['analyst', 'executive'] as const;

/** A reader of summarize_offense. */
export type SummaryAudience = (typeof summaryAudiences)[number];

const audienceInstructions: Record<SummaryAudience, string> = {
  analyst:
    'Write for a SOC analyst: what fired and why, the timeline with first and last seen, sources, destinations, users and assets with their criticality, the attack stage, the evidence refs, actions taken and their verification state, open questions, and the next investigative step. Bullet points are fine.',
  executive:
    'Write for an executive as a short narrative of at most 200 words in plain language, without tool names, QIDs or rule ids: what happened, which business systems or people are affected and how important they are, whether it is contained, what it means for the business, and any decision needed from them. State uncertainty plainly.',
};

/** Builds the text of the summarize_offense prompt. */
export function summarizeOffenseText(
  offenseId: string,
  audience: SummaryAudience,
): string {
  return [
    `Summarize QRadar offense ${offenseId} (${offenseResourceUri(Number(offenseId))}) for an ${audience}.`,
    '',
    `Gather the facts with get_offense (offense_id ${offenseId}) and list_actions (offense_id ${offenseId}); use get_offense_events or get_assets only to fill gaps. Report only what the tool results show, and say what is unknown.`,
    '',
    audienceInstructions[audience],
    '',
    'This prompt changes nothing: do not call gated tools or add_note.',
    '',
    untrustedDataRule,
  ].join('\n');
}

/** Registers the summarize_offense prompt. */
export function registerSummarizeOffensePrompt(
  server: McpServer,
  context: PromptContext,
): void {
  server.registerPrompt(
    'summarize_offense',
    {
      title: 'Summarize an offense',
      description:
        'Summarize one offense for an analyst (technical detail) or an executive (short plain-language narrative).',
      argsSchema: {
        offense_id: offenseIdArgument(context),
        audience: z.enum(summaryAudiences).describe('analyst or executive'),
      },
    },
    ({ offense_id, audience }) => ({
      description: `Summarize offense ${offense_id} for an ${audience}`,
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: summarizeOffenseText(offense_id, audience),
          },
        },
      ],
    }),
  );
}
