import type { Logger } from '../../config/index.js';

/**
 * Wraps the process logger for the operator commands (approvals, actions,
 * audit, policy) so that their printed output is not mixed with JSON lines.
 * Info lines of the libraries they call, such as the store's migration or
 * the client's version negotiation, are logged at debug. Warnings and errors
 * pass unchanged, and `--log-level debug` still shows everything.
 */
export function createOperatorLogger(logger: Logger): Logger {
  return {
    trace: (object, message) => logger.trace(object, message),
    debug: (object, message) => logger.debug(object, message),
    info: (object, message) => logger.debug(object, message),
    warn: (object, message) => logger.warn(object, message),
    error: (object, message) => logger.error(object, message),
    child: (bindings) => createOperatorLogger(logger.child(bindings)),
  };
}
