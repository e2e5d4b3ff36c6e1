import { parseArgs } from 'node:util';

import { openStore } from '../../store/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError, printLine } from '../output.js';
import { createOperatorLogger } from './operator-logger.js';

const usage = `Usage: qradar-mcp audit <subcommand> [options]

Subcommands:
  verify                        check the audit hash chain and its head file;
                                exit status 1 names the first bad row (seq)
  list [--limit N] [--offense N]
                                print the newest audit rows (default 20)`;

/** `qradar-mcp audit`: verify or read the audit log. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'verify the audit hash chain or list audit rows',
  usage,
  async run(context) {
    const [subcommand, ...rest] = context.argv;
    const values = parseOptions(rest);
    const store = openStore(context.settings.dataDir, {
      logger: createOperatorLogger(context.logger),
    });
    try {
      if (subcommand === 'verify') {
        const result = await store.audit.verify();
        if (!result.ok) {
          printError(
            `Audit verification failed at seq ${result.firstBadSeq}: ${result.reason}. Checked ${result.rows} rows in ${store.databasePath}.`,
          );
          return exitCodes.failure;
        }
        const head =
          result.head === null
            ? 'no rows yet'
            : `head seq ${result.head.seq}, hash ${result.head.hash.slice(0, 16)}…`;
        printLine(
          `Audit chain verified: ${result.rows} ${result.rows === 1 ? 'row' : 'rows'}, ${head}.`,
        );
        return exitCodes.ok;
      }
      if (subcommand === 'list') {
        const rows = await store.audit.list({
          newestFirst: true,
          limit: values.limit,
          ...(values.offense === undefined
            ? {}
            : { offenseId: values.offense }),
        });
        for (const row of rows.reverse()) {
          const fields = [
            String(row.seq),
            row.time,
            row.kind,
            row.actor,
            row.action ?? '-',
            row.target ?? '-',
            row.offenseId === null ? '-' : `offense ${row.offenseId}`,
            row.rule ?? '-',
          ].map((field) =>
            sanitizeText(field, { singleLine: true, maxLength: 80 }),
          );
          printLine(fields.join('  '));
        }
        return exitCodes.ok;
      }
      throw new UsageError(
        `Unknown subcommand ${JSON.stringify(subcommand ?? '')}: use verify or list.`,
      );
    } finally {
      await store.close();
    }
  },
};

function parseOptions(argv: string[]): { limit: number; offense?: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { limit: { type: 'string' }, offense: { type: 'string' } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const limit = parseWholeNumber('--limit', values.limit ?? '20');
  return values.offense === undefined
    ? { limit }
    : { limit, offense: parseWholeNumber('--offense', values.offense) };
}

function parseWholeNumber(flag: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a whole number such as 20.`,
    );
  }
  return Number(value);
}
