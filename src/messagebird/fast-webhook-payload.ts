import { MESSAGE_TYPES } from './content.js';
import { DATETIME_PATTERN } from './datetime.js';
import { MESSAGE_STATUSES } from './message.js';
import type { WebhookPayload } from './webhook-payload.js';

/**
 * A quicker check of the webhook bodies MessageBird sends most (a `message.created` or
 * `message.updated` text message, with its contact and conversation) that answers what
 * `v.safeParse(WebhookPayload, body)` answers for them: a new object with the same keys in the
 * same order (the schema's own keys first, then the extra ones) and the same values. Anything
 * else, and anything it would refuse, it leaves to the schema (undefined), which words every
 * refusal. test/messagebird/fast-webhook-payload.test.ts holds it to the schema.
 */
export function fastWebhookPayload(input: unknown): WebhookPayload | undefined {
  if (!isObject(input)) return undefined;
  const type = input.type;
  if (type !== 'message.created' && type !== 'message.updated') return undefined;
  const out: Obj = { type };
  if ('contact' in input) {
    const contact = contactOf(input.contact);
    if (contact === undefined) return undefined;
    out.contact = contact;
  }
  if (!('conversation' in input)) return undefined;
  const conversation = conversationOf(input.conversation);
  if (conversation === undefined) return undefined;
  out.conversation = conversation;
  if (!('message' in input)) return undefined;
  const message = textMessageOf(input.message);
  if (message === undefined) return undefined;
  out.message = message;
  copyExtras(out, input, PAYLOAD_KEYS);
  return out as WebhookPayload;
}

type Obj = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

const PAYLOAD_KEYS = new Set(['type', 'contact', 'conversation', 'message']);
const CONTACT_KEYS = new Set([
  'id',
  'href',
  'msisdn',
  'displayName',
  'firstName',
  'lastName',
  'customDetails',
  'attributes',
  'createdDatetime',
  'updatedDatetime',
]);
const CONVERSATION_KEYS = new Set([
  'id',
  'contactId',
  'contact',
  'channels',
  'status',
  'createdDatetime',
  'updatedDatetime',
  'lastReceivedDatetime',
  'lastUsedChannelId',
  'lastUsedPlatformId',
  'messages',
]);
const MESSAGE_KEYS = new Set([
  'id',
  'conversationId',
  'channelId',
  'platform',
  'to',
  'from',
  'direction',
  'status',
  'createdDatetime',
  'updatedDatetime',
  'source',
  'tag',
  'fallback',
  'trackId',
  'origin',
  'reportUrl',
  'replyTo',
  'metadata',
  'error',
  'type',
  'content',
]);
const REFERENCE_KEYS = new Set(['id']);
const METADATA_KEYS = new Set(['replyTo', 'sender']);
const SENDER_KEYS = new Set(['displayName']);
const ERROR_KEYS = new Set(['code', 'description']);
const TEXT_CONTENT_KEYS = new Set(['text']);
/** The content keys of the other modelled types, which a text's content must not hold. */
const OTHER_CONTENT_KEYS = MESSAGE_TYPES.filter((type) => type !== 'text');
const STATUSES: ReadonlySet<unknown> = new Set(MESSAGE_STATUSES);
const MSISDN_PATTERN = /^\+?\d{4,15}$/;

/** A JSON object: arrays, which the schema's objects also take, are left to the schema. */
function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key valibot copies: own, and none of the three it never copies. */
function copyable(input: Obj, key: string): boolean {
  return (
    hasOwn.call(input, key) && key !== '__proto__' && key !== 'prototype' && key !== 'constructor'
  );
}

