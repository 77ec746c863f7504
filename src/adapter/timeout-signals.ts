import { setMaxListeners } from 'node:events';

/** The longest a shared signal stays open to new requests, in ms. */
const MAX_GRANULARITY_MS = 100;

/**
 * Timeout signals for requests, shared by the requests that start within the same short slice of
 * time: one AbortController and one timer per slice instead of `AbortSignal.timeout` per request
 * (a signal, a timer and weak references each, about a twelfth of an adapter turn in
 * bench/adapter-turns). A request is aborted no sooner than `timeoutMs` after it started and at most
 * a slice (a tenth of the timeout, at most 100 ms) later; its error is a `TimeoutError`, as from
 * `AbortSignal.timeout`.
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

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#granularityMs = Math.min(MAX_GRANULARITY_MS, timeoutMs / 10);
  }

  /** The signal for a request starting now. */
  next(): AbortSignal {
    const now = performance.now();
    if (this.#signal && now < this.#openUntil) return this.#signal;
    const controller = new AbortController();
    // Every request of the slice listens to it: as many as the rate allows, not a leak.
    setMaxListeners(0, controller.signal);
    const timer = setTimeout(() => {
      controller.abort(new DOMException(`no answer within ${this.#timeoutMs} ms`, 'TimeoutError'));
    }, this.#timeoutMs + this.#granularityMs);
    timer.unref();
    this.#signal = controller.signal;
    this.#openUntil = now + this.#granularityMs;
    return controller.signal;
  }
}
