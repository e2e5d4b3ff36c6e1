import { QRadarConnectionError } from './errors.js';

const untrustedCertificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const expiredCertificateCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/** Socket-level failures after which an idempotent request may be repeated. */
const resetCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Reads the `code` of a Node.js or undici error, looking through `cause`. */
export function readErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3; depth += 1) {
    if (typeof current !== 'object' || current === null) return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Tells whether an error is a dropped connection that a retry may get past. */
export function isConnectionReset(error: unknown): boolean {
  const code = readErrorCode(error);
  return code !== undefined && resetCodes.has(code);
}

/** Destination of a failed connection. */
export interface ConnectionTarget {
  /** Origin such as `https://qradar.example.com:443`, never with credentials. */
  origin: string;
  method: string;
  path: string;
}

/**
 * Turns a socket or TLS failure into a QRadarConnectionError whose message
 * names the setting that fixes it (QRADAR_CA_FILE for an untrusted certificate).
 */
export function createConnectionError(
  error: unknown,
  target: ConnectionTarget,
): QRadarConnectionError {
  const code = readErrorCode(error) ?? 'UNKNOWN';
  const base = {
    code: 'QRADAR_CONNECTION_FAILED' as const,
    method: target.method,
    path: target.path,
    cause: error,
  };
  const prefix = `Failed to connect to ${target.origin}`;

  if (untrustedCertificateCodes.has(code)) {
    const hint =
      "set QRADAR_CA_FILE to the console's CA certificate, or QRADAR_TLS_VERIFY=false to skip verification";
    return new QRadarConnectionError(
      `${prefix}: certificate is not trusted (${code}). Set QRADAR_CA_FILE to the console's CA certificate, or QRADAR_TLS_VERIFY=false to skip verification.`,
      { ...base, retryable: false, hint },
    );
  }
  if (expiredCertificateCodes.has(code)) {
    return new QRadarConnectionError(
      `${prefix}: certificate is outside its validity period (${code}). Renew the console certificate or correct this machine's clock.`,
      {
        ...base,
        retryable: false,
        hint: "renew the console certificate or correct this machine's clock",
      },
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new QRadarConnectionError(
      `${prefix}: certificate does not name this host (${code}). Set QRADAR_URL to a host name that the certificate lists.`,
      {
        ...base,
        retryable: false,
        hint: 'set QRADAR_URL to a host name that the certificate lists',
      },
    );
  }

  const reset = resetCodes.has(code);
  const reason = reset
    ? 'connection was closed before a response arrived'
    : code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host name not resolved'
        : 'network error';
  const hint = reset
    ? 'try again; if it repeats, check proxies and load balancers between here and the console'
    : 'check QRADAR_URL and that the console is reachable from this machine';
  return new QRadarConnectionError(
    `${prefix}: ${reason} (${code}). ${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`,
    { ...base, retryable: reset, hint },
  );
}
