import { setTimeout as sleep } from 'node:timers/promises';
import * as v from 'valibot';
import { type ApiErrorItem, ErrorEnvelope } from '../messagebird/errors.js';
import { isMessageBirdId } from '../messagebird/ids.js';
import { listOf } from '../messagebird/list.js';
import { Message } from '../messagebird/message.js';
import { type SendRequest, SendResponse } from '../messagebird/requests.js';
import {
  DeliveryUnknownError,
  MessageBirdAdapterError,
  MessageBirdApiError,
  RetriesExhaustedError,
  StoreUnavailableError,
} from './errors.js';
import { type Limiter, LocalLimiter } from './local-limiter.js';
import type { Logger } from './logger.js';
import { type ApiResponse, defaultTransport, type Transport } from './node-transport.js';
import { backoffDelay, failedBeforeSending, type RetryOptions, retryAfterMs } from './retry.js';
import { TimeoutSignals } from './timeout-signals.js';

/** What the API client needs. */
export interface ApiClientOptions {
  accessKey: string;
  /** Such as `https://conversations.messagebird.com/v1`. */
  apiBaseUrl: string;
  rateLimit: { perSecond: number; maxConcurrent: number };
  retry: RetryOptions;
  logger: Logger;
  /** The limiter to use instead of an in-memory one (the Redis-clustered one when scaled out). */
  limiter?: Limiter;
  /**
   * The fetch to call the API with; by default node:http(s) on Node (the global fetch where it was
   * replaced, or off Node).
   */
  fetch?: typeof fetch;
  /** For tests: the random source of the backoff jitter. */
  random?: () => number;
  /** How the API answers errors; MessageBird's Conversations API by default. */
  dialect?: ApiDialect;
}

/**
 * What differs between the APIs the client speaks, as far as the client sees it: the error body
 * and what to advise on one. The limiter, per-contact order, retries and the never-twice rule are
 * the same for both.
 */
export interface ApiDialect {
  /** The API's name in error messages, such as `the Conversations API`. */
  name: string;
  /** The base URL to suggest when an answer is not JSON, such as `https://api.bird.com`. */
  baseUrl: string;
  /** The errors of an error answer, from its body as text (`[{code: 0, description}]` when unreadable). */
  readErrors(text: string, response: ApiResponse): ApiErrorItem[];
  /** What to check after a refusal (a 401: the access key), or ''. */
  hintFor(status: number, errors: ApiErrorItem[]): string;
}

/** MessageBird's Conversations API: the `{errors: [{code, description, parameter}]}` envelope. */
export const CONVERSATIONS_DIALECT: ApiDialect = {
  name: 'the Conversations API',
  baseUrl: 'https://conversations.messagebird.com/v1',
  readErrors(text, response) {
    try {
      const parsed = v.safeParse(ErrorEnvelope, JSON.parse(text));
      if (parsed.success) return parsed.output.errors;
    } catch {
      // not JSON: fall through
    }
    return unreadableErrors(text, response);
  },
  hintFor,
};

