import {
  BIRD_SIGNATURE_HEADER,
  BIRD_TIMESTAMP_HEADER,
  signBirdWebhook,
} from '../bird/signature.js';
import { SIGNATURE_JWT_HEADER, signSignatureJwt } from '../messagebird/signature-jwt.js';
import type { EventBus } from './events.js';
import type { Faults } from './faults.js';
import { newId } from './ids.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';

/** One webhook call to make: where, what, and for which conversation (its ordering key). */
export interface DeliveryJob {
  webhookId: string;
  url: string;
  event: string;
  conversationId: string;
  messageId?: string;
  body: string;
  /**
   * A delivery to a Bird webhook subscription: signed as Bird signs (`messagebird-signature` over
   * the timestamp, the URL and the body's SHA-256, `messagebird-request-timestamp`) when the
   * subscription has a signing key, unsigned without one; every attempt carries the first one's
   * timestamp, as Bird's retries do.
   */
  bird?: { signingKey?: string };
}

/** One attempt in the delivery log (`GET /_sim/webhooks/deliveries`). */
export interface DeliveryLogEntry {
  id: string;
  webhookId: string;
  url: string;
  event: string;
  conversationId: string;
  messageId?: string;
  /** 1 for the first try; 0 for a delivery dropped by a fault. */
  attempt: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the attempt failed without a status: a network error, a timeout, a dropped delivery. */
  error?: string;
  /** True when the receiver answered 2xx. */
  ok: boolean;
  /** True on the second copy of a duplicated delivery. */
  duplicate?: boolean;
  durationMs: number;
  /** Real time of the attempt, RFC 3339. */
  at: string;
}

/** The most entries the log keeps; older ones are forgotten. */
export const DELIVERY_LOG_LIMIT = 2000;

interface Sleep {
  timer: ReturnType<typeof setTimeout>;
  resolve: () => void;
}

/**
 * Delivers webhook calls: each signed with `MessageBird-Signature-JWT` over the exact URL and body
 * with the real clock (a new token per attempt), or for a Bird subscription as Bird signs (the
 * real time of the first attempt, kept by every retry), retried with exponential backoff on a
 * non-2xx answer, a network error or a timeout, up to a bounded number of attempts.
 *
 * Ordering (our choice; MessageBird publishes none): calls for one webhook and one conversation go
 * out one at a time, in the order the events happened; a failing call holds back the later ones of
 * that conversation until it succeeds or gives up. Other conversations are not held back.
 */
export class WebhookDelivery {
  readonly #chains = new Map<string, Promise<void>>();
  readonly #sleeps = new Set<Sleep>();
  /** The signals of the attempts in flight, aborted by `close`. */
  readonly #inFlight = new Set<AbortController>();
  #log: DeliveryLogEntry[] = [];
  #closed = false;

  /** Creates the deliverer. */
  constructor(
    private readonly options: Pick<
      ResolvedOptions,
      'signingKey' | 'fetch' | 'closeFetch' | 'webhookRetry' | 'realNow'
    > & { logger: Logger },
    private readonly faults: Faults,
    private readonly events: EventBus,
  ) {}

