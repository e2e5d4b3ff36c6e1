import type { KeyObject } from 'node:crypto';

import { errors, jwtVerify, SignJWT } from 'jose';

/** `iss` of every approval token. */
export const approvalTokenIssuer = 'qradar-mcp/approvals';

/** `aud` of every approval token. */
export const approvalTokenAudience = 'qradar-mcp/checkpoint';

/** The call parameters an approval token is bound to. */
export interface ApprovalBinding {
  action: string;
  /** Canonical target value. */
  target: string;
  offenseId: number | null;
  /** SHA-256 hex of the canonical action parameters. */
  parametersDigest: string;
}

/** The claims of a valid approval token. */
export interface ApprovalClaims extends ApprovalBinding {
  /** The approval request id, also the token's `jti`. */
  requestId: string;
  approver: string;
  /** Expiry as an ISO 8601 time. */
  expiresAt: string;
}

/** Reason for rejecting a token. */
export type TokenRejection =
  | 'expired'
  | 'bad_signature'
  | 'malformed'
  | 'action_mismatch'
  | 'target_mismatch'
  | 'offense_mismatch'
  | 'parameters_mismatch';

/** Result of verifying a token against the call that presents it. */
export type TokenVerification =
  | { ok: true; claims: ApprovalClaims }
  | { ok: false; reason: TokenRejection; message: string };

interface TokenPayload {
  act: string;
  tgt: string;
  off: number | null;
  prm: string;
}

/**
 * Signs an EdDSA (Ed25519) approval token: jti = request id, sub = approver,
 * act/tgt/off/prm = the bound action, target, offense and parameter digest,
 * exp = now + lifetime.
 */
export async function issueApprovalToken(
  claims: Omit<ApprovalClaims, 'expiresAt'>,
  options: { signingKey: KeyObject; nowMs: number; lifetimeMs: number },
): Promise<{ token: string; expiresAt: string }> {
  const issuedAtS = Math.floor(options.nowMs / 1000);
  const expiresAtS =
    issuedAtS + Math.max(1, Math.floor(options.lifetimeMs / 1000));
  const payload: TokenPayload = {
    act: claims.action,
    tgt: claims.target,
    off: claims.offenseId,
    prm: claims.parametersDigest,
  };
  const token = await new SignJWT({ ...payload })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setJti(claims.requestId)
    .setSubject(claims.approver)
    .setIssuer(approvalTokenIssuer)
    .setAudience(approvalTokenAudience)
    .setIssuedAt(issuedAtS)
    .setExpirationTime(expiresAtS)
    .sign(options.signingKey);
  return { token, expiresAt: new Date(expiresAtS * 1000).toISOString() };
}

/**
 * Verifies an approval token's signature, issuer, audience and expiry, then
 * that it binds exactly the action, target, offense and parameters of the
 * call presenting it. Single use is enforced apart, by the claim ledger.
 */
export async function verifyApprovalToken(
  token: string,
  options: {
    verificationKey: KeyObject;
    expected: ApprovalBinding;
    nowMs: number;
  },
): Promise<TokenVerification> {
  let payload: Record<string, unknown>;
  try {
    const result = await jwtVerify(token, options.verificationKey, {
      algorithms: ['EdDSA'],
      issuer: approvalTokenIssuer,
      audience: approvalTokenAudience,
      currentDate: new Date(options.nowMs),
      requiredClaims: ['jti', 'sub', 'exp'],
    });
    payload = result.payload;
  } catch (error) {
    return rejection(error);
  }
  const requestId = payload['jti'];
  const approver = payload['sub'];
  const expiresAtS = payload['exp'];
  const action = payload['act'];
  const target = payload['tgt'];
  const offenseId = payload['off'];
  const parametersDigest = payload['prm'];
  if (
    typeof requestId !== 'string' ||
    typeof approver !== 'string' ||
    typeof expiresAtS !== 'number' ||
    typeof action !== 'string' ||
    typeof target !== 'string' ||
    !(offenseId === null || typeof offenseId === 'number') ||
    typeof parametersDigest !== 'string'
  ) {
    return {
      ok: false,
      reason: 'malformed',
      message: 'the approval token lacks bound claims',
    };
  }
  const expected = options.expected;
  if (action !== expected.action) {
    return mismatch(
      'action_mismatch',
      `the approval token is for ${action}, not ${expected.action}`,
    );
  }
  if (target !== expected.target) {
    return mismatch(
      'target_mismatch',
      `the approval token is bound to another target (${target})`,
    );
  }
  if (offenseId !== expected.offenseId) {
    return mismatch(
      'offense_mismatch',
      `the approval token is bound to offense ${String(offenseId)}, not ${String(expected.offenseId)}`,
    );
  }
  if (parametersDigest !== expected.parametersDigest) {
    return mismatch(
      'parameters_mismatch',
      'the approval token is bound to other action parameters',
    );
  }
  return {
    ok: true,
    claims: {
      requestId,
      approver,
      action,
      target,
      offenseId,
      parametersDigest,
      expiresAt: new Date(expiresAtS * 1000).toISOString(),
    },
  };
}

function mismatch(reason: TokenRejection, message: string): TokenVerification {
  return { ok: false, reason, message };
}

function rejection(error: unknown): TokenVerification {
  if (error instanceof errors.JWTExpired) {
    return {
      ok: false,
      reason: 'expired',
      message: 'the approval token has expired',
    };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return {
      ok: false,
      reason: 'bad_signature',
      message:
        'the approval token was not signed by this deployment’s approver key',
    };
  }
  return {
    ok: false,
    reason: 'malformed',
    message: `the approval token is invalid (${(error as Error).message})`,
  };
}
