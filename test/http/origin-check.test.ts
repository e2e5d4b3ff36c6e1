import { describe, expect, it } from 'vitest';

import {
  createOriginCheck,
  isLoopbackHost,
  normalizeOrigin,
} from '../../src/server/http/index.js';

describe('createOriginCheck', () => {
  const check = createOriginCheck({
    port: 8808,
    loopback: true,
    allowOrigins: ['https://console.example.com/'],
  });

  it.each([
    [undefined, true],
    ['http://localhost:8808', true],
    ['http://127.0.0.1:8808', true],
    ['http://[::1]:8808', true],
    ['https://console.example.com', true],
    ['http://localhost:3000', false],
    ['http://127.0.0.1', false],
    ['https://evil.example', false],
    ['null', false],
    ['not a url', false],
  ])('origin %s allowed: %s', (origin, expected) => {
    expect(check.isOriginAllowed(origin)).toBe(expected);
  });

  it.each([
    ['127.0.0.1:8808', true],
    ['localhost:8808', true],
    ['LOCALHOST:8808', true],
    ['[::1]:8808', true],
    ['rebound.example:8808', false],
    ['127.0.0.1:9999', false],
    [undefined, false],
  ])('host %s allowed on loopback: %s', (host, expected) => {
    expect(check.isHostAllowed(host)).toBe(expected);
  });

  it('accepts any host off loopback', () => {
    const open = createOriginCheck({
      port: 8808,
      loopback: false,
      allowOrigins: [],
    });
    expect(open.isHostAllowed('mcp.example.com')).toBe(true);
  });

  it('rejects origin with path', () => {
    expect(() => normalizeOrigin('https://a.example/app')).toThrow(
      'Invalid --allow-origin',
    );
    expect(() => normalizeOrigin('ftp://a.example')).toThrow(
      'Invalid --allow-origin',
    );
    expect(normalizeOrigin('HTTPS://A.example:443')).toBe('https://a.example');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['127.example.com', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
