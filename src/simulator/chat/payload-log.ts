import { LRUCache } from 'lru-cache';
import type { DeferredEvent, EventBus, SimulatorEvent } from '../events.js';

/** One webhook body the simulator published about a message, as the chat page shows it. */
export interface PublishedPayload {
  /** `message.created` or `message.updated`. */
  type: string;
  /** The message status the body carries. */
  status: string | undefined;
  /** Real time of publication, RFC 3339. */
  at: string;
  /** The webhook body, exactly as delivered. */
  body: unknown;
}

/** The most messages whose payloads are kept; older ones are forgotten first. */
export const PAYLOAD_LOG_MESSAGES = 1000;

/**
 * Remembers, per message, the webhook bodies the simulator published (`message.created`,
 * `message.updated`), so the chat page can show the raw payloads of a selected message. Bounded:
 * the message least recently published about is forgotten first (an LRU: a Map used as a queue
 * slows down under load, since V8 walks the deleted entries at its front to find the oldest).
 * Forgets everything on `reset`.
 */
export class PayloadLog {
  // The events themselves, as published, or deferred when nothing else listened (their bodies
  // made when the chat page asks; under load almost none is ever asked for).
  readonly #byMessage = new LRUCache<string, (SimulatorEvent | DeferredEvent)[]>({
    max: PAYLOAD_LOG_MESSAGES,
  });
  readonly #stop: () => void;

  /** Starts recording the simulator's events. */
  constructor(events: EventBus) {
    this.#stop = events.record({
      record: (event) => this.#record(event),
      recordDeferred: (event) => this.#keep(event.messageId, event),
    });
  }

  /** The payloads published about a message, oldest first. */
  of(messageId: string): PublishedPayload[] {
    return this.#byMessage.get(messageId)?.map(published) ?? [];
  }

  /** Stops listening and forgets. */
  close(): void {
    this.#stop();
    this.#byMessage.clear();
  }

  #record(event: SimulatorEvent): void {
    if (event.type === 'reset') {
      this.#byMessage.clear();
      return;
    }
    if (event.type !== 'message.created' && event.type !== 'message.updated') return;
    const id = messageOf(event)?.id;
    if (typeof id !== 'string') return;
    this.#keep(id, event);
  }

  #keep(id: string, event: SimulatorEvent | DeferredEvent): void {
    const list = this.#byMessage.get(id);
    if (list) list.push(event);
    else this.#byMessage.set(id, [event]);
  }
}

const messageOf = (event: SimulatorEvent) =>
  (event.data as { message?: { id?: unknown; status?: unknown } }).message;

/** A recorded event as the chat page shows it. */
function published(event: SimulatorEvent | DeferredEvent): PublishedPayload {
  if ('messageId' in event) {
    return { type: event.type, status: event.status, at: event.at, body: event.data() };
  }
  const status = messageOf(event as SimulatorEvent)?.status;
  return {
    type: event.type,
    status: typeof status === 'string' ? status : undefined,
    at: event.at,
    body: event.data,
  };
}
