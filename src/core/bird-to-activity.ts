import { type BirdBody, captionText, isBirdBodyType } from '../bird/body.js';
import type { BirdChannelMessage, BirdMessageContact } from '../bird/message.js';
import type { BirdInteraction, BirdWebhook } from '../bird/webhook.js';
import type { Activity, Attachment, ChannelAccount, Entity } from './activity.js';
import { dataOfReplyId } from './cards/reply-data.js';
import { mediaNameOf, mimeTypeOf } from './mime.js';
import {
  activityShell,
  type ChannelInfo,
  type ContactInfo,
  e164,
  type ReplyValue,
  STATUS_EVENT_NAME,
  type StatusValue,
} from './to-activity.js';

/** What `activity.channelData` holds for activities from Bird: the same fields as from MessageBird. */
export interface BirdChannelData {
  /** The webhook event: `whatsapp.inbound`, `whatsapp.outbound` or `whatsapp.interaction`. */
  event: string;
  /** Bird's body type (`text`, `image`, `file`, `list`, `location`…), for messages. */
  messageType?: string;
  /** Bird's status of the message (`delivered`, `sending_failed`…), for messages. */
  status?: string;
  contact: ContactInfo;
  /** Bird has no conversation: the id is the channel and the contact's number, always `active`. */
  conversation: { id: string; status: string };
  /** The webhook body exactly as Bird sent it. */
  payload: unknown;
}

/** The `value.type` of a Bird tap (Bird does not say whether a button or a list row was tapped). */
export const BIRD_REPLY_TYPE = 'postback';

/**
 * Bird's statuses in the Conversations API's words, so a bot reads one vocabulary:
 * `accepted` → `accepted`, `processing` → `pending`, `sent` → `sent`, `delivered` → `delivered`,
 * `read` → `read`, `sending_failed` and `delivery_failed` → `failed`. A status Bird adds later is
 * passed on as it is. Bird's own word stays in `StatusValue.birdStatus`.
 */
export const BIRD_STATUS_WORDS: Readonly<Record<string, string>> = {
  accepted: 'accepted',
  processing: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  sending_failed: 'failed',
  delivery_failed: 'failed',
};

/** WhatsApp's error code of a free-form message outside the 24-hour window. */
export const WINDOW_CLOSED_CODE = 470;

/**
 * True when a failure's reason names the 24-hour window (a reading: Bird publishes no code or text
 * for it; WhatsApp's own wording is "more than 24 hours have passed since the customer last
 * replied", and "re-engagement" its name for the error).
 */
export function isWindowClosedReason(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && /\b24[- ]?hours?\b|\bwindow\b|re-?engagement/i.test(reason);
}

/** The conversation id of a contact on a Bird channel: `{channelId}:{E.164}`. */
export function birdConversationId(channelId: string, phone: string): string {
  return `${channelId}:${phone}`;
}

/**
 * Turns a Bird webhook into the activity the bot sees: the SAME activity the Conversations API's
 * webhook of the same thing makes (`toActivity`), or `undefined` when it is not a turn. `raw` is
 * the body as received, kept in `channelData.payload`. `contactOf` names the contact a message
 * was sent to (an interaction does not say). Pure.
 *
 * - `whatsapp.inbound`: (for the contact's first message the adapter knows of, `options.firstContact`,
 *   first a `conversationUpdate` with the contact in `membersAdded`, as on MessageBird), then
 *   a `message` activity from the contact (`from.id` its E.164 number, its
 *   name when Bird gives one, else the number), conversation keyed on channel and contact. Text;
 *   a tap (`text.actions` with a postback: a reading) as `text` (the title) and `value` (the
 *   postback payload, the button's id: a JSON object id gives the object, as on MessageBird);
 *   images and files as attachments with their MIME types (a file's own, an image's read from its
 *   URL, else `image/jpeg`); a location as a GeoCoordinates entity and `value`; other bodies as
 *   `value`, never dropped.
 * - `whatsapp.outbound`: the status event (`messagebird/status`), its status in the Conversations
 *   API's words (`BIRD_STATUS_WORDS`), Bird's own in `birdStatus` and `reason`; a failure's
 *   `error` is `{code: 470}` when the reason names the 24-hour window, else `{code: 0}`, with the
 *   reason as description. `accepted` is the echo of our own send, not a turn (as MessageBird's
 *   `message.created` of a sent message is not).
 * - `whatsapp.interaction` `read`: the same status event with status `read`, for a message whose
 *   contact `contactOf` knows. Other interactions and events are not turns.
 */