  /** Queues a call behind the earlier ones of its webhook and conversation. */
  enqueue(job: DeliveryJob): void {
    if (this.#closed) return;
    const key = `${job.webhookId}|${job.conversationId}`;
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(job)).catch(() => {});
    this.#chains.set(key, next);
    void next.then(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  /** Resolves once every queued call has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all([...this.#chains.values()]);
  }

  /** The attempts so far, oldest first, optionally filtered. */
  deliveries(filter: { webhookId?: string; event?: string; messageId?: string } = {}) {
    return this.#log.filter(
      (e) =>
        (!filter.webhookId || e.webhookId === filter.webhookId) &&
        (!filter.event || e.event === filter.event) &&
        (!filter.messageId || e.messageId === filter.messageId),
    );
  }

  /** Forgets the log. */
  clearLog(): void {
    this.#log = [];
  }

  /** Stops retrying, aborts calls in flight and waits for the queues to settle. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
    for (const sleep of this.#sleeps) {
      clearTimeout(sleep.timer);
      sleep.resolve();
    }
    this.#sleeps.clear();
    await this.idle();
    this.options.closeFetch();
  }

  async #deliver(job: DeliveryJob): Promise<void> {
    if (this.#closed) return;
    if (this.faults.dropWebhook()) {
      this.#record(job, { attempt: 0, ok: false, error: 'dropped by fault injection' }, 0);
      return;
    }
    const duplicate = this.faults.duplicateWebhook();
    // Bird's timestamp: the real second of the first attempt, kept by retries and the duplicate.
    const firstAt = Math.floor(this.options.realNow() / 1000);
    await this.#attempts(job, false, firstAt);
    if (duplicate) await this.#attempts(job, true, firstAt);
  }

  async #attempts(job: DeliveryJob, duplicate: boolean, firstAt: number): Promise<void> {
    const { attempts, baseDelayMs, maxDelayMs } = this.options.webhookRetry;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.#closed) return;
      if (await this.#attempt(job, attempt, duplicate, firstAt)) return;
      if (attempt < attempts) {
        await this.#sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      }
    }
    if (!this.#closed) {
      this.options.logger.warn(
        `webhook ${job.webhookId}: gave up on ${job.event} to ${job.url} after ${attempts} attempts`,
      );
    }
  }

  /** The headers of one attempt: a fresh JWT, or Bird's signature at the first timestamp. */
  async #headers(job: DeliveryJob, firstAt: number): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (job.bird) {
      const signingKey = job.bird.signingKey;
      if (signingKey) {
        const timestamp = String(firstAt);
        headers[BIRD_SIGNATURE_HEADER] = signBirdWebhook({
          signingKey,
          url: job.url,
          body: job.body,
          timestamp,
        });
        headers[BIRD_TIMESTAMP_HEADER] = timestamp;
      }
      return headers;
    }
    headers[SIGNATURE_JWT_HEADER] = await signSignatureJwt({
      url: job.url,
      body: job.body,
      signingKey: this.options.signingKey,
    });
    return headers;
  }

  async #attempt(
    job: DeliveryJob,
    attempt: number,
    duplicate: boolean,
    firstAt: number,
  ): Promise<boolean> {
    const started = performance.now();
    const outcome: Pick<DeliveryLogEntry, 'attempt' | 'ok' | 'status' | 'error' | 'duplicate'> = {
      attempt,
      ok: false,
      ...(duplicate ? { duplicate } : {}),
    };
    // One controller and one timer an attempt, aborted by the timeout or by `close`: what
    // AbortSignal.any of the two would do, without its weak references and a second signal. The
    // signal itself is made when the fetch asks for it (an in-process fetch may never).
    const { timeoutMs } = this.options.webhookRetry;
    const controller = new AbortController();
    this.#inFlight.add(controller);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const headers = await this.#headers(job, firstAt);
      // Closed while signing: the fetch would reject at once with its aborted signal.
      if (this.#closed) throw new DOMException('This operation was aborted', 'AbortError');
      timer = setTimeout(() => {
        controller.abort(
          new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
        );
      }, timeoutMs);
      timer.unref?.();
      const response = await this.options.fetch(job.url, {
        method: 'POST',
        headers,
        body: job.body,
        get signal() {
          return controller.signal;
        },
      });
      // Drained, so a kept-alive socket is reused; a Response without a body has nothing to drain.
      if (response.body !== null) await response.arrayBuffer().catch(() => undefined);
      outcome.status = response.status;
      outcome.ok = response.status >= 200 && response.status < 300;
    } catch (error) {
      outcome.error = describe(error, timeoutMs);
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
    if (!this.#closed) this.#record(job, outcome, performance.now() - started);
    return outcome.ok;
  }

  #record(
    job: DeliveryJob,
    outcome: Pick<DeliveryLogEntry, 'attempt' | 'ok' | 'status' | 'error' | 'duplicate'>,
    durationMs: number,
  ): void {
    const entry: DeliveryLogEntry = {
      id: newId(),
      webhookId: job.webhookId,
      url: job.url,
      event: job.event,
      conversationId: job.conversationId,
      ...(job.messageId ? { messageId: job.messageId } : {}),
      ...outcome,
      durationMs: Math.round(durationMs),
      at: new Date(this.options.realNow()).toISOString(),
    };
    this.#log.push(entry);
    if (this.#log.length > DELIVERY_LOG_LIMIT) this.#log.shift();
    this.events.emit('delivery', entry);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleep: Sleep = {
        timer: setTimeout(() => {
          this.#sleeps.delete(sleep);
          resolve();
        }, ms),
        resolve,
      };
      this.#sleeps.add(sleep);
    });
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
    if (error.name === 'AbortError') return 'aborted';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return detail ? `${error.message} (${detail})` : error.message;
  }
  return String(error);
}
