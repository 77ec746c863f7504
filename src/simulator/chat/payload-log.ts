import { LRUCache } from 'lru-cache';
import type { EventBus, SimulatorEvent } from '../events.js';

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
  // The events themselves, as published: one object fewer a status change, made into
  // PublishedPayloads only when the chat page asks (under load almost none is ever asked for).
  readonly #byMessage = new LRUCache<string, SimulatorEvent[]>({ max: PAYLOAD_LOG_MESSAGES });
  readonly #stop: () => void;

  /** Starts listening to the simulator's events. */
  constructor(events: EventBus) {
    this.#stop = events.subscribe((event) => this.#record(event));
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
    const list = this.#byMessage.get(id);
    if (list) list.push(event);
    else this.#byMessage.set(id, [event]);
  }
}

const messageOf = (event: SimulatorEvent) =>
  (event.data as { message?: { id?: unknown; status?: unknown } }).message;

/** A recorded event as the chat page shows it. */
function published(event: SimulatorEvent): PublishedPayload {
  const status = messageOf(event)?.status;
  return {
    type: event.type,
    status: typeof status === 'string' ? status : undefined,
    at: event.at,
    body: event.data,
  };
}