/** A loose object's extra keys, after its own, as valibot copies them. */
function copyExtras(out: Obj, input: Obj, known: ReadonlySet<string>): void {
  for (const key in input) if (!known.has(key) && copyable(input, key)) out[key] = input[key];
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
/** Present as null or a string (a present `undefined` is left to the schema). */
const isNullishString = (value: unknown) => value === null || typeof value === 'string';
const isDatetime = (value: unknown) => typeof value === 'string' && DATETIME_PATTERN.test(value);

/** `v.record(v.string(), v.unknown())` of an object: a copy of its copyable keys. */
function recordOf(input: Obj): Obj {
  const out: Obj = {};
  for (const key in input) if (copyable(input, key)) out[key] = input[key];
  return out;
}

/** `customDetails` or `attributes`: null, or an object (an array is left to the schema). */
function detailsOf(value: unknown): unknown {
  if (value === null) return null;
  return isObject(value) ? recordOf(value) : undefined;
}

function contactOf(input: unknown): Obj | undefined {
  if (!isObject(input)) return undefined;
  const out: Obj = {};
  if (!('id' in input) || !isNonEmpty(input.id)) return undefined;
  out.id = input.id;
  for (const key of ['href'] as const) {
    if (key in input) {
      if (!isNullishString(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  if ('msisdn' in input) {
    const m = input.msisdn;
    if (
      !(
        m === null ||
        (typeof m === 'number' && Number.isInteger(m) && m >= 1) ||
        (typeof m === 'string' && MSISDN_PATTERN.test(m))
      )
    ) {
      return undefined;
    }
    out.msisdn = m;
  }
  for (const key of ['displayName', 'firstName', 'lastName'] as const) {
    if (key in input) {
      if (!isNullishString(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  for (const key of ['customDetails', 'attributes'] as const) {
    if (key in input) {
      const details = detailsOf(input[key]);
      if (details === undefined) return undefined;
      out[key] = details;
    }
  }
  for (const key of ['createdDatetime', 'updatedDatetime'] as const) {
    if (key in input) {
      if (!isDatetime(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  copyExtras(out, input, CONTACT_KEYS);
  return out;
}

/** A conversation without `channels` or `messages` (webhooks carry neither; else the schema). */
function conversationOf(input: unknown): Obj | undefined {
  if (!isObject(input)) return undefined;
  const out: Obj = {};
  if (!('id' in input) || !isNonEmpty(input.id)) return undefined;
  out.id = input.id;
  if ('contactId' in input) {
    if (!isString(input.contactId)) return undefined;
    out.contactId = input.contactId;
  }
  if ('contact' in input) {
    const contact = contactOf(input.contact);
    if (contact === undefined) return undefined;
    out.contact = contact;
  }
  if ('channels' in input) return undefined;
  const status = input.status;
  if (status !== 'active' && status !== 'archived') return undefined;
  out.status = status;
  if (!isDatetime(input.createdDatetime)) return undefined;
  out.createdDatetime = input.createdDatetime;
  if ('updatedDatetime' in input) {
    if (!isDatetime(input.updatedDatetime)) return undefined;
    out.updatedDatetime = input.updatedDatetime;
  }
  if ('lastReceivedDatetime' in input) {
    const last = input.lastReceivedDatetime;
    if (last !== null && !isDatetime(last)) return undefined;
    out.lastReceivedDatetime = last;
  }
  for (const key of ['lastUsedChannelId', 'lastUsedPlatformId'] as const) {
    if (key in input) {
      if (!isString(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  if ('messages' in input) return undefined;
  copyExtras(out, input, CONVERSATION_KEYS);
  return out;
}

/** `replyTo`: null, or an object with a string `id`. */
function referenceOf(value: unknown): unknown {
  if (value === null) return null;
  if (!isObject(value) || !('id' in value) || !isString(value.id)) return undefined;
  const out: Obj = { id: value.id };
  copyExtras(out, value, REFERENCE_KEYS);
  return out;
}

function metadataOf(value: unknown): unknown {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const out: Obj = {};
  if ('replyTo' in value) {
    const replyTo = referenceOf(value.replyTo);
    if (replyTo === undefined) return undefined;
    out.replyTo = replyTo;
  }
  if ('sender' in value) {
    const sender = value.sender;
    if (sender === null) out.sender = null;
    else {
      if (!isObject(sender)) return undefined;
      const shown: Obj = {};
      if ('displayName' in sender) {
        if (!isNullishString(sender.displayName)) return undefined;
        shown.displayName = sender.displayName;
      }
      copyExtras(shown, sender, SENDER_KEYS);
      out.sender = shown;
    }
  }
  copyExtras(out, value, METADATA_KEYS);
  return out;
}

function errorOf(value: unknown): unknown {
  if (value === null) return null;
  if (!isObject(value)) return undefined;
  const code = value.code;
  if (typeof code !== 'number' || Number.isNaN(code)) return undefined;
  const out: Obj = { code };
  if ('description' in value) {
    if (!isString(value.description)) return undefined;
    out.description = value.description;
  }
  copyExtras(out, value, ERROR_KEYS);
  return out;
}

/** A text message (any other type is left to the schema). */
function textMessageOf(input: unknown): Obj | undefined {
  if (!isObject(input) || input.type !== 'text') return undefined;
  const out: Obj = {};
  for (const key of ['id', 'conversationId', 'channelId'] as const) {
    if (!isNonEmpty(input[key])) return undefined;
    out[key] = input[key];
  }
  if ('platform' in input) {
    if (!isString(input.platform)) return undefined;
    out.platform = input.platform;
  }
  for (const key of ['to', 'from'] as const) {
    if (key in input) {
      if (!isNullishString(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  const direction = input.direction;
  if (direction !== 'received' && direction !== 'sent') return undefined;
  out.direction = direction;
  if (!STATUSES.has(input.status)) return undefined;
  out.status = input.status;
  if (!isDatetime(input.createdDatetime)) return undefined;
  out.createdDatetime = input.createdDatetime;
  if ('updatedDatetime' in input) {
    const updated = input.updatedDatetime;
    if (updated !== null && !isDatetime(updated)) return undefined;
    out.updatedDatetime = updated;
  }
  if ('source' in input) {
    const source = detailsOf(input.source);
    if (source === undefined) return undefined;
    out.source = source;
  }
  if ('tag' in input) {
    if (!isNullishString(input.tag)) return undefined;
    out.tag = input.tag;
  }
  if ('fallback' in input) out.fallback = input.fallback;
  for (const key of ['trackId', 'origin', 'reportUrl'] as const) {
    if (key in input) {
      if (!isNullishString(input[key])) return undefined;
      out[key] = input[key];
    }
  }
  if ('replyTo' in input) {
    const replyTo = referenceOf(input.replyTo);
    if (replyTo === undefined) return undefined;
    out.replyTo = replyTo;
  }
  if ('metadata' in input) {
    const metadata = metadataOf(input.metadata);
    if (metadata === undefined) return undefined;
    out.metadata = metadata;
  }
  if ('error' in input) {
    const error = errorOf(input.error);
    if (error === undefined) return undefined;
    out.error = error;
  }
  out.type = 'text';
  const content = input.content;
  if (!isObject(content) || !isString(content.text)) return undefined;
  const text: Obj = { text: content.text };
  copyExtras(text, content, TEXT_CONTENT_KEYS);
  for (const other of OTHER_CONTENT_KEYS) if (other in text) return undefined;
  out.content = text;
  copyExtras(out, input, MESSAGE_KEYS);
  return out;
}
