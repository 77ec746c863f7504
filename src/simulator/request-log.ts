import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logger.js';

/** One line per request: method, path (no query, no headers, so never a key) and status. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    logger.info(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}
