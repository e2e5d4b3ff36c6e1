import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generate } from 'selfsigned';

/** A generated certificate authority and the server certificate it signed. */
export interface GeneratedTls {
  /** Server private key, PEM. */
  key: string;
  /** Server certificate, PEM. */
  cert: string;
  /** Certificate authority to trust (QRADAR_CA_FILE), PEM. */
  caCert: string;
  /** Path of the written CA certificate. */
  caFile: string;
}

const validityDays = 30;

/**
 * Generates a throwaway CA and a server certificate for `localhost`,
 * 127.0.0.1 and ::1, both valid for 30 days. It writes the CA to
 * `<dir>/sim-ca.pem`, for clients to trust through QRADAR_CA_FILE, and the
 * server key (mode 0600) and certificate next to it.
 */
export async function generateSimulatorTls(
  dir: string,
  nowMs = Date.now(),
): Promise<GeneratedTls> {
  const notBeforeDate = new Date(nowMs - 60_000);
  const notAfterDate = new Date(nowMs + validityDays * 86_400_000);
  const ca = await generate(
    [{ name: 'commonName', value: 'qradar-mcp simulator test CA' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'sim-ca.pem');
  writeFileSync(caFile, ca.cert);
  writeFileSync(join(dir, 'sim-cert.pem'), server.cert);
  const keyFile = join(dir, 'sim-key.pem');
  writeFileSync(keyFile, server.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return { key: server.private, cert: server.cert, caCert: ca.cert, caFile };
}
