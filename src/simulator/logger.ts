/** Where the simulator writes its one-line logs. It is never given an access or signing key. */
export interface Logger {
  /** Normal operation: one line per request in the CLI. */
  info(message: string): void;
  /** Something a developer should look at: a webhook that gave up, a failed save. */
  warn(message: string): void;
}

/** A logger that prints nothing (the default, so tests stay quiet). */
export const quietLogger: Logger = { info() {}, warn() {} };

/** A logger that prints to the console, as the CLI uses. */
export const consoleLogger: Logger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
};
