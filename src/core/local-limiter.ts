import { MessageBirdAdapterError } from './errors.js';

/** What the API client needs of a limiter; Bottleneck (clustered through Redis) has it too. */
export interface Limiter {
  /** Runs `job` when the rate and the concurrency allow. */
  schedule<T>(job: () => Promise<T>): Promise<T>;
}

/**
 * The spacing between requests for a rate, 0.5% above `1000 / perSecond`, so that a few
 * milliseconds of network jitter cannot put one request more than the limit into a sliding second
 * where MessageBird counts them. Costs 0.5% of throughput.
 */
export function minTimeFor(perSecond: number): number {
  return (1000 / perSecond) * 1.005;
}

/** The most start times the sliding-second gate remembers; above it the window shrinks instead. */
const GATE_SIZE = 1000;

/**
 * The in-memory limiter of one channel: at most `maxConcurrent` requests at once, their starts
 * spaced `minTimeFor(perSecond)` apart, and never more than `perSecond` starts in any sliding
 * (0.5% padded) second. Spacing alone is by plan, like Bottleneck's: a timer that fires late lets
 * the next request follow closely, and a sliding second could hold one or two too many; the gate
 * keeps the last start times and holds a request until the oldest is a second old. Bottleneck does the same with its in-memory store, but its store hops
 * through the event loop on every step: it halved the adapter's throughput in bench/adapter-turns
 * (0.19 of a bare handler with it, 0.5 without). Bottleneck stays for the Redis-clustered limiter.
 *
 * @example
 * const limiter = new LocalLimiter({ maxConcurrent: 10, perSecond: 20 });
 * await limiter.schedule(() => fetch(url));
 */
export class LocalLimiter implements Limiter {
  readonly #maxConcurrent: number;
  readonly #minTime: number;
  readonly #waiting: { resolve(): void; reject(error: Error): void }[] = [];
  /** Start times of the last requests (a ring), and where the oldest is. */
  readonly #starts: number[];
  #oldest = 0;
  readonly #window: number;
  #active = 0;
  #nextStart = 0;
  #stopped = false;

  constructor(options: { maxConcurrent: number; perSecond: number }) {
    this.#maxConcurrent = options.maxConcurrent;
    this.#minTime = minTimeFor(options.perSecond);
    const count = Math.min(Math.floor(options.perSecond), GATE_SIZE);
    this.#starts = count >= 1 ? new Array(count).fill(Number.NEGATIVE_INFINITY) : [];
    this.#window = count >= 1 ? ((1000 * count) / options.perSecond) * 1.005 : 0;
  }

  async schedule<T>(job: () => Promise<T>): Promise<T> {
    if (this.#stopped) throw stoppedError();
    if (this.#active >= this.#maxConcurrent) {
      await new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
    }
    this.#active++;
    try {
      const now = performance.now();
      const start = Math.max(now, this.#nextStart);
      this.#nextStart = start + this.#minTime;
      if (start > now) await wait(start - now);
      let slot = this.#gate();
      if (typeof slot !== 'number') slot = await slot;
      if (this.#stopped) throw stoppedError();
      // The slot holds when the job really starts: a pause (a garbage collection) between the
      // gate and here must not let the request a second later go out early.
      if (slot >= 0) this.#starts[slot] = performance.now();
      return await job();
    } finally {
      this.#active--;
      this.#waiting.shift()?.resolve();
    }
  }

  /**
   * Takes a start slot if fewer than the rate's worth of requests started in the last (padded)
   * second and answers its index (-1 when there is no gate); otherwise answers a promise of one.
   * No wait, no promise: an admitted job starts in the same tick.
   */
  #gate(): number | Promise<number> {
    const starts = this.#starts;
    if (starts.length === 0) return -1;
    const remaining = (starts[this.#oldest] as number) + this.#window - performance.now();
    if (remaining > 0) return wait(Math.ceil(remaining)).then(() => this.#gate());
    const slot = this.#oldest;
    starts[slot] = performance.now();
    this.#oldest = (slot + 1) % starts.length;
    return slot;
  }

  /** Refuses new jobs and fails the waiting ones; jobs already running finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const waiting of this.#waiting.splice(0)) waiting.reject(stoppedError());
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function stoppedError(): MessageBirdAdapterError {
  return new MessageBirdAdapterError(
    'ADAPTER_CLOSED',
    'the adapter was closed: nothing more is sent (create a new adapter to send again)',
  );
}
