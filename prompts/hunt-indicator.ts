import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { aqlGuideText, aqlGuideUri } from '../resources/index.js';
import { normalizeIpAddress } from '../src/policy/index.js';
import { sanitizeText } from '../src/text/index.js';
import { untrustedDataRule } from './untrusted-rule.js';

/** Maximum length of the indicator hunt_indicator accepts, in characters. */
export const maxIndicatorLength = 200;

function aqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function searchSteps(indicator: string): string[] {
  const ip = normalizeIpAddress(indicator);
  if (ip !== undefined) {
    return [
      `2. Call find_offenses with ip ${ip}, check_reference_sets with values ["${ip}"], and get_assets with ips ["${ip}"].`,
      `3. Run run_aql for activity outside offenses, for example: SELECT sourceip, destinationip, QIDNAME(qid) AS event, COUNT(*) AS n FROM events WHERE sourceip = ${aqlString(ip)} OR destinationip = ${aqlString(ip)} GROUP BY sourceip, destinationip, qid ORDER BY n DESC LAST 7 DAYS; and the same over flows with SUM(sourcebytes).`,
    ];
  }
  return [
    '2. Decide what the indicator is: a username (find_offenses with username), a host name (find_offenses with hostname, get_assets with hostnames), or another string such as a hash, domain or file name. Call check_reference_sets with it in every case.',
    `3. Run run_aql for activity outside offenses: by username = ${aqlString(indicator)} for an account, or TEXT SEARCH ${aqlString(indicator)} over payloads for other strings, grouped by source, destination and event name, over the last 7 days.`,
  ];
}

/** Builds the text of the hunt_indicator prompt. */
export function huntIndicatorText(value: string): string {
  const indicator = sanitizeText(value, {
    singleLine: true,
    maxLength: maxIndicatorLength,
  });
  return [
    `Hunt for the indicator ${JSON.stringify(indicator)} across QRadar.`,
    '',
    `1. Read ${aqlGuideUri} (attached) before writing AQL.`,
    ...searchSteps(indicator),
    '4. Report where the indicator appears: offenses (ids and status), assets and their criticality, reference sets and their roles, first and last seen, the hosts and accounts it touched, and whether the activity looks malicious, with evidence refs.',
    '',
    'This is a hunt: do not call gated tools. If an offense needs action, name it and suggest the recommend_containment prompt for it.',
    '',
    untrustedDataRule,
  ].join('\n');
}

/** Registers the hunt_indicator prompt. */
export function registerHuntIndicatorPrompt(server: McpServer): void {
  server.registerPrompt(
    'hunt_indicator',
    {
      title: 'Hunt an indicator',
      description:
        'Search offenses, assets, reference sets and Ariel for one indicator (IP address, username, host name, hash or other string) and report where it appears.',
      argsSchema: {
        value: z
          .string()
          .min(1)
          .max(maxIndicatorLength)
          .describe('IP address, username, host name, hash or other string'),
      },
    },
    ({ value }) => ({
      description: 'Hunt one indicator',
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: huntIndicatorText(value) },
        },
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: {
              uri: aqlGuideUri,
              mimeType: 'text/markdown',
              text: aqlGuideText,
            },
          },
        },
      ],
    }),
  );
}
