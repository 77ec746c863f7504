import { formatDatetime } from '../messagebird/datetime.js';
import { ZERO_UUID } from '../messagebird/ids.js';
import type {
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  TemplateRecord,
  WebhookRecord,
} from './records.js';

/*
 * Records to wire objects, shaped like MessageBird's: `createdDatetime` without a fraction,
 * `updatedDatetime` with nine fractional digits, `msisdn` a JSON number, ids 32 lowercase hex.
 */

const TIME_SLOTS = 256;
const seconds = { ms: new Float64Array(TIME_SLOTS).fill(Number.NaN), text: new Array(TIME_SLOTS) };
const nanos = { ms: new Float64Array(TIME_SLOTS).fill(Number.NaN), text: new Array(TIME_SLOTS) };

/**
 * `formatDatetime` of virtual epoch milliseconds, with each instant's text kept in a small
 * direct-mapped cache: a message is rendered on every status change, and messages accepted within
 * one millisecond share their times, so the payloads share the strings instead of making new ones.
 */
function datetime(ms: number, fractionDigits: 0 | 9 = 0): string {
  const cache = fractionDigits === 0 ? seconds : nanos;
  const slot = ms & (TIME_SLOTS - 1);
  if (cache.ms[slot] === ms) return cache.text[slot] as string;
  const text = formatDatetime(ms, fractionDigits);
  cache.ms[slot] = ms;
  cache.text[slot] = text;
  return text;
}

/** A channel as `conversation.channels[]` lists it. */
export interface ChannelView {
  id: string;
  name: string;
  businessNumber: string;
}

/**
 * A contact. `href` is `""`: the simulator serves no Contacts API, and real payloads often carry
 * `""` there. `customDetails` and `attributes` are `{}`.
 */
export function renderContact(contact: ContactRecord) {
  return {
    id: contact.id,
    href: '',
    msisdn: Number(contact.phone.slice(1)),
    displayName: contact.displayName,
    firstName: contact.firstName,
    lastName: contact.lastName,
    customDetails: {},
    attributes: {},
    createdDatetime: formatDatetime(contact.createdAt),
    updatedDatetime: formatDatetime(contact.updatedAt),
  };
}

/** A conversation as webhooks carry it: no `contact`, `channels` or `messages`. */
export function renderWebhookConversation(conversation: ConversationRecord) {
  return {
    id: conversation.id,
    contactId: conversation.contactId,
    status: conversation.status,
    createdDatetime: formatDatetime(conversation.createdAt),
    updatedDatetime: formatDatetime(conversation.updatedAt, 9),
    lastReceivedDatetime: formatDatetime(conversation.lastReceivedAt, 9),
    lastUsedChannelId: conversation.lastUsedChannelId,
    lastUsedPlatformId: 'whatsapp',
  };
}

/** What a full conversation needs beside its record. */
export interface ConversationContext {
  contact: ContactRecord;
  channels: readonly ChannelView[];
  messages: readonly MessageRecord[];
  baseUrl: string;
}

/** A conversation as the API answers it: the webhook form plus contact, channels and a messages summary. */
export function renderConversation(conversation: ConversationRecord, context: ConversationContext) {
  const last = context.messages.at(-1);
  return {
    ...renderWebhookConversation(conversation),
    contact: renderContact(context.contact),
    channels: conversation.channelIds.map((id) => {
      const channel = context.channels.find((c) => c.id === id);
      return {
        id,
        name: channel?.name ?? '',
        platformId: 'whatsapp',
        status: 'active',
        createdDatetime: formatDatetime(conversation.createdAt),
        updatedDatetime: formatDatetime(conversation.createdAt),
      };
    }),
    messages: {
      totalCount: context.messages.length,
      href: `${context.baseUrl}/v1/conversations/${conversation.id}/messages`,
      ...(last ? { lastMessageId: last.id } : {}),
    },
  };
}

/**
 * A message. Inbound messages carry `metadata` (`replyTo.id` is the all-zero UUID when they answer
 * nothing) as 2023 deliveries do; outbound ones carry `origin: "api"` and, once failed, `error`.
 */
export function renderMessage(message: MessageRecord): RenderedMessage {
  return renderMessageAs(message, message);
}

/**
 * A message with its changing fields (status, time of the change, error) as `state` gives them:
 * as it was when a deferred payload (engine.ts) was drafted.
 */
export function renderMessageAs(
  message: MessageRecord,
  state: Pick<MessageRecord, 'status' | 'updatedAt' | 'error'>,
): RenderedMessage {
  // Optional fields by assignment, not by spreads inside the literal (V8's slow path): every
  // status change of every message renders this.
  const out: RenderedMessage = {
    id: message.id,
    conversationId: message.conversationId,
    platform: 'whatsapp',
    to: message.to,
    from: message.from,
    channelId: message.channelId,
    type: message.type,
    content: message.content,
    direction: message.direction,
    status: state.status,
    createdDatetime: datetime(message.createdAt),
    updatedDatetime: datetime(state.updatedAt, 9),
  };
  if (message.origin) out.origin = message.origin;
  if (message.source) out.source = message.source;
  if (message.tag) out.tag = message.tag;
  if (message.trackId) out.trackId = message.trackId;
  if (message.reportUrl) out.reportUrl = message.reportUrl;
  if (message.fallback) out.fallback = message.fallback;
  if (message.replyTo) out.replyTo = message.replyTo;
  if (message.metadata) out.metadata = message.metadata;
  if (state.error) out.error = state.error;
  return out;
}

/** A message as the API and webhooks carry it. */
export type RenderedMessage = {
  id: string;
  conversationId: string;
  platform: 'whatsapp';
  to: string;
  from: string;
  channelId: string;
  type: string;
  content: MessageRecord['content'];
  direction: MessageRecord['direction'];
  status: MessageRecord['status'];
  createdDatetime: string;
  updatedDatetime: string;
} & Partial<
  Pick<
    MessageRecord,
    | 'origin'
    | 'source'
    | 'tag'
    | 'trackId'
    | 'reportUrl'
    | 'fallback'
    | 'replyTo'
    | 'metadata'
    | 'error'
  >
>;

/** Inbound metadata: who wrote and what it answers (the zero UUID for nothing). */
export function inboundMetadata(displayName: string, replyTo?: string) {
  return { replyTo: { id: replyTo ?? ZERO_UUID }, sender: { displayName } };
}

/** A webhook subscription. */
export function renderWebhook(webhook: WebhookRecord, baseUrl: string) {
  return {
    id: webhook.id,
    href: `${baseUrl}/v1/webhooks/${webhook.id}`,
    channelId: webhook.channelId,
    events: webhook.events,
    url: webhook.url,
    status: webhook.status,
    settings: webhook.settings,
    createdDatetime: formatDatetime(webhook.createdAt),
    updatedDatetime: formatDatetime(webhook.updatedAt, 9),
  };
}

/** A template as `/_sim/templates` shows it, with its Bird project, version and variables if any. */
export function renderTemplate(template: TemplateRecord) {
  return {
    name: template.name,
    language: template.language,
    category: template.category,
    content: template.content,
    namespace: template.namespace,
    status: template.status,
    parameterCount: template.parameterCount,
    ...(template.rejectedReason ? { rejectedReason: template.rejectedReason } : {}),
    ...(template.projectId ? { projectId: template.projectId, version: template.versionId } : {}),
    ...(template.variables ? { variables: template.variables } : {}),
    createdDatetime: formatDatetime(template.createdAt),
    updatedDatetime: formatDatetime(template.updatedAt, 9),
  };
}
