import type { Contact } from '../messagebird/contact.js';
import type { Conversation } from '../messagebird/conversation.js';
import { ZERO_UUID } from '../messagebird/ids.js';
import { isMessageType, type Message } from '../messagebird/message.js';
import { toE164 } from '../messagebird/phone.js';
import { isMessageEvent, type WebhookPayload } from '../messagebird/webhook-payload.js';
import type { Activity, Attachment, ChannelAccount, Entity } from './activity.js';
import { dataOfReplyId } from './cards/reply-data.js';
import { mediaNameOf, mimeTypeOf } from './mime.js';

/** The Bot Framework `channelId` of every activity this adapter makes. */
export const CHANNEL_ID = 'whatsapp';

/** The `name` of the event activity that carries a delivery status (`message.updated`). */
export const STATUS_EVENT_NAME = 'messagebird/status';

/** The `name` of the event activity that carries a conversation change (`conversation.updated`). */
export const CONVERSATION_EVENT_NAME = 'messagebird/conversation';

/** What translation needs to know about the channel. */
export interface ChannelInfo {
  /** The WhatsApp channel id (the bot's id in activities). */
  channelId: string;
  /** The channel's name (the bot's name in activities). */
  channelName: string;
  /** The API base URL, used as the activities' `serviceUrl`. */
  serviceUrl: string;
}

/** The contact as `channelData.contact` carries it. */
export interface ContactInfo {
  id: string | undefined;
  /** E.164, such as `+31612345678`. */
  phone: string | undefined;
  displayName: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
}

/** What `activity.channelData` holds for activities from MessageBird. */
export interface MessageBirdChannelData {
  /** The webhook event. */
  event: WebhookPayload['type'];
  /** MessageBird's message type (`text`, `image`, `interactive`…), for message events. */
  messageType?: string;
  /** The message's status (`received`, `delivered`, `failed`…), for message events. */
  status?: string;
  contact: ContactInfo;
  conversation: { id: string; status: string };
  /** The webhook body exactly as MessageBird sent it. */
  payload: unknown;
}

/** `value` of a button or list reply whose id is not a JSON object (such an id gives the object itself). */
export interface ReplyValue {
  /**
   * `button_reply` or `list_reply` on the Conversations API; `postback` on Bird, whose taps do not
   * say whether a button or a list row was tapped.
   */
  type: string;
  /** The id the bot gave the button or row. */
  id: string;
  /** The title the user tapped. */
  text: string | undefined;
  /** A list row's description. */
  description?: string;
}

/**
 * `value` of the delivery-status event, the same from both APIs. `status` is the Conversations
 * API's word (`pending`, `sent`, `delivered`, `read`, `failed`…); Bird's statuses are mapped to
 * it (see `birdToActivity`), and Bird's own status and reason are kept in `birdStatus` and
 * `reason`.
 */
export interface StatusValue {
  messageId: string;
  status: string;
  /**
   * `{code, description}` when the message failed, such as 470 outside the window. On Bird, which
   * gives no numeric code, 470 when the reason names the 24-hour window, else 0, with the reason.
   */
  error?: { code: number; description?: string };
  to: string | undefined;
  /** When the status changed, RFC 3339. */
  at: string | undefined;
  /** True when a later status of this message arrived first (a late redelivery). */
  stale?: boolean;
  /** Bird's own status (`processing`, `sending_failed`, `delivery_failed`…); Bird only. */
  birdStatus?: string;
  /** Bird's reason of a failure; Bird only. */
  reason?: string;
}

/**
 * Turns a MessageBird webhook into the activity the bot sees, or `undefined` when it is not a turn
 * (our own outbound echoes). `raw` is the body as received, kept in `channelData.payload`.
 */
