import * as v from 'valibot';

/** Conversation, message, contact and webhook ids: 32 lowercase hex characters. */
export const HEX_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A dashed UUID, the other form a WhatsApp channel id takes. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The all-zero UUID that `metadata.replyTo.id` carries on messages that answer nothing. */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** True for a MessageBird resource id (32 lowercase hex characters). */
export function isMessageBirdId(value: unknown): value is string {
  return typeof value === 'string' && HEX_ID_PATTERN.test(value);
}

/** True for a WhatsApp channel id: 32 hex characters or a dashed UUID. */
export function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && (HEX_ID_PATTERN.test(value) || UUID_PATTERN.test(value));
}

/** Any non-empty string: ids as received, where real payloads are not always well formed. */
export const NonEmptyString = v.pipe(v.string(), v.minLength(1, 'must not be empty'));

/** A channel id in a request: 32 hex characters or a dashed UUID. */
export const ChannelId = v.pipe(
  v.string(),
  v.check(
    (id: string) => isChannelId(id),
    'expected a channel id: 32 hex characters or a dashed UUID',
  ),
);
