import * as v from 'valibot';
import { OUTBOUND_CONTENT } from './content.js';
import { ConversationStatus } from './conversation.js';
import { ChannelId, NonEmptyString } from './ids.js';

/** A recipient: an E.164 number (with or without `+`) or a contact id. */
export const Recipient = v.pipe(
  v.string(),
  v.regex(
    /^(?:\+?[1-9]\d{6,14}|[0-9a-f]{32})$/,
    'expected an international phone number such as +31612345678, or a contact id',
  ),
);

/** Optional fields every send-like request may carry. */
const SEND_OPTIONS = {
  reportUrl: v.optional(v.pipe(v.string(), v.url('expected an absolute URL for status reports'))),
  source: v.optional(v.record(v.string(), v.unknown())),
  tag: v.optional(v.string()),
  trackId: v.optional(v.string()),
  ttl: v.optional(v.union([v.string(), v.number()])),
};

/** `fallback`: another channel to try when the message is not delivered in time. */
const Fallback = v.object({ from: ChannelId, after: v.optional(v.string()) });

/** Builds the variant of `{type, content}` pairs the outbound types allow, with other fields. */
function outbound<const E extends v.ObjectEntries>(entries: E) {
  return v.variant('type', [
    v.object({ ...entries, type: v.literal('text'), content: OUTBOUND_CONTENT.text }),
    v.object({ ...entries, type: v.literal('image'), content: OUTBOUND_CONTENT.image }),
    v.object({ ...entries, type: v.literal('video'), content: OUTBOUND_CONTENT.video }),
    v.object({ ...entries, type: v.literal('audio'), content: OUTBOUND_CONTENT.audio }),
    v.object({ ...entries, type: v.literal('file'), content: OUTBOUND_CONTENT.file }),
    v.object({ ...entries, type: v.literal('location'), content: OUTBOUND_CONTENT.location }),
    v.object({ ...entries, type: v.literal('hsm'), content: OUTBOUND_CONTENT.hsm }),
    v.object({ ...entries, type: v.literal('interactive'), content: OUTBOUND_CONTENT.interactive }),
  ]);
}

/** `POST /v1/send`: `from` is the channel id, `to` a number or contact id. */
export const SendRequest = outbound({
  to: Recipient,
  from: ChannelId,
  fallback: v.optional(Fallback),
  ...SEND_OPTIONS,
});

/** `POST /v1/conversations/start`: opens (or resumes) the contact's conversation. */
export const StartConversationRequest = outbound({
  channelId: ChannelId,
  to: Recipient,
  ...SEND_OPTIONS,
});

/** `POST /v1/conversations/{id}/messages`: a reply in an existing conversation. */
export const ReplyRequest = outbound({
  channelId: v.optional(ChannelId),
  fallback: v.optional(Fallback),
  ...SEND_OPTIONS,
});

/** `PATCH /v1/conversations/{id}`. */
export const UpdateConversationRequest = v.object({ status: ConversationStatus });

/** `202` answer to `/send`: the new message's id, `status: "accepted"` and a fallback id if asked. */
export const SendResponse = v.looseObject({
  id: NonEmptyString,
  status: v.optional(v.string()),
  fallback: v.nullish(v.looseObject({ id: v.string() })),
});

/** A `/send` body. */
export type SendRequest = v.InferOutput<typeof SendRequest>;
/** A `/conversations/start` body. */
export type StartConversationRequest = v.InferOutput<typeof StartConversationRequest>;
/** A conversation-reply body. */
export type ReplyRequest = v.InferOutput<typeof ReplyRequest>;
/** A `/send` answer. */
export type SendResponse = v.InferOutput<typeof SendResponse>;
/** An `{type, content}` pair the bot can send. */
export type OutboundContent = Pick<SendRequest, 'type' | 'content'>;
