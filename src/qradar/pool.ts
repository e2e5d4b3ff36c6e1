import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

import { Pool } from 'undici';

import { ConfigError } from '../config/index.js';
import type { QRadarClientOptions } from './options.js';

function parseBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new ConfigError(
      `Invalid QRADAR_URL "${baseUrl}": expected a URL such as https://qradar.example.com.`,
      { variable: 'QRADAR_URL', cause: error },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(
      `Invalid QRADAR_URL scheme "${url.protocol}": expected an http:// or https:// URL.`,
      { variable: 'QRADAR_URL' },
    );
  if (url.username !== '' || url.password !== '')
    throw new ConfigError(
      'Invalid QRADAR_URL: remove the user name and password from it and set QRADAR_SEC_TOKEN instead.',
      { variable: 'QRADAR_URL' },
    );
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

function readCaFile(caFile: string): string {
  try {
    return readFileSync(caFile, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `Failed to read QRADAR_CA_FILE ${caFile}: ${reason}. Point it at the console's CA certificate in PEM form.`,
      { variable: 'QRADAR_CA_FILE', cause: error },
    );
  }
}

/** A connection pool to one console, with the parts of its URL. */
export interface ConsolePool {
  /** Origin such as `https://qradar.example.com`, never with credentials. */
  origin: string;
  /** Path before `/api` when the console sits below a path, else empty. */
  prefix: string;
  pool: Pool;
}

/**
 * Creates the keep-alive undici Pool for the console URL, trusting `caFile`
 * in addition to the system roots. Turning TLS verification off logs one
 * warning. Throws ConfigError for an invalid URL or an unreadable CA file.
 */
export function createPool(options: QRadarClientOptions): ConsolePool {
  const { origin, prefix } = parseBaseUrl(options.baseUrl);
  const connect: Record<string, unknown> = {};
  if (options.caFile !== undefined)
    connect['ca'] = [...rootCertificates, readCaFile(options.caFile)];
  if (options.tlsVerify === false) {
    connect['rejectUnauthorized'] = false;
    if (origin.startsWith('https:'))
      options.logger.warn(
        { origin },
        'TLS certificate verification is off for the QRadar console (QRADAR_TLS_VERIFY=false); anyone on the network path can read and change the traffic, SEC token included',
      );
  }
  const pool = new Pool(origin, {
    connections: options.connections ?? 8,
    connect,
  });
  return { origin, prefix, pool };
}
