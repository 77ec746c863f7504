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

/** A tiny synchronous event bus; a throwing listener never stops the others. */
export class EventBus {
  readonly #listeners = new Set<SimulatorEventListener>();
  #id = 0;
  #lastMs = Number.NaN;
  #lastAt = '';

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
      } catch {
        // A listener's failure is its own; the simulator carries on.
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
