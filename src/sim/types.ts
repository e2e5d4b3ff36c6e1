import type { Logger } from '../config/index.js';
import type { LoadedCase } from './case-schema.js';
import type { OffenseNote } from './store/offense-store.js';
import type {
  ReferenceElement,
  ReferenceSetInfo,
} from './store/reference-store.js';

/** A rule that makes matching requests fail, for client robustness tests. */
export interface FaultRule {
  /** GET, POST or DELETE; absent matches any method. */
  method?: string;
  /** Regular expression source matched against the URL pathname, e.g. `^/api/ariel/searches$`. */
  path: string;
  /** HTTP status to respond with, using QRadar's error JSON. */
  status?: number;
  /** Destroys the socket instead of sending a response. */
  reset?: boolean;
  /** Runs the real handler first, so state changes, then responds with the fault. */
  afterEffect?: boolean;
  /** Seconds sent in a Retry-After header with the status. */
  retryAfterS?: number;
  /** Probability from 0 to 1 that a matching request fails; drawn from a seeded generator. */
  rate?: number;
  /** Applies to the next N matching requests only. */
  count?: number;
}

/** Options of startSimulator. */
export interface SimulatorOptions {
  /** `<data dir>/sim.sqlite`, or ':memory:' for a private store. */
  dbPath: string;
  /** SEC token accepted by every endpoint. */
  token: string;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Listen port; default 0, an ephemeral port. */
  port?: number;
  /** PEM key and certificate; when given the simulator serves HTTPS. */
  tls?: { key: string; cert: string };
  /** Folder of case files; default the bundled `evals/cases`. */
  casesDir?: string;
  /** Already loaded cases, used instead of reading `casesDir`. */
  cases?: LoadedCase[];
  /** Replaces the stored state with the cases even when the store is not empty. */
  reloadCases?: boolean;
  /** Delay added before every response, in milliseconds. */
  latencyMs?: number;
  /** Requests per second accepted before responding 429 with Retry-After. */
  rateLimitPerSecond?: number;
  faults?: FaultRule[];
  /** Time an Ariel search takes from WAIT to COMPLETED, in milliseconds; 0 completes at once. */
  arielDelayMs?: number;
  /** Clock in epoch milliseconds; default Date.now. */
  now?: () => number;
  /** Waits for a number of milliseconds; default a timer. Tests pair it with `now`. */
  sleep?: (ms: number) => Promise<void>;
  /** Seed of the generator behind fault rates and, when set, Ariel search ids. */
  seed?: number;
  /** Drift past which an already loaded store is shifted to the clock again; default one hour. */
  rebaseThresholdMs?: number;
  logger?: Logger;
  /**
   * Level of the load, listening and stop lines; default `info`. Commands
   * that embed the simulator pass `debug` so that their own output stays
   * readable.
   */
  lifecycleLogLevel?: 'info' | 'debug';
}

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  /** URL pathname as received, still percent-encoded. */
  path: string;
  /** Raw query string as received, without the `?`; empty when absent. */
  query: string;
  /** Request headers in lower case, without `sec` and `authorization`. */
  headers: Record<string, string>;
}

/** An Ariel search as stored, with its status at the time of the call. */
export interface ArielSearchView {
  search_id: string;
  status: string;
  progress: number;
  query_string: string;
  database: 'events' | 'flows';
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Read helpers over the simulator's state, for tests. */
export interface SimulatorState {
  offense(id: number): Record<string, unknown> | undefined;
  offenses(): Record<string, unknown>[];
  notes(offenseId: number): OffenseNote[];
  referenceSet(name: string): ReferenceSetInfo | undefined;
  /** Live elements of a set, or undefined when the set does not exist. */
  referenceSetElements(name: string): ReferenceElement[] | undefined;
  arielSearch(id: string): ArielSearchView | undefined;
}

/** A simulator listening on a port. */
export interface RunningSimulator {
  /** Base URL without a trailing slash, such as `http://127.0.0.1:41234`. */
  url: string;
  token: string;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Requests received so far, oldest first; only the latest 10,000 are kept. */
  requests: RecordedRequest[];
  state: SimulatorState;
  close(): Promise<void>;
}
