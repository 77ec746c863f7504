import { setMaxListeners } from 'node:events';

/** The longest a shared signal stays open to new requests, in ms. */
const MAX_GRANULARITY_MS = 100;

/**
 * The most requests that share one signal: each request adds an abort listener, adding one walks
 * the listeners already there, and from 10 on fetch raises the signal's listener limit each time.
 */
const MAX_SHARED = 10;

/**
 * Timeout signals for requests, shared by up to 10 requests that start within the same short
 * slice of time: one AbortController and one timer per slice instead of `AbortSignal.timeout` per
 * request (a signal, a timer and weak references each). A request is aborted no sooner than
 * `timeoutMs` after it started and at most a slice (a tenth of the timeout, at most 100 ms) later;
 * its error is a `TimeoutError`, as from `AbortSignal.timeout`.
 *
 * @example
 * const timeouts = new TimeoutSignals(15_000);
 * await fetch(url, { signal: timeouts.next() });
 */
export class TimeoutSignals {
  readonly #timeoutMs: number;
  readonly #granularityMs: number;
  #signal: AbortSignal | undefined;
  /** Until when (performance.now()) the current signal takes new requests. */
  #openUntil = Number.NEGATIVE_INFINITY;
  /** Requests given the current signal. */
  #taken = 0;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#granularityMs = Math.min(MAX_GRANULARITY_MS, timeoutMs / 10);
  }

  /** The signal for a request starting now. */
  next(): AbortSignal {
    const now = performance.now();
    if (this.#signal && now < this.#openUntil && ++this.#taken < MAX_SHARED) return this.#signal;
    this.#taken = 0;
    const controller = new AbortController();
    // Every request sharing it listens to it: not a leak. A finite limit, since getMaxListeners
    // (which fetch calls on it) throws on a signal whose limit is 0 in Node 20.
    setMaxListeners(MAX_SHARED * 2, controller.signal);
    const timer = setTimeout(() => {
      controller.abort(new DOMException(`no answer within ${this.#timeoutMs} ms`, 'TimeoutError'));
    }, this.#timeoutMs + this.#granularityMs);
    timer.unref();
    this.#signal = controller.signal;
    this.#openUntil = now + this.#granularityMs;
    return controller.signal;
  }
}
