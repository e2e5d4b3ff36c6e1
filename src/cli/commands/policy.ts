import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';

import { stringify } from 'yaml';

import { loadPolicy, summarizePolicy } from '../../policy/index.js';
import { openStore } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printLine } from '../output.js';
import { createOperatorLogger } from './operator-logger.js';

const usage = `Usage: qradar-mcp policy <subcommand> [options]

Subcommands:
  halt [--reason TEXT] [--as NAME]   stop every gated action (the kill switch);
                                     each process checks it on its next gated call
  resume [--as NAME]                 allow gated actions again
  show [--json]                      print the loaded policy and the kill switch

NAME defaults to the operating-system user name; it is written to the audit.`;

/** `qradar-mcp policy`: the kill switch and the loaded policy. */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'halt or resume gated actions, or show the policy',
  usage,
  async run(context) {
    const [subcommand, ...rest] = context.argv;
    const { values } = parseOptions(rest);
    if (subcommand === 'show') {
      const policy = loadPolicy(context.settings.policyFile);
      const store = openStore(context.settings.dataDir, {
        logger: createOperatorLogger(context.logger),
      });
      try {
        const killSwitch = await store.killSwitch.get();
        const summary = { ...summarizePolicy(policy), kill_switch: killSwitch };
        if (values.json === true) {
          printLine(JSON.stringify(summary, null, 2));
        } else {
          printSummary(summary);
        }
      } finally {
        await store.close();
      }
      return exitCodes.ok;
    }
    if (subcommand !== 'halt' && subcommand !== 'resume') {
      throw new UsageError(
        `Unknown subcommand ${JSON.stringify(subcommand ?? '')}: use halt, resume or show.`,
      );
    }
    const by = values.as ?? operatorName();
    const store = openStore(context.settings.dataDir, {
      logger: createOperatorLogger(context.logger),
    });
    try {
      const state = await store.killSwitch.set({
        halted: subcommand === 'halt',
        by,
        reason: values.reason,
      });
      if (state.halted) {
        printLine(
          `Gated actions halted by ${sanitizeText(by, { singleLine: true })}. Every process denies gated calls from its next call on; resume with qradar-mcp policy resume.`,
        );
      } else {
        printLine(
          `Gated actions resumed by ${sanitizeText(by, { singleLine: true })}.`,
        );
      }
    } finally {
      await store.close();
    }
    return exitCodes.ok;
  },
};

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        reason: { type: 'string' },
        as: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Returns the operating-system user name, or `operator` when there is none. */
export function operatorName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

function printSummary(summary: Record<string, unknown>): void {
  // The summary holds reference-set names read from the policy file; each
  // line is sanitized like any other text that reaches the terminal.
  for (const line of stringify(summary).trimEnd().split('\n')) {
    printLine(sanitizeText(line, { maxLength: 300 }));
  }
}
