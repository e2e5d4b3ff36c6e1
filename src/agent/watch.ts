import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

import { createSilentLogger, type Logger } from '../config/index.js';
import type { RunnerStateStore, RunStore } from '../store/index.js';
import { callMcpTool } from './mcp-session.js';
import type { ModelProvider } from './provider.js';
import { sleepFor } from './providers/retrying-provider.js';
import {
  fingerprintOf,
  readCursor,
  writeCursor,
  type OffenseFingerprint,
} from './triage-cursor.js';
import {
  runTriage,
  type TriageOptions,
  type TriageResult,
} from './run-triage.js';

interface PendingUpdate {
  fingerprint: OffenseFingerprint;
  runId: string;
}

const pendingKey = (offenseId: number): string => `watch:pending:${offenseId}`;

/** Tells whether `next` is an update over `previous` (a new offense when there is none). */
export function isUpdate(
  previous: OffenseFingerprint | undefined,
  next: OffenseFingerprint,
): boolean {
  if (previous === undefined) return true;
  return (
    next.eventCount > previous.eventCount ||
    Date.parse(next.lastUpdated) > Date.parse(previous.lastUpdated) ||
    next.magnitude > previous.magnitude
  );
}

function sameFingerprint(
  left: OffenseFingerprint,
  right: OffenseFingerprint,
): boolean {
  return (
    left.eventCount === right.eventCount &&
    left.lastUpdated === right.lastUpdated &&
    left.magnitude === right.magnitude
  );
}

/** Options of the watcher. */
export interface WatchOptions {
  client: Client;
  provider: ModelProvider;
  runs: RunStore;
  state: RunnerStateStore;
  /** Only offenses of at least this magnitude; default all. */
  minMagnitude?: number | undefined;
  /** Poll interval in milliseconds; default 30000. */
  intervalMs?: number | undefined;
  triage?:
    | Partial<
        Omit<
          TriageOptions,
          'client' | 'provider' | 'offenseId' | 'runs' | 'runId'
        >
      >
    | undefined;
  logger?: Logger | undefined;
  sleep?:
    ((milliseconds: number, signal?: AbortSignal) => Promise<void>) | undefined;
  signal?: AbortSignal | undefined;
  /** Called after each triage, before its cursor is stored (tests inject crashes here). */
  afterTriage?: ((result: TriageResult) => void | Promise<void>) | undefined;
}

/** Lists open offenses through list_offenses, all pages, with their fingerprints. */
export async function listOpenOffenses(
  client: Client,
  options: {
    minMagnitude?: number | undefined;
    signal?: AbortSignal | undefined;
  } = {},
): Promise<{ id: number; fingerprint: OffenseFingerprint }[]> {
  const offenses: { id: number; fingerprint: OffenseFingerprint }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await callMcpTool(
      client,
      'list_offenses',
      {
        status: 'OPEN',
        limit: 100,
        ...(options.minMagnitude === undefined
          ? {}
          : { min_magnitude: options.minMagnitude }),
        ...(cursor === undefined ? {} : { cursor }),
      },
      options.signal === undefined ? {} : { signal: options.signal },
    );
    if (result.isError)
      throw new Error(`Failed to list open offenses: ${result.text}`);
    const data = (result.data ?? {}) as {
      offenses?: Record<string, unknown>[];
      next_cursor?: string | null;
    };
    for (const offense of data.offenses ?? []) {
      const id = offense['id'];
      if (typeof id !== 'number') continue;
      offenses.push({ id, fingerprint: fingerprintOf(offense) });
    }
    cursor = data.next_cursor ?? undefined;
    if (cursor === undefined) break;
  }
  return offenses;
}

/**
 * Polls once: triages every open offense that changed since its stored
 * cursor, oldest id first, and stores the cursor after each. Each update
 * gets its run id before the triage starts (kept as pending in runner
 * state), so a watcher that died mid-way continues that same run and the
 * run's note marker prevents a second note. Returns the triages made.
 */
export async function pollOnce(options: WatchOptions): Promise<TriageResult[]> {
  const logger = options.logger ?? createSilentLogger();
  const offenses = await listOpenOffenses(options.client, options);
  offenses.sort((left, right) => left.id - right.id);
  const results: TriageResult[] = [];
  for (const { id, fingerprint } of offenses) {
    if (options.signal?.aborted === true) break;
    const cursor = await readCursor(options.state, id);
    if (!isUpdate(cursor, fingerprint)) continue;
    const pending = (await options.state.get(pendingKey(id))) as
      PendingUpdate | undefined;
    let runId =
      pending !== undefined && sameFingerprint(pending.fingerprint, fingerprint)
        ? pending.runId
        : undefined;
    if (runId === undefined) {
      const run = await options.runs.create({
        offenseId: id,
        provider: options.provider.name,
        model: options.provider.model,
        mode: options.triage?.mode ?? 'approve',
        state: 'running',
      });
      runId = run.id;
      await options.state.set(pendingKey(id), {
        fingerprint,
        runId,
      } satisfies PendingUpdate);
    } else {
      logger.info({ offenseId: id, runId }, 'continuing an interrupted run');
    }
    const result = await runTriage({
      ...options.triage,
      client: options.client,
      provider: options.provider,
      offenseId: id,
      runs: options.runs,
      runId,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    await options.afterTriage?.(result);
    await writeCursor(options.state, id, { ...fingerprint, runId });
    await options.state.delete(pendingKey(id));
    results.push(result);
  }
  return results;
}

/**
 * Watches open offenses until the signal aborts: one poll, then a pause of
 * intervalMs, and again. A failed poll is logged and retried at the next
 * interval.
 */
export async function watchOffenses(options: WatchOptions): Promise<void> {
  const logger = options.logger ?? createSilentLogger();
  const sleep = options.sleep ?? sleepFor;
  const intervalMs = options.intervalMs ?? 30_000;
  const isAborted = (): boolean => options.signal?.aborted === true;
  while (!isAborted()) {
    try {
      const results = await pollOnce(options);
      if (results.length > 0) {
        logger.info({ triaged: results.length }, 'watch poll done');
      } else {
        logger.debug({ triaged: 0 }, 'watch poll found no update');
      }
    } catch (error) {
      if (isAborted()) break;
      logger.error(
        { err: error },
        'watch poll failed; retrying at the next interval',
      );
    }
    try {
      await sleep(intervalMs, options.signal);
    } catch {
      break;
    }
  }
}
