import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A canned response for one method and path. */
export interface FixtureRoute {
  method: string;
  /** URL path without query string, e.g. `/api/siem/offenses`. */
  path: string;
  status?: number;
  /** Serialized as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A request as the server received it. */
export interface FixtureRequest {
  method: string;
  path: string;
  /** Raw query string without `?`, exactly as sent. */
  query: string;
  headers: IncomingHttpHeaders;
}

/** A running fixture server on loopback. */
export interface FixtureServer {
  url: string;
  requests: FixtureRequest[];
  /** Adds or replaces the route for its method and path. */
  setRoute(route: FixtureRoute): void;
  close(): Promise<void>;
}

/** API versions the fixture server offers at `/api/help/versions`. */
export const fixtureVersions = [
  { id: 1, version: '20.0', deprecated: false, removed: false },
  { id: 2, version: '26.0', deprecated: false, removed: false },
  { id: 3, version: '27.0', deprecated: false, removed: false },
];

function send(response: ServerResponse, route: FixtureRoute): void {
  const body =
    route.rawBody ??
    (route.body === undefined ? '' : JSON.stringify(route.body));
  response.writeHead(route.status ?? 200, {
    'content-type': 'application/json',
    ...route.headers,
  });
  response.end(body);
}

/**
 * Starts an HTTP server on 127.0.0.1 that responds to each route with its
 * canned body and records every request, for tests of the QRadar client
 * against recorded responses.
 */
export async function startFixtureServer(
  routes: FixtureRoute[] = [],
): Promise<FixtureServer> {
  const table = new Map<string, FixtureRoute>();
  const setRoute = (route: FixtureRoute): void => {
    table.set(`${route.method} ${route.path}`, route);
  };
  setRoute({
    method: 'GET',
    path: '/api/help/versions',
    body: fixtureVersions,
  });
  routes.forEach(setRoute);

  const requests: FixtureRequest[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const method = request.method ?? 'GET';
    requests.push({
      method,
      path,
      query: mark === -1 ? '' : url.slice(mark + 1),
      headers: request.headers,
    });
    request.resume();
    request.on('end', () => {
      const route = table.get(`${method} ${path}`);
      if (route !== undefined) {
        send(response, route);
        return;
      }
      send(response, {
        method,
        path,
        status: 404,
        body: {
          http_response: { code: 404, message: 'Not Found' },
          code: 1002,
          message: `No fixture for ${method} ${path}`,
          description: '',
          details: {},
        },
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setRoute,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
