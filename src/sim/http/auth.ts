import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { ApiError } from './api-error.js';

const unauthorizedText =
  'You are unauthorized to access the requested resource.';
const missingHeaderText =
  'No SEC header present in request. Please provide it via "SEC: token". You may also use BASIC authentication parameters if this host supports it. e.g. "Authorization: Basic base64Encoding"';
// NOTE: 11 as the unique code of a console 401 is unverified: no recorded 401 response was available.
const authErrorCode = 11;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function isSameSecret(candidate: string, expected: string): boolean {
  return timingSafeEqual(digest(candidate), digest(expected));
}

function basicPassword(header: string): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : decoded.slice(colon + 1);
}

/**
 * Checks the `SEC` header, or HTTP Basic credentials whose password is the
 * token, and throws the 401 ApiError QRadar sends when neither matches.
 */
export function checkCredentials(
  headers: IncomingHttpHeaders,
  token: string,
): void {
  const sec = headers['sec'];
  const authorization = headers['authorization'];
  if (typeof sec === 'string' && sec !== '') {
    if (isSameSecret(sec, token)) return;
    throw new ApiError(401, authErrorCode, unauthorizedText);
  }
  if (typeof authorization === 'string' && authorization !== '') {
    const password = basicPassword(authorization);
    if (password !== undefined && isSameSecret(password, token)) return;
    throw new ApiError(401, authErrorCode, unauthorizedText);
  }
  throw new ApiError(401, authErrorCode, missingHeaderText);
}
