import type { Hono } from 'hono';
import { formatDatetime } from '../messagebird/datetime.js';
import { buildApp } from './app.js';
import type { Clock } from './clock.js';
import { Engine, type InboundInput } from './engine.js';
import type { SimulatorEventListener } from './events.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { loadState, StateSaver } from './persistence.js';
import { type RenderedMessage, renderMessage } from './render.js';
import { StreamHub } from './routes/sim-events.js';
import { buildTranscript, type TranscriptActivity } from './transcript.js';
import { RateLimiter } from './v1-guards.js';
import type { DeliveryLogEntry } from './webhook-delivery.js';

/** The ids of the Bird face: give them to an adapter with `api: 'bird'`. */
export interface SimulatorBirdIds {
  /** `/workspaces/{workspaceId}/…` */
  workspaceId: string;
  /** `/organizations/{organizationId}/workspaces/{workspaceId}/webhook-subscriptions` */
  organizationId: string;
  /** The main channel's Bird id: `/workspaces/{workspaceId}/channels/{channelId}/messages`. */
  channelId: string;
  /** `sender.connector.id` of what the channel sends. */
  connectorId: string;
}

/** An in-process simulator: a Hono app over in-memory state, with no socket. */
export interface Simulator {
  /** The Hono app: call `app.request()` in tests or mount `app.fetch` anywhere. */
  app: Hono;
  /** The virtual clock. */
  clock: Clock;
  /** The main WhatsApp channel id the simulator plays. */
  channelId: string;
  /** The business number of that channel, E.164. */
  businessNumber: string;
  /** The account's template namespace. */
  templateNamespace: string;
  /** The ids Bird's Channels API face answers for (the same channel, contacts and messages). */
  bird: SimulatorBirdIds;
  /** The contact writes, as `POST /_sim/inbound` does (not validated here); answers the message. */
  inbound(input: InboundInput): RenderedMessage;
  /** Moves the virtual clock forward, as `POST /_sim/clock/advance` does; answers the new now. */
  advance(seconds: number): number;
  /** Listens to simulator events (those of `GET /_sim/events`); returns the unsubscribe function. */
  subscribe(listener: SimulatorEventListener): () => void;
  /**
   * A contact's messages (by E.164, msisdn or contact id), both directions and oldest first, as a
   * Bot Framework transcript: the JSON array of activities the Bot Framework Emulator opens.
   */
  transcript(contact: string): TranscriptActivity[];
  /** The webhook delivery log, oldest first. */
  deliveries(): DeliveryLogEntry[];
  /** Resolves once every queued webhook delivery has succeeded or given up. */
  idle(): Promise<void>;
  /** Stops timers, retries and event streams, saves the state if persisted. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates a simulator in process: no socket, every option defaulted (access key
 * `test_simulator_access_key`, a default signing key and channel id, Bird's workspace,
 * organization and channel ids, a real-time clock). It plays MessageBird's Conversations API under
 * `/v1` and Bird's Channels API under `/workspaces` and `/organizations`, over one state.
 *
 * @example
 * const sim = createSimulator({ clock: createClock({ mode: 'manual' }) });
 * const res = await sim.app.request('/v1/conversations', {
 *   headers: { Authorization: 'AccessKey test_simulator_access_key' },
 * });
 * const bird = await sim.app.request(
 *   `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}/messages`,
 *   { headers: { Authorization: 'AccessKey test_simulator_access_key' } },
 * );
 * await sim.close();
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const resolved = resolveOptions(options);
  const engine = new Engine(resolved);
  const limiter = new RateLimiter(resolved.realNow);
  const hub = new StreamHub();
  const app = buildApp(engine, limiter, hub);

  let saver: StateSaver | undefined;
  if (resolved.persist) {
    const state = loadState(resolved.persist);
    if (state) engine.store.restore(state);
    const persisting = new StateSaver(
      resolved.persist,
      () => engine.store.snapshot(),
      resolved.logger,
    );
    engine.onChange(() => persisting.schedule());
    saver = persisting;
  }
  engine.resumeLifecycles();
  const stopClockEvents = resolved.clock.onAdvance((now) =>
    engine.events.emit('clock', {
      now: formatDatetime(now),
      epochMs: now,
      mode: resolved.clock.mode,
    }),
  );

  let closing: Promise<void> | undefined;
  const main = resolved.channels[0] as (typeof resolved.channels)[number];
  return {
    app,
    clock: resolved.clock,
    channelId: main.id,
    businessNumber: main.businessNumber,
    templateNamespace: resolved.templateNamespace,
    bird: {
      workspaceId: resolved.bird.workspaceId,
      organizationId: resolved.bird.organizationId,
      channelId: main.birdChannelId as string,
      connectorId: resolved.bird.connectorId,
    },
    inbound: (input) => renderMessage(engine.inbound(input)),
    advance: (seconds) => resolved.clock.advance(seconds * 1000),
    subscribe: (listener) => engine.events.subscribe(listener),
    transcript: (contact) => buildTranscript(engine, engine.transcript(contact)),
    deliveries: () => engine.delivery.deliveries(),
    idle: () => engine.delivery.idle(),
    close() {
      closing ??= (async () => {
        engine.cancelTimers();
        stopClockEvents();
        hub.closeAll();
        await engine.delivery.close();
        await saver?.flush();
        if (resolved.ownsClock) resolved.clock.dispose();
        engine.events.clear();
      })();
      return closing;
    },
  };
}
