import { isIPv4 } from 'node:net';

/**
 * Tells whether a bind address reaches only this machine: `localhost`,
 * `::1`, or an IPv4 address in 127.0.0.0/8. `0.0.0.0` and `::` listen on
 * every interface, so they are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIPv4(bare) && bare.startsWith('127.');
}

/** Formats host and port as the authority of a URL, bracketing IPv6 addresses. */
export function formatAuthority(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[')
    ? `[${host}]:${port}`
    : `${host}:${port}`;
}
