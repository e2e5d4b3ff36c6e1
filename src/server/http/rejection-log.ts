import type { Logger } from '../../config/index.js';

const windowMs = 60_000;
const maxTracked = 1000;

/** Logs rejected HTTP requests without letting a flood of them flood the log. */
export interface RejectionLog {
  record(
    reason: string,
    remote: string,
    details: Record<string, unknown>,
  ): void;
}

/**
 * Creates a rejection log that writes the first rejection per reason and
 * remote address at warn level, then at most one line per minute carrying
 * the number of rejections suppressed since the last line.
 */
export function createRejectionLog(
  logger: Logger,
  now: () => number,
): RejectionLog {
  const seen = new Map<string, { loggedMs: number; suppressed: number }>();
  return {
    record(reason, remote, details) {
      const key = `${reason} ${remote}`;
      const entry = seen.get(key);
      const nowMs = now();
      if (entry !== undefined && nowMs - entry.loggedMs < windowMs) {
        entry.suppressed += 1;
        return;
      }
      if (seen.size >= maxTracked) seen.clear();
      seen.set(key, { loggedMs: nowMs, suppressed: 0 });
      logger.warn(
        { reason, remote, suppressed: entry?.suppressed ?? 0, ...details },
        'rejected MCP HTTP request',
      );
    },
  };
}
