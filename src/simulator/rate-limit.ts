import * as v from 'valibot';

/** `PUT /_sim/rate-limit`: `{perSecond, burst}`, tokens refilled per real second and bucket size. */
export const RateLimitConfig = v.strictObject({
  perSecond: v.pipe(v.number(), v.minValue(0.001, 'perSecond must be above 0')),
  burst: v.pipe(v.number(), v.integer(), v.minValue(1, 'burst is a whole number ≥ 1')),
});

/** A rate limit. */
export type RateLimitConfig = v.InferOutput<typeof RateLimitConfig>;

/** Whether a call may go ahead, or how many whole seconds to wait (`Retry-After`, ≥ 1). */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A token bucket on real time: starts full, refills `perSecond`, holds at most `burst`. */
export class TokenBucket {
  #tokens: number;
  #at: number;

  /** Creates a full bucket. */
  constructor(
    readonly config: RateLimitConfig,
    now: number,
  ) {
    this.#tokens = config.burst;
    this.#at = now;
  }

  /** Takes one token at real time `now` (epoch milliseconds) if there is one. */
  take(now: number): RateDecision {
    const elapsed = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.config.burst, this.#tokens + elapsed * this.config.perSecond);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { ok: true };
    }
    const wait = (1 - this.#tokens) / this.config.perSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}
