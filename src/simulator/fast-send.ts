import type { BirdSendRequest } from '../bird/send.js';
import { isChannelId } from '../messagebird/ids.js';
import { Recipient, type SendRequest } from '../messagebird/requests.js';
import { WHATSAPP_LIMITS } from '../whatsapp/index.js';
import { isE164 } from '../whatsapp/phone.js';

/*
 * The sends' common shapes, recognised without valibot: a text `/v1/send` and a Bird text send to
 * one phone number. Each returns what the schema's parse returns for the body (the same keys, in
 * the same order, with the same values), or undefined for anything else, which then goes through
 * the schema as before: every refusal, and its wording, is still valibot's. Checks written here
 * are the schema's own (the same patterns and limits, taken from where the schemas take them).
 */

/** `Recipient`'s pattern, read off the schema so that the two cannot drift apart. */
const RECIPIENT: RegExp | undefined = (
  (Recipient as { pipe?: readonly { type?: string; requirement?: unknown }[] }).pipe ?? []
).find((item) => item.type === 'regex' && item.requirement instanceof RegExp)?.requirement as
  | RegExp
  | undefined;

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** True when `value` is a plain object whose own keys are exactly `keys`, in that order. */
function hasKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (!isPlain(value)) return false;
  let i = 0;
  for (const key in value) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

const TEXT_KEYS = ['text'];

/**
 * `SendRequest`'s parse of a text send `{to, from, type: 'text', content: {text}}` (the four keys
 * in any order, nothing else), or undefined.
 */
export function fastSendRequest(input: unknown): SendRequest | undefined {
  if (!RECIPIENT || !isPlain(input)) return undefined;
  let keys = 0;
  for (const key in input) {
    if (key !== 'to' && key !== 'from' && key !== 'type' && key !== 'content') return undefined;
    keys++;
  }
  if (keys !== 4) return undefined;
  const { to, from, type, content } = input;
  if (type !== 'text' || typeof to !== 'string' || !RECIPIENT.test(to)) return undefined;
  if (!isChannelId(from) || !hasKeys(content, TEXT_KEYS)) return undefined;
  const text = content.text;
  if (typeof text !== 'string' || text.length < 1 || text.length > WHATSAPP_LIMITS.text) {
    return undefined;
  }
  // The schema's output: its entries' order (to, from, type, content), the content a new object.
  return { to, from, type: 'text', content: { text } };
}

const BIRD_SEND_KEYS = ['receiver', 'body'];
const RECEIVER_KEYS = ['contacts'];
const CONTACT_KEYS = ['identifierKey', 'identifierValue'];
const BODY_KEYS = ['type', 'text'];

/**
 * `BirdSendRequest`'s parse of a text send to one phone number,
 * `{receiver: {contacts: [{identifierKey: 'phonenumber', identifierValue}]}, body: {type: 'text',
 * text: {text}}}` with the keys in the schema's order and nothing else, or undefined.
 */
export function fastBirdSendRequest(input: unknown): BirdSendRequest | undefined {
  if (!hasKeys(input, BIRD_SEND_KEYS)) return undefined;
  const { receiver, body } = input;
  if (!hasKeys(receiver, RECEIVER_KEYS)) return undefined;
  const contacts = receiver.contacts;
  if (!Array.isArray(contacts) || contacts.length !== 1) return undefined;
  const contact: unknown = contacts[0];
  if (!hasKeys(contact, CONTACT_KEYS) || contact.identifierKey !== 'phonenumber') return undefined;
  const identifierValue = contact.identifierValue;
  if (!isE164(identifierValue)) return undefined;
  if (!hasKeys(body, BODY_KEYS) || body.type !== 'text' || !hasKeys(body.text, TEXT_KEYS)) {
    return undefined;
  }
  const text = body.text.text;
  if (typeof text !== 'string' || text.length < 1) return undefined;
  // The schema's output, made anew in its order (the request is kept and answered as it was sent).
  return {
    receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue }] },
    body: { type: 'text', text: { text } },
  } as BirdSendRequest;
}
