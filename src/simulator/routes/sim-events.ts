import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Engine } from '../engine.js';
import type { SimulatorEvent } from '../events.js';
import { clockView } from './sim-control.js';

/** The open event streams, so `close()` can end them and let the process exit. */
export class StreamHub {
  readonly #enders = new Set<() => void>();

  /** Registers a stream's end function; returns the unregister function. */
  add(end: () => void): () => void {
    this.#enders.add(end);
    return () => this.#enders.delete(end);
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const end of [...this.#enders]) end();
    this.#enders.clear();
  }
}

/**
 * `GET /_sim/events`: server-sent events. First `hello` with the clock, then every simulator event
 * (`message.created`, `message.updated`, `conversation.*`, `delivery`, `clock`, `template`,
 * `webhook`, `faults`, `reset`), each with its id and `{id, type, at, data}` as JSON.
 */
export function simEventRoutes(engine: Engine, hub: StreamHub): Hono {
  const app = new Hono();
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: SimulatorEvent[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const end = () => {
        done = true;
        wake?.();
      };
      const unsubscribe = engine.events.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const unregister = hub.add(end);
      stream.onAbort(end);
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify(clockView(engine)) });
        while (!done) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({
              id: String(event.id),
              event: event.type,
              data: JSON.stringify(event),
            });
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        unsubscribe();
        unregister();
      }
    }),
  );
  return app;
}
