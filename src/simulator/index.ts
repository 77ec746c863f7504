/**
 * `botbuilder-adapter-messagebird-whatsapp/simulator`: a faithful local MessageBird Conversations
 * API and Bird Channels API for WhatsApp, over one state, with a virtual clock, delivery statuses,
 * signed webhooks, faults and a chat page. Drive it over HTTP (`/v1` as MessageBird,
 * `/workspaces/…` and `/organizations/…` as Bird, `/_sim` to play the contact and control it) or
 * in process through the `Simulator` object. Every export is listed here by name, most needed
 * first; anything not listed is internal and may change in any release.
 *
 * @example
 * import { startSimulator } from 'botbuilder-adapter-messagebird-whatsapp/simulator';
 * const sim = await startSimulator({ port: 0 });
 * // point the adapter at `${sim.url}/v1`, with DEFAULT_ACCESS_KEY and DEFAULT_SIGNING_KEY;
 * // or with api: 'bird' at apiBaseUrl sim.url, workspaceId DEFAULT_BIRD_WORKSPACE_ID and
 * // channelId DEFAULT_BIRD_CHANNEL_ID
 */

// Start one: in process (a Hono app, no socket) or on a real socket, and what both take.
export { createSimulator, type Simulator, type SimulatorBirdIds } from './simulator.js';
export { startSimulator, type RunningSimulator, type ServerOptions } from './server.js';
export type {
  SimulatorOptions,
  ChannelOptions,
  WebhookRetryOptions,
  BirdRateLimitOptions,
} from './options.js';
export type { StatusSchedule } from './schedule.js';
export type { Logger as SimulatorLogger } from './logger.js';

// The account it plays unless told otherwise: give these to the adapter.
export {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  DEFAULT_CHANNEL_ID,
  DEFAULT_CHANNEL_NAME,
  DEFAULT_BUSINESS_NUMBER,
  DEFAULT_TEMPLATE_NAMESPACE,
  DEFAULT_BIRD_WORKSPACE_ID,
  DEFAULT_BIRD_ORGANIZATION_ID,
  DEFAULT_BIRD_CHANNEL_ID,
  DEFAULT_BIRD_CONNECTOR_ID,
  BIRD_RATE_LIMITS,
} from './options.js';

// Business time: a virtual clock moves windows, timestamps and status schedules forward.
export {
  createClock,
  type Clock,
  type ClockOptions,
  type ClockMode,
  type CancelTimer,
} from './clock.js';

// What it tells you: events (as `GET /_sim/events` streams them), messages, webhook deliveries.
export type { SimulatorEvent, SimulatorEventType, SimulatorEventListener } from './events.js';
export type { InboundInput } from './engine.js';
export type { RenderedMessage } from './render.js';
export type {
  TranscriptActivity,
  TranscriptAccount,
  TranscriptAttachment,
} from './transcript.js';
export type { DeliveryLogEntry } from './webhook-delivery.js';

// Its own failures (bad options, a corrupt state file), with a stable `code`.
export { SimulatorError, type SimulatorErrorCode } from './errors.js';
