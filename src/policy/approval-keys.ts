import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { PolicyError } from './errors.js';

/** File name of the approver's private key (PKCS #8 PEM, mode 0600). */
export const approverKeyFileName = 'approver.key';

/** File name of the approver's public key (SPKI PEM). */
export const approverPublicKeyFileName = 'approver.pub';

/**
 * Creates the Ed25519 approver key pair in the data directory unless the
 * private key exists already. Concurrent callers are safe, because the
 * private key is put in place with link(), which fails when the file
 * exists. So one pair wins, and every caller ends up with that pair.
 */
export function ensureApproverKeyPair(dataDir: string): void {
  const keyPath = join(dataDir, approverKeyFileName);
  const publicPath = join(dataDir, approverPublicKeyFileName);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!exists(keyPath)) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const temporaryKey = temporaryPath(keyPath);
    writeFileSync(temporaryKey, privatePem, { mode: 0o600 });
    try {
      linkSync(temporaryKey, keyPath);
      writeAtomically(
        publicPath,
        publicKey.export({ type: 'spki', format: 'pem' }),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporaryKey);
    }
  }
  if (!exists(publicPath)) {
    // Another process linked its key and has not written the public key yet,
    // or the public key was deleted: derive it from the private key, which
    // gives the same file that process writes.
    const privateKey = createPrivateKey(readFileSync(keyPath));
    writeAtomically(
      publicPath,
      createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }),
    );
  }
}

/**
 * Loads the public key that verifies approval tokens, creating the pair when
 * missing. The private key is never kept in memory by this path (it is only
 * generated, written and dropped when the pair is created). Throws
 * PolicyError `APPROVER_KEY_UNAVAILABLE`.
 */
export function loadVerificationKey(dataDir: string): KeyObject {
  const path = join(dataDir, approverPublicKeyFileName);
  try {
    ensureApproverKeyPair(dataDir);
    return createPublicKey(readFileSync(path));
  } catch (error) {
    throw keyError(path, error);
  }
}

/**
 * Loads the private key that signs approval tokens, creating the pair when
 * missing; for the approving process only. Throws PolicyError
 * `APPROVER_KEY_UNAVAILABLE`, also when other users may read the file.
 */
export function loadSigningKey(dataDir: string): KeyObject {
  const path = join(dataDir, approverKeyFileName);
  try {
    ensureApproverKeyPair(dataDir);
  } catch (error) {
    throw keyError(path, error);
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new PolicyError(
      'APPROVER_KEY_UNAVAILABLE',
      `Failed to load approver key ${path}: mode ${mode.toString(8).padStart(4, '0')} lets other users read it. Run chmod 600 ${path}.`,
    );
  }
  try {
    return createPrivateKey(readFileSync(path));
  } catch (error) {
    throw keyError(path, error);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function temporaryPath(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function writeAtomically(path: string, content: string | Buffer): void {
  const temporary = temporaryPath(path);
  writeFileSync(temporary, content, { mode: 0o644 });
  renameSync(temporary, path);
}

function keyError(path: string, cause: unknown): PolicyError {
  if (PolicyError.is(cause)) return cause;
  return new PolicyError(
    'APPROVER_KEY_UNAVAILABLE',
    `Failed to load approver key ${path}: ${(cause as Error).message}. Check the data directory and its permissions.`,
    { cause },
  );
}
