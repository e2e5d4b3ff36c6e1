import type { Logger } from '../config/index.js';

/** Waits `ms` milliseconds; rejects with the signal's reason when it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Settings of a QRadarClient. */
export interface QRadarClientOptions {
  /** Console URL such as `https://qradar.example.com`; `/api` is appended. */
  baseUrl: string;
  /** Authorized-service token sent in the `SEC` header; never logged. */
  secToken: string;
  /** Pinned `Version` header such as `20.0`; by default negotiated once from `/api/help/versions`. */
  apiVersion?: string | undefined;
  /** PEM file of the console's CA, trusted in addition to the system roots. */
  caFile?: string | undefined;
  /** TLS certificate verification; default true. False is logged at warn level once. */
  tlsVerify?: boolean | undefined;
  /** Timeout of each HTTP attempt; default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Time budget of one call across all its retries; default 120 000 ms. */
  deadlineMs?: number | undefined;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number | undefined;
  /** Sockets kept open to the console; default 8. */
  connections?: number | undefined;
  logger: Logger;
  /** Epoch-millisecond clock; default Date.now. */
  clock?: (() => number) | undefined;
  /** Wait used between retries and Ariel polls; default a timer. */
  sleep?: Sleep | undefined;
  /** Random source in [0, 1) for backoff jitter; default Math.random. */
  random?: (() => number) | undefined;
}

/** Options every client method accepts. */
export interface RequestOptions {
  /** Aborts the call; the method then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Timeout of each HTTP attempt of this call, overriding the client's. */
  timeoutMs?: number | undefined;
}

/** Default sleep: a timer that an AbortSignal can cut short. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
