/** Where the adapter writes what it notices. Never given the access key or the signing key. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const noop = () => {};

/** The default: warnings and errors to the console, nothing else. */
export const consoleLogger: Logger = {
  debug: noop,
  info: noop,
  warn: (message, data) => console.warn(`[messagebird-whatsapp] ${message}`, data ?? ''),
  error: (message, data) => console.error(`[messagebird-whatsapp] ${message}`, data ?? ''),
};

/** A logger that writes nothing. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * What a log entry says about a thrown value: `error` (its message), `name`, `code` when it has
 * one, and `stack`, so the failing line can be found. The adapter's errors never carry a key.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.message,
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack,
  };
}
