/**
 * `botbuilder-adapter-messagebird-whatsapp`: a Bot Framework (botbuilder v4) adapter for WhatsApp
 * through MessageBird's Conversations API or Bird's Channels API (`api: 'bird'`). Every export is
 * listed here by name, most needed first; anything not listed is internal and may change in any
 * release. (Biome's export sorting is off for entry files, so the groups stay as written.)
 *
 * @example
 * import { MessageBirdAdapter } from 'botbuilder-adapter-messagebird-whatsapp';
 * // or: const { MessageBirdAdapter } = require('botbuilder-adapter-messagebird-whatsapp');
 * const adapter = new MessageBirdAdapter({ accessKey, channelId, signingKey, webhookUrl });
 */

import type { TurnContext } from 'botbuilder';
import type { MessageBirdAdapter } from './messagebird-adapter.js';

// The adapter: what every bot needs first. Construct it, route webhooks to `handle` (Fetch) or
// `process` (Node, Express, Restify), send templates, check the credentials.
export { MessageBirdAdapter, type BotLogic } from './messagebird-adapter.js';
export type { MessageBirdAdapterOptions, ApiName } from '../core/options.js';
export type { CredentialsReport } from '../core/credentials.js';
export type { TemplateDefinitionInput, TemplateCategory, TemplateSend } from '../core/templates.js';
export type { BirdTemplateDefinitionInput } from '../core/bird-templates.js';

// What the bot sees: the channel id, the event names, and the values activities carry.
export {
  CHANNEL_ID,
  STATUS_EVENT_NAME,
  CONVERSATION_EVENT_NAME,
  type StatusValue,
  type ReplyValue,
  type ContactInfo,
  type MessageBirdChannelData,
} from '../core/to-activity.js';
export type { BirdChannelData } from '../core/bird-to-activity.js';
// What the bot may put in an outbound activity's `channelData`.
export type { OutboundChannelData, OutboundPart } from '../core/to-messagebird.js';

// Errors: every one has a stable `code` and a message that says what to do.
export {
  MessageBirdAdapterError,
  ConfigurationError,
  WindowClosedError,
  TemplateError,
  UnsupportedActivityError,
  MessageBirdApiError,
  RetriesExhaustedError,
  DeliveryUnknownError,
  NotSupportedError,
  StoreUnavailableError,
  ADAPTER_ERROR_CODES,
  type AdapterErrorCode,
} from '../core/errors.js';
// The `error.code` of the adapter's JSON answers to webhooks (401, 413, 500…).
export { WEBHOOK_ANSWER_CODES, type WebhookAnswerCode } from '../core/webhook-answers.js';

// For experts: your own stores (in memory by default; the `redis` option shares them between
// instances) and your own logger.
export type { WindowStore } from '../core/window-store.js';
export type { DedupeStore, ClaimResult } from '../core/dedupe-store.js';
export type { MaybePromise } from '../core/maybe-promise.js';
export type { RedisConfig, RedisClient } from '../core/redis-config.js';
export type { Logger } from '../core/logger.js';

// The test kit (`./testing`) types a botbuilder test chat's adapter and context from here, so its
// own declarations need no botbuilder.
declare module '../testing/fronts.js' {
  interface TestChatFronts {
    botbuilder: { adapter: MessageBirdAdapter; context: TurnContext };
  }
}
