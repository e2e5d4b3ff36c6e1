import { pino, type DestinationStream } from 'pino';

import type { LogLevel } from './settings.js';

/** The logging surface passed down from the CLI; pino's Logger satisfies it. */
export interface Logger {
  trace(object: object, message?: string): void;
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Paths pino replaces with "[redacted]": the SEC header, bearer and basic
 * credentials, provider API keys, approval tokens and webhook secrets,
 * wherever they sit in a logged object.
 */
export const redactedPaths = [
  'sec',
  'SEC',
  'secToken',
  'token',
  'approvalToken',
  'approval_token',
  'apiKey',
  'api_key',
  'authorization',
  'Authorization',
  'secret',
  'webhookSecret',
  'password',
  'privateKey',
  '*.sec',
  '*.SEC',
  '*.secToken',
  '*.token',
  '*.approvalToken',
  '*.approval_token',
  '*.apiKey',
  '*.api_key',
  '*.authorization',
  '*.Authorization',
  '*.secret',
  '*.webhookSecret',
  '*.password',
  '*.privateKey',
  'headers.sec',
  'headers.SEC',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.headers.sec',
  '*.headers.SEC',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  'arguments.approval_token',
  '*.arguments.approval_token',
];

/** Options for createLogger. */
export interface LoggerOptions {
  level: LogLevel;
  /** Defaults to stderr (file descriptor 2), which keeps stdout for MCP messages. */
  destination?: DestinationStream;
  /** Literal secrets scrubbed from every message string as a second line of defence. */
  secrets?: readonly string[];
}

function scrubber(secrets: readonly string[]) {
  const present = secrets.filter((secret) => secret.length >= 4);
  return (text: string): string => {
    let scrubbed = text;
    for (const secret of present)
      scrubbed = scrubbed.split(secret).join('[redacted]');
    return scrubbed;
  };
}

/**
 * Creates the process logger: JSON lines on stderr with secrets redacted by
 * path and, for literal secrets passed in, by value in the final line.
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination({ fd: 2, sync: true });
  const destination: DestinationStream = {
    write(line: string) {
      target.write(scrub(line));
    },
  };
  return pino(
    {
      level: options.level,
      base: { name: 'qradar-mcp' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    destination,
  );
}

/** A logger that drops everything, for library callers and tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
