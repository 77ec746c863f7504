/** What the simulator announces on `GET /_sim/events` and to in-process subscribers. */
export type SimulatorEventType =
  | 'message.created'
  | 'message.updated'
  | 'conversation.created'
  | 'conversation.updated'
  | 'webhook'
  | 'delivery'
  | 'clock'
  | 'template'
  | 'faults'
  | 'reset';

/** One announcement: an increasing id, its type, the real time and its data. */
export interface SimulatorEvent {
  id: number;
  type: SimulatorEventType;
  at: string;
  data: unknown;
}

/** A listener of simulator events. */
export type SimulatorEventListener = (event: SimulatorEvent) => void;

/** Told about a listener that threw, with the event it threw on. */
export type ListenerErrorHandler = (error: unknown, event: SimulatorEvent) => void;

/**
 * A tiny synchronous event bus; a throwing listener never stops the others, and each failure is
 * handed to `onListenerError` (the engine logs it).
 */
export class EventBus {
  readonly #listeners = new Set<SimulatorEventListener>();
  #id = 0;
  #lastMs = Number.NaN;
  #lastAt = '';

  readonly #onListenerError: ListenerErrorHandler;

  /** Creates a bus; `onListenerError` hears of every listener that throws. */
  constructor(onListenerError: ListenerErrorHandler = () => {}) {
    this.#onListenerError = onListenerError;
  }

  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: SimulatorEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Announces an event to every listener. */
  emit(type: SimulatorEventType, data: unknown): void {
    const event: SimulatorEvent = { id: ++this.#id, type, at: this.#now(), data };
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure is its own: reported, and the other listeners still hear the event.
        try {
          this.#onListenerError(error, event);
        } catch {
          // A failing report must not stop the others either.
        }
      }
    }
  }

  /** The real time, RFC 3339 with milliseconds; events come in runs within one millisecond. */
  #now(): string {
    const ms = Date.now();
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastAt = new Date(ms).toISOString();
    }
    return this.#lastAt;
  }

  /** Stops every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
