import { describe, expect, it } from 'vitest';

import { extractGlobalOptions } from '../../src/cli/global-options.js';

describe('extractGlobalOptions', () => {
  it('takes flags anywhere in argv', () => {
    const options = extractGlobalOptions([
      'agent',
      '--data-dir',
      '/tmp/state',
      'run',
      '--offense=7',
      '--log-level=debug',
    ]);
    expect(options.flags).toEqual({
      QRADAR_MCP_DATA_DIR: '/tmp/state',
      QRADAR_MCP_LOG_LEVEL: 'debug',
    });
    expect(options.rest).toEqual(['agent', 'run', '--offense=7']);
  });

  it('reads the config file flag', () => {
    const options = extractGlobalOptions(['--config', 'q.yaml', 'serve']);
    expect(options.configFile).toBe('q.yaml');
    expect(options.rest).toEqual(['serve']);
  });

  it('rejects a flag without value', () => {
    expect(() => extractGlobalOptions(['serve', '--data-dir'])).toThrow(
      'Missing value for --data-dir',
    );
  });
});
