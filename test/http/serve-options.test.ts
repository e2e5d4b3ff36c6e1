import { describe, expect, it } from 'vitest';

import { parseHttpServeOptions } from '../../src/cli/commands/serve-http.js';

describe('parseHttpServeOptions', () => {
  it('returns nothing without --http', () => {
    expect(parseHttpServeOptions({})).toBeUndefined();
  });

  it('defaults to loopback port 8808', () => {
    expect(parseHttpServeOptions({ http: true })).toEqual({
      host: '127.0.0.1',
      port: 8808,
      allowOrigins: [],
    });
  });

  it('reads host, port and origins', () => {
    expect(
      parseHttpServeOptions({
        http: true,
        host: '10.1.2.3',
        port: '9000',
        'allow-origin': ['https://soc.example.com/', 'http://localhost:3000'],
      }),
    ).toEqual({
      host: '10.1.2.3',
      port: 9000,
      allowOrigins: ['https://soc.example.com', 'http://localhost:3000'],
    });
  });

  it.each(['-1', '65536', 'http', '80.5'])('rejects port %s', (port) => {
    expect(() => parseHttpServeOptions({ http: true, port })).toThrow(
      'Invalid --port',
    );
  });

  it('rejects origin with path', () => {
    expect(() =>
      parseHttpServeOptions({
        http: true,
        'allow-origin': ['https://soc.example.com/app'],
      }),
    ).toThrow('Invalid --allow-origin');
  });

  it('rejects HTTP flags without --http', () => {
    expect(() => parseHttpServeOptions({ port: '9000' })).toThrow(
      'need --http',
    );
  });
});
