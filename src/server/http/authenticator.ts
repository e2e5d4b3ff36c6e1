import { statSync } from 'node:fs';

import { ConfigError } from '../../config/index.js';
import type { ClientIdentity } from '../../policy/index.js';
import {
  findTokenEntry,
  readTokensFile,
  type TokenEntry,
} from './tokens-file.js';

/** Name of the client of a loopback server that runs without a tokens file. */
export const localClientName = 'local';

/** The outcome of authenticating one HTTP request. */
export type AuthenticationResult =
  | { ok: true; client: ClientIdentity }
  | { ok: false; reason: 'missing_token' | 'invalid_token' };

/** Authenticates the requests of `serve --http`. */
export interface HttpAuthenticator {
  /** `tokens` when bearer tokens are required, `local` when every request is the client `local`. */
  readonly mode: 'tokens' | 'local';
  authenticate(authorization: string | undefined): AuthenticationResult;
}

/**
 * Creates the authenticator of an HTTP server. A loopback server without a
 * tokens file accepts every request as the client `local`; otherwise every
 * request needs `Authorization: Bearer <token>` listed in the file. The mode
 * is fixed at start: deleting the file later rejects every token rather
 * than opening the server. The file is read again when its size or
 * modification time changes, so `tokens add` and `tokens remove` apply
 * without a restart. Throws ConfigError when a non-loopback server has no
 * tokens, or when the file is invalid.
 */
export function createHttpAuthenticator(options: {
  tokensFile: string;
  loopback: boolean;
}): HttpAuthenticator {
  const { tokensFile } = options;
  const initial = readTokensFile(tokensFile);
  if (initial === undefined && options.loopback) {
    return {
      mode: 'local',
      authenticate: () => ({ ok: true, client: { name: localClientName } }),
    };
  }
  if (initial === undefined || initial.length === 0) {
    throw new ConfigError(
      `Failed to start the HTTP server on a non-loopback address: the tokens file ${tokensFile} lists no clients. Add one with qradar-mcp tokens add NAME --role ROLE, or bind to 127.0.0.1.`,
      { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE' },
    );
  }
  let entries: readonly TokenEntry[] = initial;
  let version = fileVersion(tokensFile);
  const currentEntries = (): readonly TokenEntry[] => {
    const latest = fileVersion(tokensFile);
    if (latest !== version) {
      // A file that became unreadable or invalid rejects everyone until fixed.
      try {
        entries = readTokensFile(tokensFile) ?? [];
      } catch {
        entries = [];
      }
      version = latest;
    }
    return entries;
  };
  return {
    mode: 'tokens',
    authenticate(authorization) {
      const token = bearerToken(authorization);
      if (token === undefined) return { ok: false, reason: 'missing_token' };
      const entry = findTokenEntry(currentEntries(), token);
      if (entry === undefined) return { ok: false, reason: 'invalid_token' };
      return { ok: true, client: { name: entry.name, role: entry.role } };
    },
  };
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}

function fileVersion(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}
