import { MessageBirdAdapterError } from './errors.js';

/** What the API client needs of a limiter; Bottleneck (clustered through Redis) has it too. */
export interface Limiter {
  /** Runs `job` when the rate and the concurrency allow. */
  schedule<T>(job: () => Promise<T>): Promise<T>;
}

/**
 * The in-memory limiter of one channel: at most `maxConcurrent` requests at once, their starts
 * spaced `minTime` apart. Bottleneck does the same with its in-memory store, but its store hops
 * through the event loop on every step: it halved the adapter's throughput in bench/adapter-turns
 * (0.19 of a bare handler with it, 0.5 without). Bottleneck stays for the Redis-clustered limiter.
 *
 * @example
 * const limiter = new LocalLimiter({ maxConcurrent: 10, minTime: 50 }); // 20 requests/s
 * await limiter.schedule(() => fetch(url));
 */
export class LocalLimiter implements Limiter {
  readonly #maxConcurrent: number;
  readonly #minTime: number;
  readonly #waiting: { resolve(): void; reject(error: Error): void }[] = [];
  #active = 0;
  #nextStart = 0;
  #stopped = false;

  constructor(options: { maxConcurrent: number; minTime: number }) {
    this.#maxConcurrent = options.maxConcurrent;
    this.#minTime = options.minTime;
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
      if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
      if (this.#stopped) throw stoppedError();
      return await job();
    } finally {
      this.#active--;
      this.#waiting.shift()?.resolve();
    }
  }

  /** Refuses new jobs and fails the waiting ones; jobs already running finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const waiting of this.#waiting.splice(0)) waiting.reject(stoppedError());
  }
}

function stoppedError(): MessageBirdAdapterError {
  return new MessageBirdAdapterError(
    'ADAPTER_CLOSED',
    'the adapter was closed: nothing more is sent (create a new adapter to send again)',
  );
}
