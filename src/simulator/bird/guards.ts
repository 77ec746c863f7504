import type { Context, MiddlewareHandler } from 'hono';
import { BIRD_ERROR_CODES } from '../../bird/errors.js';
import type { ResolvedOptions } from '../options.js';
import { TokenBucket } from '../rate-limit.js';
import type { GuardAnswer } from '../v1-guards.js';
import { birdError } from './errors.js';

/**
 * The guards' refusals in Bird's error body: 401 `Unauthorized`, 429 `TooManyRequests` (with
 * `Retry-After`; Bird documents the limit, not the body: a reading), injected faults by status.
 */
export const birdGuardAnswer: GuardAnswer = (c, status, kind, message) => {
  const code =
    kind === 'unauthorized'
      ? BIRD_ERROR_CODES.unauthorized
      : status === 429
        ? BIRD_ERROR_CODES.tooManyRequests
        : status >= 500
          ? BIRD_ERROR_CODES.internal
          : status === 404
            ? BIRD_ERROR_CODES.notFound
            : BIRD_ERROR_CODES.invalidPayload;
  return birdError(c, status, code, message);
};

/**
 * Bird's documented rate limits of the Channels API (docs.bird.com channels-api/rate-limit): per
 * workspace, 50 GET and 500 POST requests a second; above them 429 "not processed, retry later".
 * Token buckets on real time, each holding one second's worth; other methods are not limited.
 */
export function birdRateLimit(
  options: Pick<ResolvedOptions, 'bird' | 'realNow'>,
): MiddlewareHandler {
  const refuse = birdRateLimitCheck(options);
  return async (c, next) => refuse(c) ?? next();
}

/** Bird's rate limits as a check (see `birdRateLimit`): the 429, or undefined within them. */
export function birdRateLimitCheck(
  options: Pick<ResolvedOptions, 'bird' | 'realNow'>,
): (c: Context) => Response | undefined {
  const limits = options.bird.rateLimits;
  if (limits === false) return () => undefined;
  const buckets = new Map<string, TokenBucket>();
  return (c) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const perSecond = method === 'GET' ? limits.get : method === 'POST' ? limits.post : undefined;
    const workspace = /\/workspaces\/([^/]+)/.exec(c.req.path)?.[1]?.toLowerCase();
    // Only the workspace the simulator plays has buckets: any other answers 404 anyway.
    if (perSecond === undefined || workspace !== options.bird.workspaceId) return undefined;
    let bucket = buckets.get(method);
    if (!bucket) {
      bucket = new TokenBucket(
        { perSecond, burst: Math.max(1, Math.ceil(perSecond)) },
        options.realNow(),
      );
      buckets.set(method, bucket);
    }
    const decision = bucket.take(options.realNow());
    if (decision.ok) return undefined;
    c.header('Retry-After', String(decision.retryAfterSeconds));
    return birdGuardAnswer(
      c,
      429,
      'rate-limited',
      `Too many ${method} requests: Bird allows ${perSecond} a second per workspace; not processed, retry after ${decision.retryAfterSeconds} s`,
    );
  };
}
