/**
 * `botbuilder-adapter-messagebird-whatsapp/agents`: a Microsoft 365 Agents SDK adapter for WhatsApp
 * through MessageBird's Conversations API or Bird's Channels API (`api: 'bird'`), for
 * `AgentApplication` and other agents on `@microsoft/agents-hosting` 1.8. Every export is listed
 * here by name, most needed first; anything not listed is internal and may change in any release.
 * Nothing here loads botbuilder.
 *
 * @example
 * import { MessageBirdAgentsAdapter } from 'botbuilder-adapter-messagebird-whatsapp/agents';
 * const adapter = new MessageBirdAgentsAdapter({ accessKey, channelId, signingKey, webhookUrl });
 * const app = new AgentApplication({ adapter, storage: new MemoryStorage() });
 */

import type { TurnContext } from '@microsoft/agents-hosting';
import type { MessageBirdAgentsAdapter } from './messagebird-agents-adapter.js';

// The adapter: construct it, hand it to AgentApplication, route webhooks to `handle` (Fetch) or
// `process` (Node, Express, Restify), send templates, check the credentials.
export { MessageBirdAgentsAdapter, type AgentLogic } from './messagebird-agents-adapter.js';
export type {
  MessageBirdAdapterOptions,
  MessageBirdAdapterOptions as MessageBirdAgentsAdapterOptions,
  ApiName,
} from '../core/options.js';
export type { CredentialsReport } from '../core/credentials.js';
export type { TemplateDefinitionInput, TemplateCategory, TemplateSend } from '../core/templates.js';
export type { BirdTemplateDefinitionInput } from '../core/bird-templates.js';

// What the agent sees: the channel id, the event names, and the values activities carry.
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
// What the agent may put in an outbound activity's `channelData`.
export type { OutboundChannelData, OutboundPart } from '../core/to-messagebird.js';

// Errors: the same classes as the package root's (instanceof works across both entries), each
// with a stable `code` and a message that says what to do.
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

// The test kit (`./testing`) types an Agents SDK test chat's adapter and context from here, so its
// own declarations need no Agents SDK.
declare module '../testing/fronts.js' {
  interface TestChatFronts {
    agents: { adapter: MessageBirdAgentsAdapter; context: TurnContext };
  }
}
