/**
 * Where the simulator writes its logs: one line each, but an error's stack follows its line. It is
 * never given an access or signing key, and request headers are never logged.
 */
export interface Logger {
  /** Normal operation: one line per request in the CLI. */
  info(message: string): void;
  /** Something a developer should look at: a webhook that gave up, a failed save. */
  warn(message: string): void;
  /**
   * Something broke inside the simulator: an unexpected error answered 500, a throwing event
   * listener. Optional, so loggers written before it still fit; without it these go to `warn`.
   */
  error?(message: string): void;
}

/** A logger that prints nothing (the default, so tests stay quiet). */
export const quietLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger that prints to the console, as the CLI uses. */
export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/**
 * Logs `message` and the error's stack (or its text) through `error`, else `warn`. A logger that
 * throws is ignored, so reporting a failure never turns an answer into a crash.
 */
export function logError(logger: Logger, message: string, error: unknown): void {
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  try {
    (logger.error ?? logger.warn).call(logger, `${message}\n${detail}`);
  } catch {
    // Nowhere left to report it.
  }
}