export function toActivity(
  payload: WebhookPayload,
  raw: unknown,
  channel: ChannelInfo,
): Activity | undefined {
  const contact = contactInfo(
    payload.contact,
    isMessageEvent(payload) ? payload.message : undefined,
  );
  const conversation = payload.conversation;
  // Built by assignment, not spread: a spread after the first property takes V8's slow path, and
  // this runs on every webhook.
  if (!isMessageEvent(payload)) {
    if (payload.type === 'conversation.created') {
      const activity = newActivity(
        'conversationUpdate',
        `${conversation.id}:created`,
        conversation.createdDatetime,
        contact,
        conversation,
        channel,
        channelDataOf(payload, contact, raw),
      );
      activity.membersAdded = [activity.from as ChannelAccount];
      return activity;
    }
    const activity = newActivity(
      'event',
      `${conversation.id}:updated:${conversation.updatedDatetime ?? ''}`,
      conversation.updatedDatetime ?? conversation.createdDatetime,
      contact,
      conversation,
      channel,
      channelDataOf(payload, contact, raw),
    );
    activity.name = CONVERSATION_EVENT_NAME;
    activity.value = { conversationId: conversation.id, status: conversation.status };
    return activity;
  }

  const message = payload.message;
  if (payload.type === 'message.updated') {
    const value: StatusValue = {
      messageId: message.id,
      status: message.status,
      to: message.to ?? undefined,
      at: message.updatedDatetime ?? message.createdDatetime,
    };
    if (message.error)
      value.error = { code: message.error.code, description: message.error.description };
    const activity = newActivity(
      'event',
      `${message.id}:${message.status}`,
      message.updatedDatetime ?? message.createdDatetime,
      contact,
      conversation,
      channel,
      channelDataOf(payload, contact, raw, message),
    );
    activity.name = STATUS_EVENT_NAME;
    activity.replyToId = message.id;
    activity.value = value;
    return activity;
  }
  if (message.direction !== 'received') return undefined;

  const activity = newActivity(
    'message',
    message.id,
    message.createdDatetime,
    contact,
    conversation,
    channel,
    channelDataOf(payload, contact, raw, message),
  );
  activity.replyToId = replyToOf(message);
  const content = messageContent(message);
  for (const key in content) {
    const field = key as keyof typeof content;
    (activity as Record<string, unknown>)[field] = content[field];
  }
  return activity;
}

/** The fields every activity from MessageBird has. */
function newActivity(
  type: string,
  id: string,
  datetime: string,
  contact: ContactInfo,
  conversation: Conversation,
  channel: ChannelInfo,
  channelData: MessageBirdChannelData,
): Activity {
  const from = userAccount(contact, conversation);
  return activityShell(type, id, datetime, from, conversation.id, channel, channelData);
}

/**
 * The fields every inbound activity has, from either API: a one-to-one WhatsApp conversation
 * between the contact (`from`) and the channel (`recipient`).
 */
export function activityShell(
  type: string,
  id: string,
  datetime: string,
  from: ChannelAccount,
  conversationId: string,
  channel: ChannelInfo,
  channelData: unknown,
): Activity {
  return {
    type,
    id,
    timestamp: new Date(datetime),
    channelId: CHANNEL_ID,
    serviceUrl: channel.serviceUrl,
    conversation: {
      id: conversationId,
      isGroup: false,
      conversationType: 'personal',
      // Never empty (the Agents SDK refuses empty names): the contact's name, else its id.
      name: from.name,
    },
    from,
    recipient: { id: channel.channelId, name: channel.channelName, role: 'bot' },
    channelData,
  };
}

function channelDataOf(
  payload: WebhookPayload,
  contact: ContactInfo,
  raw: unknown,
  message?: Message,
): MessageBirdChannelData {
  const data: MessageBirdChannelData = {
    event: payload.type,
    contact,
    conversation: { id: payload.conversation.id, status: payload.conversation.status },
    payload: raw,
  };
  if (message) {
    data.messageType = message.type;
    data.status = message.status;
  }
  return data;
}

