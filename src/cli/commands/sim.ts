import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import {
  generateSimulatorTls,
  readFaultRules,
  simulatorDbPath,
  startSimulator,
  type SimulatorOptions,
} from '../../sim/index.js';
import { exitCodes, UsageError, type Command } from '../command.js';
import { printLine } from '../output.js';

const usage = `Usage: qradar-mcp sim [options]

Runs the embedded QRadar simulator over <data dir>/sim.sqlite until Ctrl-C.
It prints its URL and SEC token on stdout and logs on stderr.

Options:
  --port N             port to listen on (default: 0, a free port)
  --host H             address to listen on (default: 127.0.0.1)
  --token T            SEC token to accept (default: a random token, printed once)
  --cases DIR          case files to load into an empty store (default: the bundled cases)
  --reload-cases       replace the stored state with the cases
  --tls                serve HTTPS with a generated certificate; prints the CA file
                       to use as QRADAR_CA_FILE
  --latency-ms N       delay before every answer, in milliseconds
  --rate-limit N       requests per second before answering 429 with Retry-After
  --faults FILE        YAML or JSON list of fault rules
                       ({method, path, status | reset, afterEffect, retryAfterS, rate, count})
  --ariel-delay-ms N   time an Ariel search takes to complete, in milliseconds (default: 0)`;

function parseCount(
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new UsageError(
      `Invalid ${flag} ${JSON.stringify(value)}: expected a whole number.`,
    );
  }
  return Number(value);
}

function parseSimArguments(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        token: { type: 'string' },
        cases: { type: 'string' },
        'reload-cases': { type: 'boolean', default: false },
        tls: { type: 'boolean', default: false },
        'latency-ms': { type: 'string' },
        'rate-limit': { type: 'string' },
        faults: { type: 'string' },
        'ariel-delay-ms': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `qradar-mcp sim`: runs the QRadar simulator in the foreground. */
export const simCommand: Command = {
  name: 'sim',
  summary: 'run the embedded QRadar simulator on a port',
  usage,
  async run({ settings, logger, argv }) {
    const values = parseSimArguments(argv);
    const port = parseCount('--port', values.port) ?? 0;
    if (port > 65_535) {
      throw new UsageError(`Invalid --port ${port}: expected 0 to 65535.`);
    }
    const rateLimit = parseCount('--rate-limit', values['rate-limit']);
    if (rateLimit === 0) {
      throw new UsageError('Invalid --rate-limit 0: expected at least 1.');
    }
    const latencyMs = parseCount('--latency-ms', values['latency-ms']);
    const arielDelayMs = parseCount(
      '--ariel-delay-ms',
      values['ariel-delay-ms'],
    );
    const token = values.token ?? randomBytes(24).toString('base64url');
    if (!['127.0.0.1', '::1', 'localhost'].includes(values.host)) {
      logger.warn(
        { host: values.host },
        'the simulator listens beyond loopback; anyone who can reach it and knows the token can change its state',
      );
    }

    const faults =
      values.faults === undefined ? undefined : readFaultRules(values.faults);
    const tls = values.tls
      ? await generateSimulatorTls(settings.dataDir)
      : undefined;

    const options: SimulatorOptions = {
      dbPath: simulatorDbPath(settings.dataDir),
      token,
      host: values.host,
      port,
      reloadCases: values['reload-cases'],
      logger: logger.child({ component: 'simulator' }),
      ...(values.cases === undefined ? {} : { casesDir: values.cases }),
      ...(tls === undefined ? {} : { tls: { key: tls.key, cert: tls.cert } }),
      ...(latencyMs === undefined ? {} : { latencyMs }),
      ...(rateLimit === undefined ? {} : { rateLimitPerSecond: rateLimit }),
      ...(arielDelayMs === undefined ? {} : { arielDelayMs }),
      ...(faults === undefined ? {} : { faults }),
    };

    // Listen for signals before printing the URL, so a caller that stops the
    // process as soon as it reads the URL still gets a clean shutdown.
    const stopped = waitForSignal();
    const simulator = await startSimulator(options);
    printLine(`QRadar simulator listening at ${simulator.url}`);
    printLine(`SEC token: ${token}`);
    if (tls !== undefined) printLine(`CA certificate: ${tls.caFile}`);
    printLine(
      `Try: curl${tls === undefined ? '' : ` --cacert ${tls.caFile}`} -H 'SEC: ${token}' '${simulator.url}/api/siem/offenses?fields=id,description'`,
    );

    const signal = await stopped;
    logger.info({ signal }, 'stopping the simulator');
    await simulator.close();
    return exitCodes.ok;
  },
};
