import { ConfigError, type Logger, type Settings } from '../config/index.js';
import { QRadarClient } from '../qradar/index.js';
import { openEmbeddedSimulator } from '../sim/index.js';

/** The QRadar a process talks to: a console, or the embedded simulator. */
export interface QRadarBackend {
  client: QRadarClient;
  /** True when no QRADAR_URL was set and the embedded simulator runs in this process. */
  embedded: boolean;
  url: string;
  /** Secrets of this backend (the SEC token), for scrubbers and log redaction. */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * Opens the QRadar client from settings: the console at QRADAR_URL with
 * QRADAR_SEC_TOKEN, or, without QRADAR_URL, the embedded simulator over
 * `<data dir>/sim.sqlite` on 127.0.0.1. Throws ConfigError when QRADAR_URL
 * is set without a token.
 */
export async function openQRadarBackend(
  settings: Settings,
  logger: Logger,
): Promise<QRadarBackend> {
  if (settings.qradarUrl === undefined) {
    const simulator = await openEmbeddedSimulator(settings, logger);
    const client = new QRadarClient({
      baseUrl: simulator.url,
      secToken: simulator.token,
      logger,
    });
    return {
      client,
      embedded: true,
      url: simulator.url,
      secrets: [simulator.token],
      async close() {
        await client.close();
        await simulator.close();
      },
    };
  }
  if (settings.secToken === undefined) {
    throw new ConfigError(
      'Missing QRADAR_SEC_TOKEN: QRADAR_URL is set, so an authorized-service token is needed. Set QRADAR_SEC_TOKEN, or unset QRADAR_URL to use the embedded simulator.',
      { variable: 'QRADAR_SEC_TOKEN' },
    );
  }
  const client = new QRadarClient({
    baseUrl: settings.qradarUrl,
    secToken: settings.secToken,
    apiVersion: settings.apiVersion,
    caFile: settings.caFile,
    tlsVerify: settings.tlsVerify,
    logger,
  });
  return {
    client,
    embedded: false,
    url: settings.qradarUrl,
    secrets: [settings.secToken],
    close: () => client.close(),
  };
}