/** The text, attachments, entities and value of an inbound message, by type. */
export function messageContent(
  message: Message,
): Pick<Activity, 'text' | 'attachments' | 'entities' | 'value' | 'textFormat'> {
  if (isMessageType(message, 'text')) return { text: message.content.text, textFormat: 'plain' };
  for (const kind of ['image', 'video', 'audio', 'file'] as const) {
    if (isMessageType(message, kind)) {
      const media = (message.content as Record<string, { url: string; caption?: string }>)[kind];
      if (!media) break;
      const contentType = mimeTypeOf(kind, media.caption, media.url);
      // Every medium gets a name (WhatsApp gives one to files only, as the caption): bots save
      // attachments under `attachment.name`.
      const given = kind === 'file' ? media.caption : undefined;
      const attachment: Attachment = {
        contentType,
        contentUrl: media.url,
        name: mediaNameOf(contentType, message.id, media.url, given),
      };
      const text = kind === 'file' ? undefined : media.caption;
      return { text, attachments: [attachment] };
    }
  }
  if (isMessageType(message, 'location')) {
    const { latitude, longitude } = message.content.location;
    const entity: Entity = { type: 'GeoCoordinates', latitude, longitude };
    return { entities: [entity], value: { latitude, longitude } };
  }
  if (isMessageType(message, 'interactive')) {
    const interactive = message.content.interactive as Record<string, unknown>;
    const reply = interactive.reply as Record<string, string | undefined> | undefined;
    if (reply && typeof reply.id === 'string') {
      const text = reply.text ?? reply.title;
      // A button the adapter made of an object (Action.Submit data, a postBack value): the bot
      // gets that object as `value`, as on other channels; `text` is the tapped title.
      const data = dataOfReplyId(reply.id);
      if (data) return text === undefined ? { value: data } : { text, value: data };
      const value: ReplyValue = { type: String(interactive.type), id: reply.id, text };
      if (reply.description !== undefined) value.description = reply.description;
      return { text: text ?? reply.id, value };
    }
    return { value: interactive };
  }
  if (isMessageType(message, 'whatsappSticker')) {
    const link = message.content.whatsappSticker.link;
    const contentType = mimeTypeOf('whatsappSticker', link);
    return {
      attachments: [
        { contentType, contentUrl: link, name: mediaNameOf(contentType, message.id, link) },
      ],
    };
  }
  if (isMessageType(message, 'whatsappOrder')) {
    const order = message.content.whatsappOrder;
    return { text: order.text, value: { catalogId: order.catalog_id, items: order.product_items } };
  }
  if (isMessageType(message, 'whatsappText')) {
    const quoted = message.content.whatsappText;
    const product = quoted.context?.referred_product;
    return {
      text: quoted.text.body,
      textFormat: 'plain',
      value: product ? { referredProduct: product } : undefined,
    };
  }
  // A type we do not model: the bot still gets the turn, with the content as value.
  return { value: message.content };
}

/** The message this one answers: `replyTo`, `metadata.replyTo` or a quoted whatsappText. */
function replyToOf(message: Message): string | undefined {
  const candidates = [
    message.replyTo?.id,
    message.metadata?.replyTo?.id,
    isMessageType(message, 'whatsappText') ? message.content.whatsappText.context?.id : undefined,
  ];
  return candidates.find((id) => typeof id === 'string' && id !== '' && id !== ZERO_UUID);
}

function contactInfo(contact: Contact | undefined, message: Message | undefined): ContactInfo {
  const inbound = message?.direction === 'received';
  const phone = e164(contact?.msisdn) ?? e164(inbound ? message?.from : message?.to) ?? undefined;
  return {
    id: contact?.id,
    phone,
    displayName:
      nonEmpty(inbound ? message?.metadata?.sender?.displayName : undefined) ??
      readableName(contact?.displayName, phone) ??
      phone,
    firstName: nonEmpty(contact?.firstName),
    lastName: nonEmpty(contact?.lastName),
  };
}

function userAccount(contact: ContactInfo, conversation: Conversation): ChannelAccount {
  const id = contact.phone ?? contact.id ?? conversation.contactId ?? conversation.id;
  return { id, name: contact.displayName ?? id, role: 'user' };
}

/** A number or string as E.164, or undefined when it is none (either API's webhooks). */
export function e164(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (value === '') return undefined;
  try {
    return toE164(value);
  } catch {
    return undefined;
  }
}

/** The display name, or the E.164 number when MessageBird put the bare number there. */
function readableName(
  name: string | null | undefined,
  phone: string | undefined,
): string | undefined {
  const given = nonEmpty(name);
  if (given && phone && given.replace(/\D/g, '') === phone.slice(1)) return phone;
  return given;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
