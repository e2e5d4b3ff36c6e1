import { describe, expect, it } from 'vitest';

import { createLogger } from '../../src/config/index.js';

const secrets = {
  secToken: 'sec-1b7e0c9d-sentinel',
  anthropicKey: 'sk-ant-sentinel-2f6a',
  openaiKey: 'sk-openai-sentinel-93c1',
  approvalToken: 'eyJhbGciOiJFZERTQSJ9.sentinel.sig',
  webhookSecret: 'whsec-sentinel-77aa',
  bearer: 'Bearer qmcp-sentinel-4d2e',
};

function captureLines(literalSecrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    destination: { write: (line: string) => lines.push(line) },
    secrets: literalSecrets,
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('redacts secrets by field path', () => {
    const { logger, lines } = captureLines();
    logger.info({ headers: { SEC: secrets.secToken } }, 'request');
    logger.info(
      { request: { headers: { authorization: secrets.bearer } } },
      'http',
    );
    logger.info({ apiKey: secrets.anthropicKey }, 'provider');
    logger.info({ config: { apiKey: secrets.openaiKey } }, 'provider');
    logger.info({ approval_token: secrets.approvalToken }, 'tool');
    logger.info(
      { arguments: { approval_token: secrets.approvalToken } },
      'tool',
    );
    logger.info({ webhook: { secret: secrets.webhookSecret } }, 'notify');
    const output = lines.join('');
    for (const secret of Object.values(secrets)) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
  });

  it('scrubs literal secrets from messages', () => {
    const { logger, lines } = captureLines([
      secrets.secToken,
      secrets.anthropicKey,
    ]);
    logger.error(
      { error: `upstream rejected ${secrets.secToken}` },
      `key ${secrets.anthropicKey} refused`,
    );
    const output = lines.join('');
    expect(output).not.toContain(secrets.secToken);
    expect(output).not.toContain(secrets.anthropicKey);
  });

  it('carries child bindings', () => {
    const { logger, lines } = captureLines();
    logger.child({ offenseId: 42, runId: 'run-1' }).info({}, 'triage started');
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record['offenseId']).toBe(42);
    expect(record['runId']).toBe('run-1');
  });
});