export function birdToActivity(
  webhook: BirdWebhook,
  raw: unknown,
  channel: ChannelInfo,
  contactOf: (messageId: string) => string | undefined = () => undefined,
  options: BirdActivityOptions = {},
): Activity | Activity[] | undefined {
  if (webhook.event === 'whatsapp.interaction') {
    return interactionActivity(
      webhook.event,
      webhook.payload as BirdInteraction,
      raw,
      channel,
      contactOf,
    );
  }
  if (webhook.event !== 'whatsapp.inbound' && webhook.event !== 'whatsapp.outbound') {
    return undefined;
  }
  const message = webhook.payload as BirdChannelMessage;
  if (webhook.event === 'whatsapp.outbound') {
    if (message.status === 'accepted') return undefined;
    return statusActivity(webhook.event, message, raw, channel);
  }
  if (message.direction !== 'incoming') return undefined;

  const contact = birdContactInfo(message.sender.contact, message.meta?.extraInformation);
  const activity = newActivity(
    'message',
    message.id,
    message.createdAt,
    contact,
    channel,
    channelData(webhook.event, contact, channel, raw, message),
  );
  const replyTo = (message as { replyTo?: { id?: unknown } }).replyTo?.id;
  if (typeof replyTo === 'string' && replyTo !== '') activity.replyToId = replyTo;
  const content = birdMessageContent(message);
  for (const key in content) {
    const field = key as keyof typeof content;
    if (content[field] !== undefined) (activity as Record<string, unknown>)[field] = content[field];
  }
  if (!options.firstContact) return activity;
  const joined = newActivity(
    'conversationUpdate',
    `${message.id}:membersAdded`,
    message.createdAt,
    contact,
    channel,
    channelData(webhook.event, contact, channel, raw, message),
  );
  joined.membersAdded = [joined.from as ChannelAccount];
  return [joined, activity];
}

/** How `birdToActivity` reads a webhook beyond its body. */
export interface BirdActivityOptions {
  /**
   * The message is the first of the contact the adapter knows of: a `conversationUpdate` with the
   * contact in `membersAdded` comes before it, as MessageBird's `conversation.created` comes
   * before a new contact's first message (Bird has no conversation events: a reading).
   */
  firstContact?: boolean;
}

/** The text, attachments, entities and value of an inbound message, by body type. */
export function birdMessageContent(
  message: BirdChannelMessage,
): Pick<Activity, 'text' | 'attachments' | 'entities' | 'value' | 'textFormat'> {
  const body = message.body as BirdBody | null | undefined;
  if (!body) return { value: message.template ?? {} };
  if (isBirdBodyType(body, 'text')) {
    const tapped = body.text.actions?.find((a) => a.type === 'postback');
    if (tapped?.type === 'postback') {
      const text = body.text.text || tapped.postback.text;
      const id = tapped.postback.payload;
      // A button the adapter made of an object (Action.Submit data, a postBack value): the bot
      // gets that object as `value`, as on other channels; `text` is the tapped title.
      const data = dataOfReplyId(id);
      if (data) return { text, value: data };
      const value: ReplyValue = { type: BIRD_REPLY_TYPE, id, text };
      return { text, value };
    }
    return { text: body.text.text, textFormat: 'plain' };
  }
  if (isBirdBodyType(body, 'image')) {
    const images = body.image.images;
    const attachments = images.map((image, i): Attachment => {
      const contentType = mimeTypeOf('image', image.mediaUrl);
      const stem = images.length > 1 ? `${message.id}-${i + 1}` : message.id;
      return {
        contentType,
        contentUrl: image.mediaUrl,
        name: mediaNameOf(contentType, stem, image.mediaUrl),
      };
    });
    return { text: captionText(body.image.text), attachments };
  }
  if (isBirdBodyType(body, 'file')) {
    const files = body.file.files;
    const attachments = files.map((file, i): Attachment => {
      const contentType = file.contentType.split(';')[0]?.trim().toLowerCase() || file.contentType;
      const stem = files.length > 1 ? `${message.id}-${i + 1}` : message.id;
      return {
        contentType,
        contentUrl: file.mediaUrl,
        name: mediaNameOf(contentType, stem, file.mediaUrl, file.filename),
      };
    });
    return { text: captionText(body.file.text), attachments };
  }
  if (isBirdBodyType(body, 'location')) {
    const { latitude, longitude } = body.location.coordinates;
    const entity: Entity = { type: 'GeoCoordinates', latitude, longitude };
    return { entities: [entity], value: { latitude, longitude } };
  }
  // A type we do not model: the bot still gets the turn, with the body as value.
  return { value: body };
}

