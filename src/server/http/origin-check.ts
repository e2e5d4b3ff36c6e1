import { ConfigError } from '../../config/index.js';

/** Checks of the browser origins and Host headers that the HTTP server accepts. */
export interface OriginCheck {
  /** Accepts a request without Origin, or one from an allowed origin. */
  isOriginAllowed(origin: string | undefined): boolean;
  /**
   * Accepts the Host header on a loopback bind only when it names the
   * loopback address and port, which defeats DNS rebinding: a page on a
   * rebound name sends its own name as Host. Any Host passes on other binds.
   */
  isHostAllowed(host: string | undefined): boolean;
}

/**
 * Normalizes an `--allow-origin` value to the origin form browsers send
 * (`scheme://host[:port]`). Throws ConfigError for anything but an http or
 * https URL without a path.
 */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `Invalid --allow-origin ${JSON.stringify(value)}: expected an origin such as https://console.example.com.`,
    );
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new ConfigError(
      `Invalid --allow-origin ${JSON.stringify(value)}: expected scheme, host and optional port only, such as https://console.example.com.`,
    );
  }
  return url.origin;
}

/**
 * Builds the origin check of a server listening on `port`. Allowed origins:
 * the `allowOrigins` list, plus http://localhost, http://127.0.0.1 and
 * http://[::1] on that port. The literal origin `null` (sandboxed frames,
 * file pages) is always rejected.
 */
export function createOriginCheck(options: {
  port: number;
  loopback: boolean;
  allowOrigins: readonly string[];
}): OriginCheck {
  const localHosts = ['localhost', '127.0.0.1', '[::1]'];
  const localAuthorities = localHosts.map((host) => `${host}:${options.port}`);
  // A client may leave out the default port in Host, and URL.origin drops it.
  if (options.port === 80) localAuthorities.push(...localHosts);
  const allowed = new Set([
    ...localAuthorities.map(
      (authority) => new URL(`http://${authority}`).origin,
    ),
    ...options.allowOrigins.map(normalizeOrigin),
  ]);
  return {
    isOriginAllowed(origin) {
      if (origin === undefined) return true;
      let normalized: string;
      try {
        normalized = new URL(origin).origin;
      } catch {
        return false;
      }
      return normalized !== 'null' && allowed.has(normalized);
    },
    isHostAllowed(host) {
      if (!options.loopback) return true;
      if (host === undefined) return false;
      return localAuthorities.includes(host.toLowerCase());
    },
  };
}
