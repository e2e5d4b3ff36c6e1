import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { createSilentLogger, type Logger } from '../config/index.js';
import { EventDatabase } from './ariel/event-database.js';
import { bundledCasesDir } from './bundled-cases.js';
import { loadCaseFiles } from './case-files.js';
import type { LoadedCase } from './case-schema.js';
import { FaultInjector } from './http/faults.js';
import { seededRandom, seededUuid } from './http/random.js';
import { RateLimiter } from './http/rate-limiter.js';
import { createRequestHandler } from './http/request-handler.js';
import type { SimulatorServices } from './http/route.js';
import { Router } from './http/router.js';
import { simulatorRoutes } from './routes/index.js';
import { createSimulatorState } from './simulator-state.js';
import { ArielStore } from './store/ariel-store.js';
import { openSimDatabase } from './store/database.js';
import { OffenseStore } from './store/offense-store.js';
import { ReferenceStore } from './store/reference-store.js';
import { prepareStore } from './store/seed.js';
import type {
  RecordedRequest,
  RunningSimulator,
  SimulatorOptions,
} from './types.js';

function timerSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function caseReader(
  casesDir: string | undefined,
  logger: Logger,
): () => LoadedCase[] {
  return () => {
    if (casesDir !== undefined) return loadCaseFiles(casesDir);
    const bundled = bundledCasesDir();
    if (!existsSync(bundled)) {
      logger.warn(
        { dir: bundled },
        'bundled cases folder missing, starting empty',
      );
      return [];
    }
    return loadCaseFiles(bundled);
  };
}

function listen(
  server: Server,
  port: number,
  host: string,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      reject(
        new Error(
          `Failed to listen on ${host}:${port}: ${error.message}. Pick another port, or 0 for a free one.`,
          { cause: error },
        ),
      );
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * Starts the QRadar simulator over a SQLite store. It loads the cases into an
 * empty store (or any store with `reloadCases`) and shifts case times towards
 * the clock. It listens on `host:port` (default 127.0.0.1 and an ephemeral
 * port) over HTTP, or HTTPS when `tls` is given. Throws when the cases are
 * invalid or collide.
 */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<RunningSimulator> {
  const logger = options.logger ?? createSilentLogger();
  const logLifecycle =
    options.lifecycleLogLevel === 'debug'
      ? logger.debug.bind(logger)
      : logger.info.bind(logger);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const db = openSimDatabase(options.dbPath);
  let events: EventDatabase | undefined;
  try {
    const outcome = prepareStore(db, {
      logger,
      readCases:
        options.cases === undefined
          ? caseReader(options.casesDir, logger)
          : () => options.cases ?? [],
      reload: options.reloadCases === true,
      nowMs: now(),
      ...(options.rebaseThresholdMs === undefined
        ? {}
        : { rebaseThresholdMs: options.rebaseThresholdMs }),
    });
    logLifecycle(
      {
        dbPath: options.dbPath,
        loaded: outcome.loaded,
        cases: outcome.caseCount,
        shiftedByMs: outcome.shiftedByMs,
      },
      outcome.loaded ? 'simulator loaded cases' : 'simulator opened store',
    );
    if (!outcome.loaded && options.casesDir !== undefined) {
      logger.warn(
        { casesDir: options.casesDir, dbPath: options.dbPath },
        'store already holds cases, so the cases folder was not loaded; reload to replace them',
      );
    }
    const offenses = new OffenseStore(db);
    const references = new ReferenceStore(db);
    const ariel = new ArielStore(db);
    events = new EventDatabase(db, logger);
    const idRandom =
      options.seed === undefined ? undefined : seededRandom(options.seed + 1);
    const services: SimulatorServices = {
      offenses,
      references,
      ariel,
      events,
      arielDelayMs: options.arielDelayMs ?? 0,
      createSearchId: () => {
        for (;;) {
          const id =
            idRandom === undefined ? randomUUID() : seededUuid(idRandom);
          if (ariel.get(id) === undefined) return id;
        }
      },
      now,
      sleep,
      logger,
    };
    const faults = new FaultInjector(
      seededRandom(options.seed ?? 1),
      options.faults ?? [],
    );
    const requests: RecordedRequest[] = [];
    const listener = createRequestHandler({
      token: options.token,
      router: new Router(simulatorRoutes),
      services,
      faults,
      requests,
      latencyMs: options.latencyMs ?? 0,
      rateLimiter:
        options.rateLimitPerSecond === undefined
          ? undefined
          : new RateLimiter(options.rateLimitPerSecond),
    });
    const server =
      options.tls === undefined
        ? createHttpServer(listener)
        : createHttpsServer(
            { key: options.tls.key, cert: options.tls.cert },
            listener,
          );
    const address = await listen(
      server,
      options.port ?? 0,
      options.host ?? '127.0.0.1',
    );
    const scheme = options.tls === undefined ? 'http' : 'https';
    const url = `${scheme}://${urlHost(address.address)}:${address.port}`;
    logLifecycle({ url }, 'simulator listening');
    const engine = events;
    let closed: Promise<void> | undefined;
    return {
      url,
      token: options.token,
      addFault: (rule) => faults.add(rule),
      clearFaults: () => faults.clear(),
      requests,
      state: createSimulatorState(offenses, references, ariel, now),
      close: () => {
        closed ??= new Promise<void>((resolve) => {
          server.close(() => {
            engine.close();
            db.close();
            logLifecycle({ url }, 'simulator stopped');
            resolve();
          });
          server.closeAllConnections();
        });
        return closed;
      },
    };
  } catch (error) {
    events?.close();
    db.close();
    throw error;
  }
}
