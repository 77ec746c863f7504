import * as v from 'valibot';
import { MESSAGE_CONTENT, MESSAGE_TYPES, type MessageType } from './content.js';
import { Datetime } from './datetime.js';
import { NonEmptyString } from './ids.js';

/** Every status a message can have. */
export const MESSAGE_STATUSES = [
  'accepted',
  'pending',
  'sent',
  'transmitted',
  'delivered',
  'read',
  'received',
  'rejected',
  'failed',
  'deleted',
  'unknown',
] as const;

/** A message status. */
export const MessageStatus = v.picklist(MESSAGE_STATUSES);

/** `received` for what the contact sent, `sent` for ours. */
export const MessageDirection = v.picklist(['received', 'sent']);

/** Why a message failed: `{code, description}`, such as 470 outside the 24-hour window. */
export const MessageError = v.looseObject({
  code: v.number(),
  description: v.optional(v.string()),
});

const Reference = v.looseObject({ id: v.string() });

/** The fields every message has, whatever its type. */
const MESSAGE_FIELDS = {
  id: NonEmptyString,
  conversationId: NonEmptyString,
  channelId: NonEmptyString,
  platform: v.optional(v.string()),
  to: v.nullish(v.string()),
  from: v.nullish(v.string()),
  direction: MessageDirection,
  status: MessageStatus,
  createdDatetime: Datetime,
  updatedDatetime: v.nullish(Datetime),
  source: v.nullish(v.record(v.string(), v.unknown())),
  tag: v.nullish(v.string()),
  fallback: v.nullish(v.unknown()),
  trackId: v.nullish(v.string()),
  origin: v.nullish(v.string()),
  reportUrl: v.nullish(v.string()),
  replyTo: v.nullish(Reference),
  metadata: v.nullish(
    v.looseObject({
      replyTo: v.nullish(Reference),
      sender: v.nullish(v.looseObject({ displayName: v.nullish(v.string()) })),
    }),
  ),
  error: v.nullish(MessageError),
};

const KNOWN_TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES);

/** A message of a type we do not model: its content passes through as it came. */
const OtherTypeMessage = v.looseObject({
  ...MESSAGE_FIELDS,
  type: v.pipe(
    NonEmptyString,
    v.check((t) => !KNOWN_TYPES.has(t)),
  ),
  content: v.record(v.string(), v.unknown()),
});

/** Fields common to every message. */
type MessageFields = v.InferOutput<v.LooseObjectSchema<typeof MESSAGE_FIELDS, undefined>>;

/** `type` and `content` of the types we model, paired. */
export type TypedContent = {
  [K in keyof typeof MESSAGE_CONTENT]: {
    type: K;
    content: v.InferOutput<(typeof MESSAGE_CONTENT)[K]>;
  };
}[keyof typeof MESSAGE_CONTENT];

/** A message of a type we do not model. */
export type OtherTypeMessage = v.InferOutput<typeof OtherTypeMessage>;

/** A message as the API returns it and webhooks carry it. */
export type Message = MessageFields &
  (TypedContent | { type: string; content: Record<string, unknown> });

/**
 * A message resource, inbound or outbound. Known types must carry their one content key; types we
 * do not model are kept with their raw content, never refused.
 */
export const Message = v.variant('type', [
  ...Object.entries(MESSAGE_CONTENT).map(([type, content]) =>
    v.looseObject({ ...MESSAGE_FIELDS, type: v.literal(type), content }),
  ),
  OtherTypeMessage,
]) as unknown as v.GenericSchema<unknown, Message>;

/** A message of one modelled type, with that type's content. */
export type MessageOfType<K extends MessageType> = MessageFields &
  Extract<TypedContent, { type: K }>;

/**
 * Narrows a message to one modelled type, so its content is typed.
 *
 * @example
 * if (isMessageType(message, 'file')) console.log(message.content.file.caption);
 */
export function isMessageType<K extends MessageType>(
  message: Message,
  type: K,
): message is MessageOfType<K> {
  return message.type === type;
}

/** A status. */
export type MessageStatus = v.InferOutput<typeof MessageStatus>;
/** A direction. */
export type MessageDirection = v.InferOutput<typeof MessageDirection>;
/** A message error. */
export type MessageError = v.InferOutput<typeof MessageError>;