/** The single error item of an answer whose body says nothing readable. */
export function unreadableErrors(text: string, response: ApiResponse): ApiErrorItem[] {
  return [{ code: 0, description: text.slice(0, 200) || response.statusText, parameter: null }];
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const Messages = listOf(Message);

/** The longest Retry-After honoured (a minute); a longer one is waited for this long, then retried. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** A request the client makes. */
export interface ApiRequest<T> {
  method: Method;
  /** Path below the base URL, such as `/send`. */
  path: string;
  body?: unknown;
  /** The schema of a successful answer. */
  schema?: v.GenericSchema<unknown, T>;
  /** Requests with the same key leave one after another, in the order they were made. */
  orderKey?: string;
  /** The trackId of a send, for error messages. */
  trackId?: string;
  /**
   * After a failure that leaves it unknown whether the request went through: finds its result
   * (it went through), or answers undefined (it did not, so it is safe to repeat).
   */
  reconcile?: () => Promise<T | undefined>;
}

/**
 * The API client of MessageBird's Conversations API, and (with Bird's `dialect`) of Bird's
 * Channels API: fetch with `AccessKey` auth, one limiter for the channel (in memory, or
 * Bottleneck clustered through Redis), requests of one contact in order (each waits for the one
 * before), retries with backoff and jitter for 429 (honouring Retry-After), 5xx and connection
 * failures before sending. A send whose connection broke after it was written is looked up (its
 * `reconcile`: by trackId, or Bird's `reference`) and repeated only when the API does not have it;
 * when it cannot be looked up it fails with DeliveryUnknownError. Either way no message goes out
 * twice.
 *
 * @example
 * const client = new MessageBirdClient({ accessKey, apiBaseUrl, rateLimit, retry, logger });
 * const { id } = await client.send({ to: '+31612345678', from: channelId, type: 'text', content: { text: 'Hi' } });
 */
export class MessageBirdClient {
  readonly #options: ApiClientOptions;
  readonly #limiter: Limiter;
  /** The limiter this client made (none when one was passed in): the one it stops. */
  readonly #ownLimiter: LocalLimiter | undefined;
  /** The tail of each contact's queue: the next request waits for it. */
  readonly #perContact = new Map<string, Promise<unknown>>();
  readonly #base: string;
  readonly #timeouts: TimeoutSignals;
  /** Request headers, made once: fetch copies them. */
  readonly #headers: { plain: Record<string, string>; json: Record<string, string> };
  readonly #dialect: ApiDialect;
  readonly #transport: Transport;

  constructor(options: ApiClientOptions) {
    this.#options = options;
    this.#transport = (options.fetch as Transport | undefined) ?? defaultTransport;
    this.#dialect = options.dialect ?? CONVERSATIONS_DIALECT;
    this.#base = options.apiBaseUrl.replace(/\/+$/, '');
    this.#ownLimiter = options.limiter ? undefined : new LocalLimiter(options.rateLimit);
    this.#limiter = options.limiter ?? (this.#ownLimiter as LocalLimiter);
    this.#timeouts = new TimeoutSignals(options.retry.timeoutMs);
    const plain = { Authorization: `AccessKey ${options.accessKey}`, Accept: 'application/json' };
    this.#headers = { plain, json: { ...plain, 'Content-Type': 'application/json' } };
  }

  /**
   * `POST /send`: one message; answers MessageBird's id. When the connection breaks after the
   * request was written and the conversation is known, the message is looked up by its `trackId`
   * among the conversation's latest messages: found, it counts as sent; absent, it is sent again.
   */
  send(body: SendRequest, trackId?: string, conversationId?: string): Promise<SendResponse> {
    return this.request({
      method: 'POST',
      path: '/send',
      body: trackId && body.trackId !== trackId ? { ...body, trackId } : body,
      schema: SendResponse,
      orderKey: body.to,
      trackId,
      reconcile:
        trackId && conversationId && isMessageBirdId(conversationId)
          ? () => this.#findSent(trackId, conversationId)
          : undefined,
    });
  }

  /** A conversation's latest messages (at most 20): `GET /conversations/{id}/messages`. */
  async latestMessages(conversationId: string): Promise<Message[]> {
    const page = await this.#withRetries({
      method: 'GET',
      path: `/conversations/${conversationId}/messages?limit=20`,
      schema: Messages,
    });
    return page.items;
  }

  /** Looks a send up by its trackId among its conversation's latest messages. */
  async #findSent(trackId: string, conversationId: string): Promise<SendResponse | undefined> {
    const found = (await this.latestMessages(conversationId)).find((m) => m.trackId === trackId);
    return found ? { id: found.id, status: found.status } : undefined;
  }

  /** Makes a request with the limiter, per-key order and retries. */
  request<T>(request: ApiRequest<T>): Promise<T> {
    if (request.orderKey === undefined) return this.#withRetries(request);
    const key = request.orderKey;
    const previous = this.#perContact.get(key);
    // Nothing of this contact's in flight: no need to wait a tick for it.
    const result = previous
      ? previous.then(() => this.#withRetries(request))
      : this.#withRetries(request);
    const forget = () => {
      if (this.#perContact.get(key) === tail) this.#perContact.delete(key);
    };
    const tail: Promise<void> = result.then(forget, forget);
    this.#perContact.set(key, tail);
    return result;
  }

  /** Stops the limiters; pending requests fail. A limiter passed in is left to its owner. */
  async close(): Promise<void> {
    this.#perContact.clear();
    await this.#ownLimiter?.stop();
  }

  async #withRetries<T>(request: ApiRequest<T>): Promise<T> {
    const { retry, logger, random } = this.#options;
    let lastError: unknown;
    for (let attempt = 1; attempt <= retry.retries + 1; attempt++) {
      const outcome = await this.#attempt(request);
      if ('error' in outcome) {
        const { error } = outcome;
        const operation = operationOf(request);
        const repeatable = request.method === 'GET' || failedBeforeSending(error);
        if (!repeatable) {
          const found = await this.#reconcile(request, operation, error);
          if (found !== undefined) return found;
          logger.warn(
            `${operation} broke after sending; it did not go through, so it is repeated`,
            {
              attempt,
            },
          );
        }
        lastError = error;
        if (attempt > retry.retries) break;
        const wait = backoffDelay(attempt, retry, random);
        logger.warn(`${operation} failed to connect; retrying`, { attempt, waitMs: wait });
        await sleep(wait);
        continue;
      }
      const { response } = outcome;
      if (response.ok) return this.#parse(response, request);

      const operation = operationOf(request);
      const errors = this.#dialect.readErrors(await response.text().catch(() => ''), response);
      if (response.status === 429 || response.status >= 500) {
        lastError = new MessageBirdApiError(response.status, errors, operation);
        if (attempt > retry.retries) break;
        const asked =
          response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : undefined;
        const wait =
          asked !== undefined
            ? Math.min(asked, MAX_RETRY_AFTER_MS)
            : backoffDelay(attempt, retry, random);
        logger.warn(`${operation} answered ${response.status}; retrying`, {
          attempt,
          waitMs: wait,
        });
        await sleep(wait);
        continue;
      }
      throw new MessageBirdApiError(
        response.status,
        errors,
        operation,
        this.#dialect.hintFor(response.status, errors),
      );
    }
    throw new RetriesExhaustedError(operationOf(request), retry.retries + 1, lastError);
  }

  /**
   * Looks up the fate of a request whose connection broke after it was written. The lookup is a
   * GET, safe to repeat, and giving up on it leaves the bot unsure: it gets three rounds of retries.
   */
  async #reconcile<T>(
    request: ApiRequest<T>,
    operation: string,
    error: unknown,
  ): Promise<T | undefined> {
    if (!request.reconcile) throw new DeliveryUnknownError(operation, request.trackId, error);
    for (let round = 1; ; round++) {
      try {
        return await request.reconcile();
      } catch (lookupError) {
        if (round >= 3) throw new DeliveryUnknownError(operation, request.trackId, error);
        this.#options.logger.warn(`${operation}: looking up a broken send failed; trying again`, {
          round,
          error: lookupError instanceof Error ? lookupError.message : String(lookupError),
        });
      }
    }
  }

  /**
   * One attempt through the limiter. A limiter failure (its Redis store) before the request ran
   * means nothing was sent; after it ran, the request's own outcome stands.
   */
  async #attempt(
    request: ApiRequest<unknown>,
  ): Promise<{ response: ApiResponse } | { error: unknown }> {
    let outcome: { response: ApiResponse } | { error: unknown } | undefined;
    try {
      await this.#limiter.schedule(async () => {
        try {
          outcome = { response: await this.#fetch(request) };
        } catch (error) {
          outcome = { error };
        }
      });
    } catch (error) {
      if (!outcome) {
        if (error instanceof MessageBirdAdapterError) throw error;
        throw new StoreUnavailableError(`${operationOf(request)} (rate limiter)`, error);
      }
    }
    return outcome as { response: ApiResponse } | { error: unknown };
  }

  async #fetch(request: ApiRequest<unknown>): Promise<ApiResponse> {
    const withBody = request.body !== undefined;
    return this.#transport(`${this.#base}${request.path}`, {
      method: request.method,
      headers: withBody ? this.#headers.json : this.#headers.plain,
      body: withBody ? JSON.stringify(request.body) : undefined,
      signal: this.#timeouts.next(),
    });
  }

  async #parse<T>(response: ApiResponse, request: ApiRequest<T>): Promise<T> {
    if (response.status === 204 || !request.schema) {
      await response.body?.cancel();
      return undefined as T;
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new MessageBirdAdapterError(
        'UNEXPECTED_RESPONSE',
        `${operationOf(request)} answered ${response.status} with a body that is not JSON: is apiBaseUrl ${this.#dialect.name} (${this.#dialect.baseUrl})?`,
      );
    }
    const parsed = v.safeParse(request.schema, json);
    if (!parsed.success) {
      const path = v.getDotPath(parsed.issues[0]) ?? 'body';
      throw new MessageBirdAdapterError(
        'UNEXPECTED_RESPONSE',
        `${operationOf(request)} answered ${response.status} with an unexpected body (${path}: ${parsed.issues[0].message})`,
      );
    }
    return parsed.output;
  }
}

/** How logs and errors name a request, such as `GET /conversations/{id}/messages` (no query). */
function operationOf(request: ApiRequest<unknown>): string {
  const query = request.path.indexOf('?');
  return `${request.method} ${query < 0 ? request.path : request.path.slice(0, query)}`;
}

function hintFor(status: number, errors: ApiErrorItem[]): string {
  if (status === 401 || errors[0]?.code === 2) {
    return 'check accessKey: it must be a live or test access key of the MessageBird account that owns the channel';
  }
  if (errors[0]?.parameter === 'from' || errors[0]?.parameter === 'channelId') {
    return 'check channelId: it must be the id of your WhatsApp channel in MessageBird';
  }
  return '';
}
