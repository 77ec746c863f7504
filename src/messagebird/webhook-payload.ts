import * as v from 'valibot';
import { Contact } from './contact.js';
import { Conversation } from './conversation.js';
import { Message } from './message.js';

/** The four events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
] as const;

/** A webhook event name. */
export const WebhookEvent = v.picklist(WEBHOOK_EVENTS);

/** `message.created` or `message.updated`: the message, its conversation and (usually) the contact. */
export const MessageWebhookPayload = v.looseObject({
  type: v.picklist(['message.created', 'message.updated']),
  contact: v.optional(Contact),
  conversation: Conversation,
  message: Message,
});

/**
 * `conversation.created` or `conversation.updated`. MessageBird does not publish these payloads;
 * we read them like the message events without `message` (not confirmed).
 */
export const ConversationWebhookPayload = v.looseObject({
  type: v.picklist(['conversation.created', 'conversation.updated']),
  contact: v.optional(Contact),
  conversation: Conversation,
});

/**
 * The body of a webhook call. Extra top-level fields that real deliveries carry (`workspaceId`,
 * `transactionID`) are kept.
 */
export const WebhookPayload = v.variant('type', [
  MessageWebhookPayload,
  ConversationWebhookPayload,
]);

/** True for `message.created` and `message.updated` payloads, which carry a message. */
export function isMessageEvent(payload: WebhookPayload): payload is MessageWebhookPayload {
  return payload.type === 'message.created' || payload.type === 'message.updated';
}

/** A webhook event name. */
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>;
/** A parsed message event. */
export type MessageWebhookPayload = v.InferOutput<typeof MessageWebhookPayload>;
/** A parsed conversation event. */
export type ConversationWebhookPayload = v.InferOutput<typeof ConversationWebhookPayload>;
/** A parsed webhook body. */
export type WebhookPayload = v.InferOutput<typeof WebhookPayload>;
