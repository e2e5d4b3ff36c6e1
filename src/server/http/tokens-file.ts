import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';

import { ConfigError } from '../../config/index.js';

/** Client names and roles: a letter or digit, then letters, digits, `.`, `_` or `-`. */
export const clientNamePattern = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** One HTTP client as the tokens file stores it; the token itself is never stored. */
export interface TokenEntry {
  name: string;
  role: string;
  /** Lower-case hex SHA-256 of the token. */
  sha256: string;
  /** ISO 8601 time the token was created; absent in hand-written files. */
  createdAt?: string | undefined;
}

const entrySchema = z.object({
  name: z.string().regex(clientNamePattern, {
    message: 'expected a name of letters, digits, ".", "_" or "-"',
  }),
  role: z.string().regex(clientNamePattern, {
    message: 'expected a role of letters, digits, ".", "_" or "-"',
  }),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { message: 'expected 64 hex digits' })
    .transform((value) => value.toLowerCase()),
  created_at: z.string().optional(),
});

const fileSchema = z.array(entrySchema).nullable();

const fileHeader = `HTTP clients of qradar-mcp serve --http, written by
\`qradar-mcp tokens add NAME --role ROLE\`. Each entry keeps the client's
name (written to the audit as the actor), its role (checked by the policy's
approval rules) and the SHA-256 of its bearer token. Tokens are not stored.`;

// The prefix lets people and secret scanners recognize a leaked token.
const tokenPrefix = 'qmcp_';

/** Returns the lower-case hex SHA-256 of a bearer token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Generates a new bearer token: `qmcp_` and 43 base64url characters (256 bits). */
export function generateToken(): string {
  return `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Reads the tokens file. Returns undefined when the file does not exist, and
 * an empty list when it exists without entries. Throws ConfigError naming
 * the file and the first invalid entry.
 */
export function readTokensFile(path: string): TokenEntry[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(
      `Failed to read tokens file ${path}: ${(error as Error).message}. Check QRADAR_MCP_HTTP_TOKENS_FILE and the file's permissions.`,
      { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE', cause: error },
    );
  }
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new ConfigError(
      `Failed to parse tokens file ${path}: ${document.errors[0]?.message ?? 'invalid YAML'}.`,
      { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE' },
    );
  }
  const parsed = fileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ConfigError(
      `Invalid tokens file ${path}${where}: ${issue?.message ?? 'invalid entry'}. Expected a list of {name, role, sha256}; manage it with qradar-mcp tokens add and tokens remove.`,
      { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE' },
    );
  }
  const entries = (parsed.data ?? []).map((entry): TokenEntry => ({
    name: entry.name,
    role: entry.role,
    sha256: entry.sha256,
    createdAt: entry.created_at,
  }));
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) {
      throw new ConfigError(
        `Invalid tokens file ${path}: client name ${JSON.stringify(entry.name)} appears twice. Remove one entry with qradar-mcp tokens remove ${entry.name}.`,
        { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE' },
      );
    }
    names.add(entry.name);
  }
  return entries;
}

/** Writes the tokens file atomically with mode 0600, creating its folder. */
export function writeTokensFile(
  path: string,
  entries: readonly TokenEntry[],
): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const document = parseDocument(
    stringify(
      entries.map((entry) => ({
        name: entry.name,
        role: entry.role,
        sha256: entry.sha256,
        ...(entry.createdAt === undefined
          ? {}
          : { created_at: entry.createdAt }),
      })),
    ),
  );
  document.commentBefore = fileHeader
    .split('\n')
    .map((line) => ` ${line}`)
    .join('\n');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, document.toString(), { mode: 0o600 });
  renameSync(temporary, path);
}

/**
 * Adds a client to the tokens file and returns its new token, which exists
 * only in the return value. Throws ConfigError when the name or role is
 * invalid or the name is taken.
 */
export function addToken(
  path: string,
  client: { name: string; role: string },
  nowMs: number = Date.now(),
): { token: string; entry: TokenEntry } {
  for (const [label, value] of [
    ['name', client.name],
    ['role', client.role],
  ] as const) {
    if (!clientNamePattern.test(value)) {
      throw new ConfigError(
        `Invalid client ${label} ${JSON.stringify(value)}: expected 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
      );
    }
  }
  const entries = readTokensFile(path) ?? [];
  if (entries.some((entry) => entry.name === client.name)) {
    throw new ConfigError(
      `Failed to add client ${JSON.stringify(client.name)}: the tokens file ${path} already lists it. Remove it first with qradar-mcp tokens remove ${client.name}.`,
    );
  }
  const token = generateToken();
  const entry: TokenEntry = {
    name: client.name,
    role: client.role,
    sha256: hashToken(token),
    createdAt: new Date(nowMs).toISOString(),
  };
  writeTokensFile(path, [...entries, entry]);
  return { token, entry };
}

/**
 * Removes a client from the tokens file; its token stops working when the
 * server next reads the file. Throws ConfigError when the name is not listed.
 */
export function removeToken(path: string, name: string): TokenEntry {
  const entries = readTokensFile(path) ?? [];
  const removed = entries.find((entry) => entry.name === name);
  if (removed === undefined) {
    throw new ConfigError(
      `Client ${JSON.stringify(name)} not found in the tokens file ${path}: list the clients with qradar-mcp tokens list.`,
    );
  }
  writeTokensFile(
    path,
    entries.filter((entry) => entry !== removed),
  );
  return removed;
}

/**
 * Finds the client whose token hash matches. Every entry is compared in
 * constant time, and the loop never stops early, so the response time does
 * not reveal which entry or how many bytes matched.
 */
export function findTokenEntry(
  entries: readonly TokenEntry[],
  token: string,
): TokenEntry | undefined {
  const presented = Buffer.from(hashToken(token), 'hex');
  let match: TokenEntry | undefined;
  for (const entry of entries) {
    const stored = Buffer.from(entry.sha256, 'hex');
    if (
      stored.length === presented.length &&
      timingSafeEqual(stored, presented)
    ) {
      match ??= entry;
    }
  }
  return match;
}
