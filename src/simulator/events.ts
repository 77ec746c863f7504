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

/**
 * A message event whose data is made only when it is read: what the payload log keeps when nothing
 * else listens (the engine's drafts capture the message's state at the time, so the data made
 * later is the data that would have been published then). The bus stamps `id` and `at`.
 */
export interface DeferredEvent {
  id: number;
  at: string;
  readonly type: 'message.created' | 'message.updated';
  /** The message's id. */
  readonly messageId: string;
  /** The message's status at the time. */
  readonly status: string;
  /** The event's data, as it would have been published (made once). */
  data(): unknown;
}

/** Keeps every event, and the deferred ones as they are (the chat page's payload log). */
export interface EventRecorder {
  record(event: SimulatorEvent): void;
  recordDeferred(event: DeferredEvent): void;
}

/** Told about a listener that threw, with the event it threw on. */
export type ListenerErrorHandler = (error: unknown, event: SimulatorEvent) => void;

/**
 * A tiny synchronous event bus; a throwing listener never stops the others, and each failure is
 * handed to `onListenerError` (the engine logs it).
 */
export class EventBus {
  readonly #listeners = new Set<SimulatorEventListener>();
  #recorder: EventRecorder | undefined;
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

  /**
   * Sets the recorder, which hears of every event before the listeners do (the payload log, the
   * first listener when it was one); returns the function that removes it.
   */
  record(recorder: EventRecorder): () => void {
    this.#recorder = recorder;
    return () => {
      if (this.#recorder === recorder) this.#recorder = undefined;
    };
  }

  /** True when some listener (not the recorder) hears events. */
  get listened(): boolean {
    return this.#listeners.size > 0;
  }

  /** Announces an event to the recorder and every listener. */
  emit(type: SimulatorEventType, data: unknown): void {
    const event: SimulatorEvent = { id: ++this.#id, type, at: this.#now(), data };
    const recorder = this.#recorder;
    if (recorder) {
      try {
        recorder.record(event);
      } catch (error) {
        this.#report(error, event);
      }
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure is its own: reported, and the other listeners still hear the event.
        this.#report(error, event);
      }
    }
  }

  /**
   * Announces a message event whose data is made when it is read: with listeners, made at once and
   * announced as `emit` does; without, only the recorder keeps it, as it is. The same ids and
   * times either way.
   */
  emitDeferred(event: DeferredEvent): void {
    if (this.#listeners.size > 0) {
      this.emit(event.type, event.data());
      return;
    }
    event.id = ++this.#id;
    event.at = this.#now();
    const recorder = this.#recorder;
    if (!recorder) return;
    try {
      recorder.recordDeferred(event);
    } catch (error) {
      this.#report(error, { id: event.id, type: event.type, at: event.at, data: event.data() });
    }
  }

  #report(error: unknown, event: SimulatorEvent): void {
    try {
      this.#onListenerError(error, event);
    } catch {
      // A failing report must not stop the others either.
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

  /** Stops every listener and the recorder. */
  clear(): void {
    this.#recorder = undefined;
    this.#listeners.clear();
  }
}
