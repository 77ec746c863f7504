import * as v from 'valibot';
import { Contact } from './contact.js';
import { Datetime } from './datetime.js';
import { NonEmptyString } from './ids.js';

/** A conversation's status. */
export const ConversationStatus = v.picklist(['active', 'archived']);

/** A channel as listed on a conversation. */
export const ConversationChannel = v.looseObject({
  id: NonEmptyString,
  name: v.optional(v.string()),
  platformId: v.optional(v.string()),
  status: v.optional(v.string()),
  createdDatetime: v.optional(Datetime),
  updatedDatetime: v.optional(Datetime),
});

/**
 * A conversation. From the API it carries `contact`, `channels` and `messages`; in webhooks it
 * carries none of them, so all three are optional here.
 */
export const Conversation = v.looseObject({
  id: NonEmptyString,
  contactId: v.optional(v.string()),
  contact: v.optional(Contact),
  channels: v.optional(v.array(ConversationChannel)),
  status: ConversationStatus,
  createdDatetime: Datetime,
  updatedDatetime: v.optional(Datetime),
  lastReceivedDatetime: v.nullish(Datetime),
  lastUsedChannelId: v.optional(v.string()),
  lastUsedPlatformId: v.optional(v.string()),
  messages: v.optional(
    v.looseObject({
      totalCount: v.number(),
      href: v.optional(v.string()),
      lastMessageId: v.optional(v.string()),
    }),
  ),
});

/** A parsed conversation. */
export type Conversation = v.InferOutput<typeof Conversation>;
/** `active` or `archived`. */
export type ConversationStatus = v.InferOutput<typeof ConversationStatus>;
