import type { Route } from './route.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** The outcome of matching a request against the routes. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.template
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (match === null) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1] ?? '');
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Matches request paths against route templates; literal routes win over parameter routes. */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    // More literal segments first, so `/reference_data/sets/bulk_load/x` beats `/sets/{name}/{value}`.
    this.#routes = routes
      .map(compile)
      .sort((left, right) => left.names.length - right.names.length);
  }

  /** Finds the route for a method and a still-encoded pathname. */
  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const compiled of this.#routes) {
      const match = compiled.pattern.exec(pathname);
      if (match === null) continue;
      if (compiled.route.method !== method) {
        allowed.push(compiled.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      compiled.names.forEach((name, index) => {
        params[name] = decodeSegment(match[index + 1] ?? '');
      });
      return { kind: 'found', route: compiled.route, params };
    }
    return allowed.length > 0
      ? { kind: 'method_not_allowed', allowed }
      : { kind: 'not_found' };
  }
}
