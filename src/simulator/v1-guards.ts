import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SIM_ERROR_CODES } from './errors.js';
import type { Faults } from './faults.js';
import { envelope } from './http.js';
import { type RateLimitConfig, TokenBucket } from './rate-limit.js';

/** Holds the current rate limit, if any, set by `PUT /_sim/rate-limit`. */
export class RateLimiter {
  #bucket: TokenBucket | undefined;

  /** Creates a limiter over a real-time source. */
  constructor(private readonly realNow: () => number) {}

  /** The limit in force, or undefined. */
  get config(): RateLimitConfig | undefined {
    return this.#bucket?.config;
  }

  /** Sets a limit, starting with a full bucket; undefined removes it. */
  set(config: RateLimitConfig | undefined): void {
    this.#bucket = config ? new TokenBucket(config, this.realNow()) : undefined;
  }

  /** Takes a token; answers how long to wait when there is none. */
  take() {
    return this.#bucket?.take(this.realNow()) ?? ({ ok: true } as const);
  }
}

/**
 * How a guard answers a refusal in another API's error shape (the Bird face's); MessageBird's
 * envelope without one. `kind` says which refusal it is.
 */
export type GuardAnswer = (
  c: Context,
  status: ContentfulStatusCode,
  kind: 'unauthorized' | 'rate-limited' | 'injected',
  message: string,
) => Response;

const keyMatches = (given: string, expected: string): boolean => {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `Authorization: AccessKey <key>`; missing or wrong answers MessageBird's 401 with code 2. The
 * key is never echoed.
 */
export function accessKeyAuth(accessKey: string, answer?: GuardAnswer): MiddlewareHandler {
  return async (c, next) => {
    const match = /^AccessKey\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !keyMatches(match[1], accessKey)) {
      if (answer) {
        return answer(
          c,
          401,
          'unauthorized',
          'Request not allowed: send the header Authorization: AccessKey <your access key>, with a key the workspace knows',
        );
      }
      return envelope(
        c,
        401,
        SIM_ERROR_CODES.notAllowed,
        'Request not allowed (incorrect access_key)',
        'access_key',
      );
    }
    await next();
  };
}

/** Past the limit, 429 with `Retry-After` in whole seconds (≥ 1) and the error envelope. */
export function rateLimit(limiter: RateLimiter, answer?: GuardAnswer): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.take();
    if (!decision.ok) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      if (answer) {
        return answer(
          c,
          429,
          'rate-limited',
          `Too many requests: not processed, retry after ${decision.retryAfterSeconds} s`,
        );
      }
      return envelope(
        c,
        429,
        SIM_ERROR_CODES.tooManyRequests,
        `Too many requests: retry after ${decision.retryAfterSeconds} s`,
      );
    }
    await next();
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Injected faults on /v1 calls (and the Bird face's, answered in its shape): latency first, then a dropped connection (the socket is destroyed
 * on a real server, so the client sees a network error; in-process the answer is a network-error
 * Response, status 0), then an injected status with the error envelope (429 carries
 * `Retry-After: 1`); last, a lost answer: the call is handled, then the socket is destroyed.
 */
export function injectFaults(faults: Faults, answer?: GuardAnswer): MiddlewareHandler {
  return async (c, next) => {
    const latency = faults.latency();
    if (latency > 0) await sleep(latency);
    const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      ?.socket;
    if (faults.dropConnection()) {
      if (!socket) return Response.error();
      socket.destroy();
      return c.body(null, 500);
    }
    const status = faults.status();
    if (status !== undefined) {
      if (status === 429) {
        c.header('Retry-After', '1');
        if (answer) return answer(c, 429, 'injected', 'Too many requests (injected)');
        return envelope(c, 429, SIM_ERROR_CODES.tooManyRequests, 'Too many requests (injected)');
      }
      if (answer) {
        return answer(
          c,
          status as ContentfulStatusCode,
          'injected',
          `Injected fault: HTTP ${status}`,
        );
      }
      const code = status >= 500 ? SIM_ERROR_CODES.internalError : SIM_ERROR_CODES.badRequest;
      return envelope(c, status as ContentfulStatusCode, code, `Injected fault: HTTP ${status}`);
    }
    const loseAnswer = faults.dropResponse();
    await next();
    if (loseAnswer) {
      if (!socket) {
        c.res = Response.error();
        return;
      }
      socket.destroy();
    }
  };
}
