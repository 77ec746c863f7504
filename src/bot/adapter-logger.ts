import type { Logger } from '../adapter/index.js';

/**
 * The adapter's warnings and errors as sample log lines (`[adapter] …`). The adapter never hands
 * its logger a key, so the lines are safe to print.
 */
export function adapterLogger(log: (line: string) => void): Logger {
  const line = (level: string) => (message: string, data?: Record<string, unknown>) =>
    log(
      `[adapter] ${level}${message}${data && Object.keys(data).length ? ` ${JSON.stringify(data)}` : ''}`,
    );
  return { debug: () => {}, info: () => {}, warn: line('warning: '), error: line('error: ') };
}
