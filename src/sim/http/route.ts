import type { IncomingHttpHeaders } from 'node:http';

import type { Logger } from '../../config/index.js';
import type { EventDatabase } from '../ariel/event-database.js';
import type { ArielStore } from '../store/ariel-store.js';
import type { OffenseStore } from '../store/offense-store.js';
import type { ReferenceStore } from '../store/reference-store.js';

/** Services available to route handlers: the stores, the Ariel engine and the clock. */
export interface SimulatorServices {
  offenses: OffenseStore;
  references: ReferenceStore;
  ariel: ArielStore;
  events: EventDatabase;
  arielDelayMs: number;
  createSearchId(): string;
  now(): number;
  sleep(ms: number): Promise<void>;
  logger: Logger;
}

/** One parsed request, as passed to a route handler. */
export interface RequestContext {
  method: string;
  pathname: string;
  /** Path parameters named in the route template, percent-decoded once. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  services: SimulatorServices;
}

/** The response of a route handler. The server serializes `body` as JSON. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One endpoint: a method, a path template such as `/api/siem/offenses/{offense_id}` and a handler. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  template: string;
  handle(context: RequestContext): RouteResult | Promise<RouteResult>;
}

/** Reads one request header as a string. */
export function readHeader(
  context: RequestContext,
  name: string,
): string | undefined {
  const value = context.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
