import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the Unix time in seconds that the signature covers. */
export const timestampHeader = 'X-Qradar-Mcp-Timestamp';

/** Header carrying the hex HMAC-SHA256 signature. */
export const signatureHeader = 'X-Qradar-Mcp-Signature';

/** Window in which a signed request is accepted: five minutes either side. */
export const signatureToleranceMs = 5 * 60_000;

/**
 * Computes the signature headers of a webhook body:
 * HMAC-SHA256(secret, timestamp + "." + body) in hex, with the timestamp in
 * Unix seconds.
 */
export function signWebhookBody(
  secret: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [timestampHeader]: timestamp,
    [signatureHeader]: computeSignature(secret, timestamp, body),
  };
}

/**
 * Checks a signed webhook request: the signature must match (compared in
 * constant time) and the timestamp lie within `signatureToleranceMs`.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
  toleranceMs?: number;
}): { ok: true } | { ok: false; reason: string } {
  const { timestamp, signature } = options;
  if (timestamp === undefined || signature === undefined) {
    return {
      ok: false,
      reason: `missing ${timestampHeader} or ${signatureHeader} header`,
    };
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: `invalid ${timestampHeader} header` };
  }
  const skewMs = Math.abs(options.nowMs - Number(timestamp) * 1000);
  if (skewMs > (options.toleranceMs ?? signatureToleranceMs)) {
    return { ok: false, reason: 'timestamp outside the accepted window' };
  }
  const expected = Buffer.from(
    computeSignature(options.secret, timestamp, options.body),
    'hex',
  );
  const received = Buffer.from(
    /^[0-9a-f]{64}$/i.test(signature) ? signature : '',
    'hex',
  );
  if (
    received.length !== expected.length ||
    !timingSafeEqual(received, expected)
  ) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}

function computeSignature(
  secret: string,
  timestamp: string,
  body: string,
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.${body}`)
    .digest('hex');
}
