import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler, Next } from 'hono';
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

const keyMatches = (given: string, expected: Buffer): boolean => {
  const a = Buffer.from(given, 'utf8');
  return a.length === expected.length && timingSafeEqual(a, expected);
};

const ACCESS_KEY_HEADER = /^AccessKey\s+(\S+)\s*$/i;

/** The 401 when `Authorization: AccessKey <key>` is missing or wrong, else undefined. */
function refuseAccess(c: Context, expected: Buffer, answer?: GuardAnswer): Response | undefined {
  const match = ACCESS_KEY_HEADER.exec(c.req.header('authorization') ?? '');
  if (match?.[1] && keyMatches(match[1], expected)) return undefined;
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

/** The 429 with `Retry-After` when the limit set by `PUT /_sim/rate-limit` is spent, else undefined. */
function refuseOverLimit(
  c: Context,
  limiter: RateLimiter,
  answer?: GuardAnswer,
): Response | undefined {
  const decision = limiter.take();
  if (decision.ok) return undefined;
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

/**
 * `Authorization: AccessKey <key>`; missing or wrong answers MessageBird's 401 with code 2. The
 * key is never echoed.
 */
export function accessKeyAuth(accessKey: string, answer?: GuardAnswer): MiddlewareHandler {
  const expected = Buffer.from(accessKey, 'utf8');
  return async (c, next) => {
    const refusal = refuseAccess(c, expected, answer);
    if (refusal) return refusal;
    await next();
  };
}

/** Past the limit, 429 with `Retry-After` in whole seconds (≥ 1) and the error envelope. */
export function rateLimit(limiter: RateLimiter, answer?: GuardAnswer): MiddlewareHandler {
  return async (c, next) => {
    const refusal = refuseOverLimit(c, limiter, answer);
    if (refusal) return refusal;
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
  return guards({ faults, ...(answer ? { answer } : {}) });
}

/** What `guards` checks; each part left out is not checked. */
export interface GuardParts {
  faults: Faults;
  /** The access key `Authorization: AccessKey <key>` must give. */
  accessKey?: string;
  /** The limit set by `PUT /_sim/rate-limit`. */
  limiter?: RateLimiter;
  /** A last check (Bird's own limits): a refusal, or undefined to let the call through. */
  more?: (c: Context) => Response | undefined;
  /** Refusals in another API's error shape; MessageBird's envelope without one. */
  answer?: GuardAnswer;
}

/**
 * Every guard of an API's calls as one middleware, in the order `injectFaults`, `accessKeyAuth`,
 * `rateLimit` and `more` would run one after another, with the same answers, headers and draws of
 * the random faults: one step of Hono's middleware chain instead of four on every call.
 */
export function guards(parts: GuardParts): MiddlewareHandler {
  const { faults, limiter, more, answer } = parts;
  const expected = parts.accessKey === undefined ? undefined : Buffer.from(parts.accessKey, 'utf8');
  const refuse = (c: Context): Response | undefined =>
    (expected && refuseAccess(c, expected, answer)) ||
    (limiter && refuseOverLimit(c, limiter, answer)) ||
    more?.(c);
  /** The guards after the latency: not an async function, so a call let through is `next()`'s. */
  const guard = (c: Context, next: Next): Promise<Response | undefined> => {
    // Without API faults configured nothing is drawn (each draw below draws nothing either).
    if (faults.quiet) {
      const refusal = refuse(c);
      return refusal ? Promise.resolve(refusal) : (next() as Promise<undefined>);
    }
    const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming
      ?.socket;
    if (faults.dropConnection()) {
      if (!socket) return Promise.resolve(Response.error());
      socket.destroy();
      return Promise.resolve(c.body(null, 500));
    }
    const status = faults.status();
    if (status !== undefined) return Promise.resolve(injected(c, status, answer));
    const loseAnswer = faults.dropResponse();
    const refusal = refuse(c);
    if (!loseAnswer) return refusal ? Promise.resolve(refusal) : (next() as Promise<undefined>);
    return (async () => {
      if (!refusal) await next();
      // A refusal becomes the answer as the middleware chain would make it, before it is lost.
      else c.res = refusal;
      if (!socket) {
        c.res = Response.error();
        return undefined;
      }
      socket.destroy();
      return undefined;
    })();
  };
  const middleware: MiddlewareHandler = (c, next) => {
    const latency = faults.latency();
    if (latency > 0) return sleep(latency).then(() => guard(c, next));
    return guard(c, next);
  };
  FOLDABLE.set(
    middleware,
    (handler, onError) => (c, next) =>
      middleware(c, () => {
        // Without faults the guard hands on what the handler answers (or its failure, which Hono
        // answers with the app's error handler, as the chain's dispatch would).
        if (faults.quiet) return handler(c, next) as Promise<void>;
        return settled(c, handler, next, onError);
      }),
  );
  return middleware;
}

/** The app's error handler, as Hono's chain calls it. */
export type OnError = (error: Error, c: Context) => Response | Promise<Response>;
type RouteHandler = (c: Context, next: Next) => unknown;

/** `guards()` middlewares, each with how it runs one route's handler as one handler. */
const FOLDABLE = new WeakMap<
  MiddlewareHandler,
  (handler: RouteHandler, onError: OnError) => RouteHandler
>();

/**
 * A `guards()` middleware and the handler of the route it stands before, as one handler: a route
 * Hono matches to a single handler is answered without its middleware chain (compose, two async
 * dispatches a call). The same checks, draws, answers and error answers; undefined when
 * `middleware` is not one of `guards()`.
 */
export function foldGuards(
  middleware: unknown,
  handler: RouteHandler,
  onError: OnError,
): RouteHandler | undefined {
  return FOLDABLE.get(middleware as MiddlewareHandler)?.(handler, onError);
}

/**
 * The handler run as Hono's chain runs it behind a middleware: its answer set as `c.res`, a
 * failure answered by the app's error handler there (so a guard that awaits it, to lose the answer,
 * sees the answer made).
 */
async function settled(
  c: Context,
  handler: RouteHandler,
  next: Next,
  onError: OnError,
): Promise<void> {
  let res: unknown;
  let isError = false;
  try {
    res = await handler(c, next);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    c.error = error;
    res = await onError(error, c);
    isError = true;
  }
  if (res && (c.finalized === false || isError)) c.res = res as Response;
}

/** An injected status, with the error envelope (or the other API's body); 429 with `Retry-After: 1`. */
function injected(c: Context, status: number, answer: GuardAnswer | undefined): Response {
  if (status === 429) {
    c.header('Retry-After', '1');
    if (answer) return answer(c, 429, 'injected', 'Too many requests (injected)');
    return envelope(c, 429, SIM_ERROR_CODES.tooManyRequests, 'Too many requests (injected)');
  }
  if (answer) {
    return answer(c, status as ContentfulStatusCode, 'injected', `Injected fault: HTTP ${status}`);
  }
  const code = status >= 500 ? SIM_ERROR_CODES.internalError : SIM_ERROR_CODES.badRequest;
  return envelope(c, status as ContentfulStatusCode, code, `Injected fault: HTTP ${status}`);
}
