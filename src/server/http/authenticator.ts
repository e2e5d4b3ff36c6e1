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
  /**
   * `tokens` when bearer tokens are required, `local` when every request is
   * the client `local`; read the tokens file's state on each access.
   */
  readonly mode: 'tokens' | 'local';
  authenticate(authorization: string | undefined): AuthenticationResult;
}

/**
 * Creates the authenticator of an HTTP server. A loopback server without a
 * tokens file accepts every request as the client `local` until the file
 * appears; from then on, like every other server, it needs
 * `Authorization: Bearer <token>` listed in the file. Token mode is never
 * left: deleting the file later rejects every token rather than opening the
 * server. The file is read again when its size, modification time or inode
 * changes, so `tokens add` and `tokens remove` apply from the next request.
 * Throws ConfigError when a non-loopback server has no tokens, or when the
 * file is invalid at start.
 */
export function createHttpAuthenticator(options: {
  tokensFile: string;
  loopback: boolean;
}): HttpAuthenticator {
  const { tokensFile } = options;
  const initial = readTokensFile(tokensFile);
  if (!options.loopback && (initial === undefined || initial.length === 0)) {
    throw noTokensError(tokensFile);
  }
  let mode: 'tokens' | 'local' = initial === undefined ? 'local' : 'tokens';
  let entries: readonly TokenEntry[] = initial ?? [];
  let version = fileVersion(tokensFile);
  const refresh = (): void => {
    const latest = fileVersion(tokensFile);
    if (latest === version) return;
    version = latest;
    // A local server switches to tokens as soon as the file exists.
    if (mode === 'local' && latest === missingVersion) return;
    mode = 'tokens';
    // A file that became unreadable or invalid rejects everyone until fixed.
    try {
      entries = readTokensFile(tokensFile) ?? [];
    } catch {
      entries = [];
    }
  };
  return {
    get mode() {
      refresh();
      return mode;
    },
    authenticate(authorization) {
      refresh();
      if (mode === 'local') {
        return { ok: true, client: { name: localClientName } };
      }
      const token = bearerToken(authorization);
      if (token === undefined) return { ok: false, reason: 'missing_token' };
      const entry = findTokenEntry(entries, token);
      if (entry === undefined) return { ok: false, reason: 'invalid_token' };
      return { ok: true, client: { name: entry.name, role: entry.role } };
    },
  };
}

function noTokensError(tokensFile: string): ConfigError {
  return new ConfigError(
    `Failed to start the HTTP server on a non-loopback address: the tokens file ${tokensFile} lists no clients. Add one with qradar-mcp tokens add NAME --role ROLE, or bind to 127.0.0.1.`,
    { variable: 'QRADAR_MCP_HTTP_TOKENS_FILE' },
  );
}

const missingVersion = 'missing';

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}

function fileVersion(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch {
    return missingVersion;
  }
}
