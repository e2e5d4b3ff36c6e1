import { parseArgs } from 'node:util';

import { loadPolicy, type Policy } from '../../policy/index.js';
import {
  addToken,
  readTokensFile,
  removeToken,
} from '../../server/http/index.js';
import { sanitizeText } from '../../text/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printError, printLine } from '../output.js';

const usage = `Usage: qradar-mcp tokens <subcommand> [options]

Subcommands:
  add NAME --role ROLE   add an HTTP client and print its new bearer token
                         once, alone on stdout; the file keeps only its SHA-256
  list [--json]          list the clients: name, role, creation time and the
                         first 8 hex digits of the token's SHA-256
  remove NAME            remove a client; a running server rejects its token
                         from the next request on

The file is QRADAR_MCP_HTTP_TOKENS_FILE (--http-tokens-file), by default
<data dir>/http-tokens.yaml. NAME is written to the audit as the actor of the
client's calls; ROLE is matched against the policy's approval_rules when the
client approves a request in chat.`;

/** `qradar-mcp tokens`: manage the bearer tokens of `serve --http` clients. */
export const tokensCommand: Command = {
  name: 'tokens',
  summary: 'add, list or remove bearer tokens of HTTP clients',
  usage,
  run(context) {
    const [subcommand, ...rest] = context.argv;
    const { values, positionals } = parseOptions(rest);
    const path = context.settings.httpTokensFile;
    switch (subcommand) {
      case 'add': {
        const name = requireName(positionals);
        if (values.role === undefined) {
          throw new UsageError(
            'Missing --role: pass --role ROLE, e.g. analyst.',
          );
        }
        const { token, entry } = addToken(path, { name, role: values.role });
        printError(
          `Added client ${entry.name} with role ${entry.role} to ${path}.`,
        );
        const warning = roleWarning(context.settings.policyFile, entry.role);
        if (warning !== undefined) printError(warning);
        printError(
          'Its token follows. It is shown only now: store it in the client as "Authorization: Bearer <token>".',
        );
        printLine(token);
        return Promise.resolve(exitCodes.ok);
      }
      case 'list': {
        const entries = readTokensFile(path) ?? [];
        if (values.json === true) {
          printLine(
            JSON.stringify(
              entries.map((entry) => ({
                name: entry.name,
                role: entry.role,
                created_at: entry.createdAt ?? null,
                sha256_prefix: entry.sha256.slice(0, 8),
              })),
              null,
              2,
            ),
          );
          return Promise.resolve(exitCodes.ok);
        }
        if (entries.length === 0) {
          printLine(
            `No HTTP clients in ${path}. Add one with qradar-mcp tokens add NAME --role ROLE.`,
          );
          return Promise.resolve(exitCodes.ok);
        }
        printLine(
          `${'NAME'.padEnd(24)} ${'ROLE'.padEnd(16)} ${'CREATED'.padEnd(24)} SHA-256`,
        );
        for (const entry of entries) {
          printLine(
            `${entry.name.padEnd(24)} ${entry.role.padEnd(16)} ${sanitizeText(entry.createdAt ?? '-', { singleLine: true }).padEnd(24)} ${entry.sha256.slice(0, 8)}…`,
          );
        }
        return Promise.resolve(exitCodes.ok);
      }
      case 'remove': {
        const removed = removeToken(path, requireName(positionals));
        printLine(
          `Removed client ${removed.name} (role ${removed.role}) from ${path}. A running server rejects its token from the next request on.`,
        );
        return Promise.resolve(exitCodes.ok);
      }
      default:
        throw new UsageError(
          `Unknown subcommand ${JSON.stringify(subcommand ?? '')}: use add, list or remove.`,
        );
    }
  },
};

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function requireName(positionals: string[]): string {
  const [name, extra] = positionals;
  if (name === undefined)
    throw new UsageError('Missing NAME: pass the client name.');
  if (extra !== undefined) {
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(extra)}: pass one NAME.`,
    );
  }
  return name;
}

// A role that no approval rule names can approve only where a rule accepts
// `any`; saying so at creation catches a typo such as soc-lead for soc_lead.
function roleWarning(
  policyFile: string | undefined,
  role: string,
): string | undefined {
  let policy: Policy;
  try {
    policy = loadPolicy(policyFile);
  } catch {
    return undefined;
  }
  const named = policy.approvalRules.some((rule) =>
    rule.approverRoles.includes(role),
  );
  if (named) return undefined;
  return `Note: no approval rule of the policy ${policy.source} names the role ${role}, so this client may approve in chat only where a rule accepts any approver.`;
}
