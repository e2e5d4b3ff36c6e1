import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultRule, RecordedRequest } from '../types.js';
import { ApiError } from './api-error.js';
import { checkApiVersion } from './api-versions.js';
import { checkCredentials } from './auth.js';
import type { FaultInjector } from './faults.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RouteResult, SimulatorServices } from './route.js';
import type { Router } from './router.js';

/** Dependencies of the request handler besides the route services. */
export interface RequestHandlerOptions {
  token: string;
  router: Router;
  services: SimulatorServices;
  faults: FaultInjector;
  requests: RecordedRequest[];
  latencyMs: number;
  rateLimiter: RateLimiter | undefined;
}

const hiddenHeaders = new Set(['sec', 'authorization']);
/** Requests kept in the log; older entries are dropped so a long run stays bounded. */
const maxRecordedRequests = 10_000;

function recordRequest(
  request: IncomingMessage,
  pathname: string,
  query: string,
): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (hiddenHeaders.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method ?? 'GET', path: pathname, query, headers };
}

function headerText(
  request: IncomingMessage,
  name: string,
): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function errorResult(error: ApiError): RouteResult {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}

function faultResult(rule: FaultRule): RouteResult {
  const status = rule.status ?? 503;
  // QRadar reports an unavailable Ariel service as 503 with code 1010.
  let code = 1000;
  if (status === 503) code = 1010;
  else if (status >= 500) code = 1020;
  const headers: Record<string, string> =
    rule.retryAfterS === undefined
      ? {}
      : { 'retry-after': String(rule.retryAfterS) };
  return errorResult(
    new ApiError(status, code, `Injected fault: ${status} for ${rule.path}.`, {
      description: 'The simulator returned a configured fault.',
      headers,
    }),
  );
}

function send(response: ServerResponse, result: RouteResult): void {
  const body = JSON.stringify(result.body ?? null);
  response.writeHead(result.status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    ...result.headers,
  });
  response.end(body);
}

/**
 * Builds the node:http request listener: records the request, applies
 * latency, the rate limit and fault rules, checks the SEC token and the
 * `Version` header, routes, and responds with JSON. A fault marked
 * `afterEffect` runs the real handler first.
 */
export function createRequestHandler(options: RequestHandlerOptions) {
  const { services } = options;

  async function dispatch(
    request: IncomingMessage,
    pathname: string,
    query: string,
  ): Promise<RouteResult> {
    try {
      checkCredentials(request.headers, options.token);
      const versionHeaders = checkApiVersion(headerText(request, 'version'));
      const method = request.method ?? 'GET';
      const match = options.router.match(method, pathname);
      if (match.kind === 'not_found') {
        throw new ApiError(
          404,
          1002,
          `Endpoint ${method} ${pathname} not found: the simulator serves the QRadar API paths under /api listed in its documentation.`,
        );
      }
      if (match.kind === 'method_not_allowed') {
        throw new ApiError(
          405,
          1005,
          `Method ${method} not allowed on ${pathname}: use ${match.allowed.join(' or ')}.`,
          { headers: { allow: match.allowed.join(', ') } },
        );
      }
      const result = await match.route.handle({
        method,
        pathname,
        params: match.params,
        query: new URLSearchParams(query),
        headers: request.headers,
        services,
      });
      return {
        ...result,
        headers: { ...versionHeaders, ...result.headers },
      };
    } catch (error) {
      if (error instanceof ApiError) return errorResult(error);
      services.logger.error(
        { err: error, method: request.method, path: pathname },
        'simulator request failed',
      );
      return errorResult(
        new ApiError(
          500,
          1020,
          `Failed to process ${request.method ?? 'GET'} ${pathname}: ${(error as Error).message}.`,
        ),
      );
    }
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    // No simulated endpoint reads a body; draining keeps the connection reusable.
    request.resume();
    const rawUrl = request.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
    const method = request.method ?? 'GET';
    options.requests.push(recordRequest(request, pathname, query));
    if (options.requests.length > maxRecordedRequests) {
      options.requests.splice(0, options.requests.length - maxRecordedRequests);
    }
    if (options.latencyMs > 0) await services.sleep(options.latencyMs);

    const retryAfterS = options.rateLimiter?.take(services.now());
    if (retryAfterS !== undefined) {
      send(
        response,
        errorResult(
          new ApiError(
            429,
            1000,
            'Too many requests: the simulator rate limit was reached. Retry after the Retry-After seconds.',
            {
              headers: { 'retry-after': String(retryAfterS) },
            },
          ),
        ),
      );
      return;
    }

    const fault = options.faults.take(method, pathname);
    if (fault !== undefined && fault.afterEffect !== true) {
      services.logger.debug(
        { method, path: pathname, fault },
        'fault injected',
      );
      if (fault.reset === true) request.socket.destroy();
      else send(response, faultResult(fault));
      return;
    }
    const result = await dispatch(request, pathname, query);
    if (fault !== undefined) {
      services.logger.debug(
        { method, path: pathname, fault },
        'fault injected after effect',
      );
      if (fault.reset === true) request.socket.destroy();
      else send(response, faultResult(fault));
      return;
    }
    send(response, result);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      services.logger.error(
        { err: error },
        'simulator failed to send a response',
      );
      if (!response.headersSent) {
        send(
          response,
          errorResult(new ApiError(500, 1020, 'Internal simulator error.')),
        );
      } else {
        response.destroy();
      }
    });
  };
}
