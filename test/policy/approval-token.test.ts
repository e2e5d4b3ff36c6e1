import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import {
  approvalTokenAudience,
  approvalTokenIssuer,
  approverKeyFileName,
  approverPublicKeyFileName,
  ensureApproverKeyPair,
  issueApprovalToken,
  loadSigningKey,
  loadVerificationKey,
  verifyApprovalToken,
  type ApprovalBinding,
} from '../../src/policy/index.js';
import { makeTempDir } from '../store/support/temp-dir.js';

const nowMs = Date.parse('2025-03-01T10:00:00.000Z');
const lifetimeMs = 15 * 60_000;

const binding: ApprovalBinding = {
  action: 'block_ip',
  target: '203.0.113.7',
  offenseId: 42,
  parametersDigest: 'a'.repeat(64),
};

async function signedToken(dataDir: string): Promise<string> {
  const { token } = await issueApprovalToken(
    { ...binding, requestId: 'apr_0001', approver: 'soc-lead' },
    { signingKey: loadSigningKey(dataDir), nowMs, lifetimeMs },
  );
  return token;
}

describe('approver keys', () => {
  it('creates a private key readable by the owner only', () => {
    const dir = makeTempDir();
    ensureApproverKeyPair(dir);
    const mode = statSync(join(dir, approverKeyFileName)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(readFileSync(join(dir, approverPublicKeyFileName), 'utf8')).toMatch(
      /BEGIN PUBLIC KEY/,
    );
  });

  it('keeps the first pair on later calls', () => {
    const dir = makeTempDir();
    ensureApproverKeyPair(dir);
    const first = readFileSync(join(dir, approverPublicKeyFileName), 'utf8');
    ensureApproverKeyPair(dir);
    loadVerificationKey(dir);
    expect(readFileSync(join(dir, approverPublicKeyFileName), 'utf8')).toBe(
      first,
    );
  });

  it('loads only the public key for verification', () => {
    const key = loadVerificationKey(makeTempDir());
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('ed25519');
  });

  it('restores a deleted public key from the pair', async () => {
    const dir = makeTempDir();
    const token = await signedToken(dir);
    const publicPath = join(dir, approverPublicKeyFileName);
    const before = readFileSync(publicPath, 'utf8');
    // Simulates a public key lost after the private key was written.
    unlinkSync(publicPath);
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(dir),
      expected: binding,
      nowMs,
    });
    expect(result.ok).toBe(true);
    expect(readFileSync(publicPath, 'utf8')).toBe(before);
  });

  it('refuses a private key other users can read', () => {
    const dir = makeTempDir();
    ensureApproverKeyPair(dir);
    chmodSync(join(dir, approverKeyFileName), 0o644);
    expect(() => loadSigningKey(dir)).toThrow(/chmod 600/);
  });
});

describe('approval tokens', () => {
  it('verifies a token with its binding', async () => {
    const dir = makeTempDir();
    const token = await signedToken(dir);
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(dir),
      expected: binding,
      nowMs: nowMs + 60_000,
    });
    expect(result).toEqual({
      ok: true,
      claims: {
        ...binding,
        requestId: 'apr_0001',
        approver: 'soc-lead',
        expiresAt: '2025-03-01T10:15:00.000Z',
      },
    });
  });

  it.each<[string, Partial<ApprovalBinding>, string]>([
    [
      'token bound to other target',
      { target: '203.0.113.8' },
      'target_mismatch',
    ],
    ['token bound to other offense', { offenseId: 43 }, 'offense_mismatch'],
    [
      'token bound to other action',
      { action: 'isolate_host' },
      'action_mismatch',
    ],
    [
      'token bound to other parameters',
      { parametersDigest: 'b'.repeat(64) },
      'parameters_mismatch',
    ],
    [
      'token without offense used on one',
      { offenseId: null },
      'offense_mismatch',
    ],
  ])('rejects %s', async (_name, change, reason) => {
    const dir = makeTempDir();
    const token = await signedToken(dir);
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(dir),
      expected: { ...binding, ...change },
      nowMs,
    });
    expect(result.ok ? 'ok' : result.reason).toBe(reason);
  });

  it('rejects an expired token', async () => {
    const dir = makeTempDir();
    const token = await signedToken(dir);
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(dir),
      expected: binding,
      nowMs: nowMs + lifetimeMs + 1000,
    });
    expect(result.ok ? 'ok' : result.reason).toBe('expired');
  });

  it('rejects a forged payload', async () => {
    const dir = makeTempDir();
    const token = await signedToken(dir);
    const [header, payload, signature] = token.split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(
      Buffer.from(payload, 'base64url').toString(),
    ) as Record<string, unknown>;
    const forged = Buffer.from(
      JSON.stringify({ ...claims, tgt: '198.51.100.66' }),
    ).toString('base64url');
    const result = await verifyApprovalToken(
      `${header}.${forged}.${signature}`,
      {
        verificationKey: loadVerificationKey(dir),
        expected: { ...binding, target: '198.51.100.66' },
        nowMs,
      },
    );
    expect(result.ok ? 'ok' : result.reason).toBe('bad_signature');
  });

  it('rejects a token signed by another key', async () => {
    const token = await signedToken(makeTempDir());
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(makeTempDir()),
      expected: binding,
      nowMs,
    });
    expect(result.ok ? 'ok' : result.reason).toBe('bad_signature');
  });

  it('rejects an unsigned token', async () => {
    const dir = makeTempDir();
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString(
      'base64url',
    );
    const payload = Buffer.from(
      JSON.stringify({
        jti: 'apr_0001',
        sub: 'soc-lead',
        iss: approvalTokenIssuer,
        aud: approvalTokenAudience,
        exp: nowMs / 1000 + 600,
        act: binding.action,
        tgt: binding.target,
        off: binding.offenseId,
        prm: binding.parametersDigest,
      }),
    ).toString('base64url');
    const result = await verifyApprovalToken(`${header}.${payload}.`, {
      verificationKey: loadVerificationKey(dir),
      expected: binding,
      nowMs,
    });
    expect(result.ok ? 'ok' : result.reason).toBe('malformed');
  });

  it('rejects a token for another audience', async () => {
    const dir = makeTempDir();
    const privateKey = loadSigningKey(dir);
    const token = await new SignJWT({
      act: 'block_ip',
      tgt: binding.target,
      off: 42,
      prm: binding.parametersDigest,
    })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setJti('apr_0001')
      .setSubject('soc-lead')
      .setIssuer(approvalTokenIssuer)
      .setAudience('some-other-service')
      .setExpirationTime(nowMs / 1000 + 600)
      .sign(privateKey);
    const result = await verifyApprovalToken(token, {
      verificationKey: loadVerificationKey(dir),
      expected: binding,
      nowMs,
    });
    expect(result.ok ? 'ok' : result.reason).toBe('malformed');
  });

  it('rejects garbage', async () => {
    const result = await verifyApprovalToken('not-a-token', {
      verificationKey: generateKeyPairSync('ed25519').publicKey,
      expected: binding,
      nowMs,
    });
    expect(result.ok ? 'ok' : result.reason).toBe('malformed');
  });
});
