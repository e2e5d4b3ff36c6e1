import { mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  ConfigError,
  listSecrets,
  loadSettings,
} from '../../src/config/index.js';

function captureError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (ConfigError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSettings', () => {
  it('defaults data dir to XDG state', () => {
    const settings = loadSettings({ env: { XDG_STATE_HOME: '/var/state' } });
    expect(settings.dataDir).toBe('/var/state/qradar-mcp');
    expect(settings.httpTokensFile).toBe(
      '/var/state/qradar-mcp/http-tokens.yaml',
    );
  });

  it('falls back to home local state', () => {
    const settings = loadSettings({ env: {} });
    expect(settings.dataDir).toBe(
      join(homedir(), '.local', 'state', 'qradar-mcp'),
    );
    expect(settings.dataDir).not.toBe(process.cwd());
  });

  it('keeps TLS verification on by default', () => {
    expect(loadSettings({ env: {} }).tlsVerify).toBe(true);
    expect(
      loadSettings({ env: { QRADAR_TLS_VERIFY: 'false' } }).tlsVerify,
    ).toBe(false);
  });

  it('names the variable of an invalid URL', () => {
    const error = captureError(() =>
      loadSettings({ env: { QRADAR_URL: 'qradar.local' } }),
    );
    expect(error.variable).toBe('QRADAR_URL');
    expect(error.message).toContain('QRADAR_URL');
    expect(error.message).toContain('"qradar.local"');
    expect(error.message).toContain('https://');
  });

  it('names the variable of an invalid version', () => {
    const error = captureError(() =>
      loadSettings({ env: { QRADAR_API_VERSION: 'latest' } }),
    );
    expect(error.variable).toBe('QRADAR_API_VERSION');
    expect(error.message).toContain('26.0');
  });

  it('hides secret values in errors', () => {
    const error = captureError(() =>
      loadSettings({ env: {}, flags: { QRADAR_SEC_TOKEN: '   ' } }),
    );
    expect(error.message).toContain('QRADAR_SEC_TOKEN');
    expect(error.message).toContain('(value hidden)');
  });

  it('lets flags override env and file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-config-'));
    const file = join(directory, 'config.yaml');
    writeFileSync(
      file,
      'QRADAR_URL: https://file.example\nQRADAR_API_VERSION: "19.0"\nQRADAR_MCP_LOG_LEVEL: debug\n',
    );
    const settings = loadSettings({
      env: { QRADAR_API_VERSION: '20.0' },
      configFile: file,
      flags: { QRADAR_MCP_LOG_LEVEL: 'warn' },
    });
    expect(settings.qradarUrl).toBe('https://file.example');
    expect(settings.apiVersion).toBe('20.0');
    expect(settings.logLevel).toBe('warn');
  });

  it('rejects unknown config file keys', () => {
    const directory = mkdtempSync(join(tmpdir(), 'qradar-mcp-config-'));
    const file = join(directory, 'config.yaml');
    writeFileSync(file, 'QRADAR_ULR: https://typo.example\n');
    const error = captureError(() =>
      loadSettings({ env: {}, configFile: file }),
    );
    expect(error.message).toContain('"QRADAR_ULR"');
    expect(error.message).toContain('QRADAR_URL');
  });

  it('rejects a short trigger secret', () => {
    const error = captureError(() =>
      loadSettings({ env: { QRADAR_MCP_TRIGGER_SECRET: 'short' } }),
    );
    expect(error.variable).toBe('QRADAR_MCP_TRIGGER_SECRET');
    expect(error.message).toContain('(value hidden)');
    expect(error.message).not.toContain('short');
  });

  it('lists the trigger secret as secret', () => {
    const secret = 'trigger-secret-0123456789';
    const settings = loadSettings({
      env: { QRADAR_MCP_TRIGGER_SECRET: secret },
    });
    expect(listSecrets(settings)).toContain(secret);
  });

  it('reports an unknown log level', () => {
    const settings = loadSettings({ env: { QRADAR_MCP_LOG_LEVEL: 'loud' } });
    expect(settings.logLevel).toBe('info');
    expect(settings.invalidLogLevel).toBe('loud');
  });
});