function statusActivity(
  event: string,
  message: BirdChannelMessage,
  raw: unknown,
  channel: ChannelInfo,
): Activity {
  const contact = birdContactInfo(message.receiver.contacts?.[0], undefined);
  const value: StatusValue = {
    messageId: message.id,
    status: BIRD_STATUS_WORDS[message.status] ?? message.status,
    to: contact.phone,
    at: message.lastStatusAt ?? message.updatedAt ?? message.createdAt,
    birdStatus: message.status,
  };
  const reason = message.reason ?? undefined;
  if (reason) value.reason = reason;
  if (value.status === 'failed') {
    value.error = {
      code: isWindowClosedReason(reason) ? WINDOW_CLOSED_CODE : 0,
      description: reason || message.status,
    };
  }
  const activity = newActivity(
    'event',
    `${message.id}:${message.status}`,
    value.at as string,
    contact,
    channel,
    channelData(event, contact, channel, raw, message),
  );
  activity.name = STATUS_EVENT_NAME;
  activity.replyToId = message.id;
  activity.value = value;
  return activity;
}

function interactionActivity(
  event: string,
  interaction: BirdInteraction,
  raw: unknown,
  channel: ChannelInfo,
  contactOf: (messageId: string) => string | undefined,
): Activity | undefined {
  if (interaction.type !== 'read') return undefined;
  const phone = contactOf(interaction.messageId);
  if (!phone) return undefined;
  const contact: ContactInfo = {
    id: undefined,
    phone,
    displayName: phone,
    firstName: undefined,
    lastName: undefined,
  };
  const at = interaction.createdAt ?? new Date().toISOString();
  const value: StatusValue = {
    messageId: interaction.messageId,
    status: 'read',
    to: phone,
    at,
    birdStatus: 'read',
  };
  const data = channelData(event, contact, channel, raw);
  data.status = 'read';
  const activity = newActivity(
    'event',
    `${interaction.messageId}:read`,
    at,
    contact,
    channel,
    data,
  );
  activity.name = STATUS_EVENT_NAME;
  activity.replyToId = interaction.messageId;
  activity.value = value;
  return activity;
}

/** The fields every activity from Bird has, as `toActivity` makes them for MessageBird. */
function newActivity(
  type: string,
  id: string,
  datetime: string,
  contact: ContactInfo,
  channel: ChannelInfo,
  data: BirdChannelData,
): Activity {
  return activityShell(
    type,
    id,
    datetime,
    userAccount(contact),
    data.conversation.id,
    channel,
    data,
  );
}

function channelData(
  event: string,
  contact: ContactInfo,
  channel: ChannelInfo,
  raw: unknown,
  message?: BirdChannelMessage,
): BirdChannelData {
  const key = contact.phone ?? contact.id ?? 'unknown';
  const data: BirdChannelData = {
    event,
    contact,
    conversation: { id: birdConversationId(channel.channelId, key), status: 'active' },
    payload: raw,
  };
  if (message) {
    const type = (message.body as { type?: unknown } | null | undefined)?.type;
    data.messageType = typeof type === 'string' ? type : message.template ? 'template' : undefined;
    data.status = message.status;
  }
  return data;
}

/**
 * The contact of a message: its E.164 number from `identifierValue` (when the key is
 * `phonenumber` or missing), else from `identifiers[]`, else `meta.extraInformation.phoneNumber`;
 * the display name when Bird gives one (it usually does not), else the number.
 */
export function birdContactInfo(
  contact: BirdMessageContact | undefined,
  extra: Record<string, unknown> | undefined,
): ContactInfo {
  const candidates: unknown[] = [];
  if (!contact?.identifierKey || contact.identifierKey === 'phonenumber') {
    candidates.push(contact?.identifierValue);
  }
  for (const identifier of contact?.identifiers ?? []) {
    const key = identifier.identifierKey ?? identifier.key;
    if (key === 'phonenumber') candidates.push(identifier.identifierValue ?? identifier.value);
  }
  candidates.push(extra?.phoneNumber);
  const phone = candidates.map(e164).find((p) => p !== undefined);
  const name = contact?.displayName?.trim() ? contact.displayName : undefined;
  return {
    id: contact?.id || undefined,
    phone,
    displayName: name ?? phone,
    firstName: undefined,
    lastName: undefined,
  };
}

function userAccount(contact: ContactInfo): ChannelAccount {
  const id = contact.phone ?? contact.id ?? 'unknown';
  return { id, name: contact.displayName ?? id, role: 'user' };
}
