import { MatchersV3 } from '@pact-foundation/pact';

const { decimal, integer, like, regex } = MatchersV3;

/** RFC 3339 UTC or offset, with 0 to 9 fractional digits: what MessageBird sends and the adapter reads. */
export const RFC3339 = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$`;
/** A MessageBird id: 32 lowercase hex characters. */
export const HEX_ID = '^[0-9a-f]{32}$';
/** A dashed UUID, the other form of a WhatsApp channel id. */
export const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** A WhatsApp channel id, in either of its forms. */
export const CHANNEL_ID =
  '^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$';
/** An E.164 phone number. */
export const E164 = String.raw`^\+[1-9]\d{6,14}$`;

/**
 * Keys whose values are the meaning of a payload (event and message types, statuses, error codes,
 * the template language): kept as literal values, so the pact says exactly which one.
 */
const EXACT_KEYS = new Set([
  'type',
  'sub_type',
  'direction',
  'status',
  'platform',
  'policy',
  'code',
]);

/** Keys that hold a channel id (`from` of a send is one), which may come in either form. */
const CHANNEL_KEYS = new Set(['channelId', 'lastUsedChannelId', 'from']);

/**
 * Turns an example payload (from test/payloads) into Pact matchers that describe its shape: ids,
 * channel ids, UUIDs, phone numbers and timestamps by regex, other strings and numbers by type, the values of
 * EXACT_KEYS literally. Arrays keep their elements (each shaped), since WhatsApp's arrays
 * (buttons, sections, template components) mix element shapes. Timestamps use a regex rather than
 * `datetime`, because MessageBird sends 0 to 9 fractional digits and a format pins one.
 */
export function shapeOf(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => shapeOf(item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, k)]));
  }
  if (key !== undefined && EXACT_KEYS.has(key)) return value;
  if (typeof value === 'number') return Number.isInteger(value) ? integer(value) : decimal(value);
  if (typeof value !== 'string') return value === null ? null : like(value);
  if (key !== undefined && CHANNEL_KEYS.has(key) && new RegExp(CHANNEL_ID).test(value)) {
    return regex(CHANNEL_ID, value);
  }
  if (new RegExp(HEX_ID).test(value)) return regex(HEX_ID, value);
  if (new RegExp(UUID).test(value)) return regex(UUID, value);
  if (new RegExp(E164).test(value)) return regex(E164, value);
  if (new RegExp(RFC3339).test(value)) return regex(RFC3339, value);
  return like(value);
}
