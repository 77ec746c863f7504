import * as v from 'valibot';
import { BirdBody } from './body.js';
import { BirdTime, NonEmpty } from './common.js';

/**
 * Every status a Channels API message has: the lifecycle `accepted → processing → sent →
 * delivered`, `read`, and the failures `sending_failed` and `delivery_failed`, whose `reason` says
 * why. Source: docs.bird.com channels-api/message-status-and-interactions and Bird's message schema;
 * `read` from two code bases only.
 */
export const BIRD_MESSAGE_STATUSES = [
  'accepted',
  'processing',
  'sent',
  'delivered',
  'read',
  'sending_failed',
  'delivery_failed',
] as const;

/** A message status we know. */
export const BirdMessageStatus = v.picklist(
  BIRD_MESSAGE_STATUSES,
  `expected a status: ${BIRD_MESSAGE_STATUSES.join(', ')}`,
);

/** The two failure statuses, on which `reason` is filled. */
export const BIRD_FAILED_STATUSES = ['sending_failed', 'delivery_failed'] as const;

/** True for `sending_failed` and `delivery_failed`. */
export function isBirdFailedStatus(status: string): status is 'sending_failed' | 'delivery_failed' {
  return status === 'sending_failed' || status === 'delivery_failed';
}

/** `incoming` for what the contact sent, `outgoing` for ours. */
export const BirdDirection = v.picklist(
  ['incoming', 'outgoing'],
  'expected direction incoming or outgoing',
);

/**
 * A contact as a message names it: `{id, identifierKey, identifierValue}`. `identifierKey` is
 * usually `phonenumber`, but a contact may carry `identifiers[]` with other keys
 * (`whatsappbsuid`, `whatsappusername`) and no phone number (a code base, 2026). No sample has a
 * display name; `displayName` is read where present (one code base reads it as a fallback).
 */
export const BirdMessageContact = v.looseObject({
  id: v.optional(v.string()),
  identifierKey: v.optional(v.string()),
  identifierValue: v.optional(v.string()),
  identifiers: v.optional(
    v.array(
      v.looseObject({
        identifierKey: v.optional(v.string()),
        identifierValue: v.optional(v.string()),
        key: v.optional(v.string()),
        value: v.optional(v.string()),
      }),
    ),
  ),
  displayName: v.optional(v.string()),
});

/** The channel's side: `{id, identifierValue?, annotations?}` (the business number). */
export const BirdConnector = v.looseObject({
  id: v.optional(v.string()),
  identifierValue: v.optional(v.string()),
  annotations: v.optional(v.record(v.string(), v.unknown())),
});

/** A message's `sender`: a contact (incoming) or the connector (outgoing). */
export const BirdSender = v.looseObject({
  contact: v.optional(BirdMessageContact),
  connector: v.optional(BirdConnector),
});

/** A message's `receiver`: the contacts (outgoing) or the connector (incoming). */
export const BirdReceiver = v.looseObject({
  contacts: v.optional(v.array(BirdMessageContact)),
  connector: v.optional(BirdConnector),
});

/** The template a message was sent with, as Bird echoes it (fields optional, extras kept). */
const EchoedTemplate = v.looseObject({
  projectId: v.optional(v.string()),
  version: v.optional(v.string()),
  locale: v.optional(v.string()),
  name: v.optional(v.string()),
  parameters: v.optional(v.array(v.looseObject({ key: v.string(), value: v.unknown() }))),
});

/**
 * `meta`: `extraInformation.timestamp` is WhatsApp's Unix seconds as a string on incoming
 * messages (receiving-messages; Pipedream's capture); other keys are kept.
 */
export const BirdMessageMeta = v.looseObject({
  extraInformation: v.optional(v.record(v.string(), v.unknown())),
});

/** One part: `platformReference` is WhatsApp's `wamid.…`. */
export const BirdMessagePart = v.looseObject({ platformReference: v.optional(v.string()) });

/**
 * A message of the Channels API, as a send answers (202), `GET …/messages/{id}` answers and both
 * webhooks carry it. Source: receiving-messages, programmable-email/message-status, Pipedream's
 * test event; `direction: 'outgoing'` from a code base. Lenient as the samples differ: extra
 * fields are kept; `body` (absent on template sends), `template`, `meta`, `reference`, `parts`,
 * `reason`, `lastStatusAt` and `updatedAt` may be missing or null. A status outside
 * BIRD_MESSAGE_STATUSES is kept as given (Bird may add one; refusing it would lose the webhook).
 */
export const BirdChannelMessage = v.looseObject({
  id: NonEmpty,
  channelId: NonEmpty,
  sender: BirdSender,
  receiver: BirdReceiver,
  body: v.nullish(BirdBody),
  template: v.nullish(EchoedTemplate),
  meta: v.nullish(BirdMessageMeta),
  reference: v.nullish(v.string()),
  parts: v.nullish(v.array(BirdMessagePart)),
  status: v.union(
    [BirdMessageStatus, NonEmpty],
    `expected a status: ${BIRD_MESSAGE_STATUSES.join(', ')}`,
  ) as v.GenericSchema<unknown, BirdMessageStatus | (string & {})>,
  reason: v.nullish(v.string()),
  direction: BirdDirection,
  lastStatusAt: v.nullish(BirdTime),
  createdAt: BirdTime,
  updatedAt: v.nullish(BirdTime),
});

/** A status we know. */
export type BirdMessageStatus = v.InferOutput<typeof BirdMessageStatus>;
/** A direction. */
export type BirdDirection = v.InferOutput<typeof BirdDirection>;
/** A contact on a message. */
export type BirdMessageContact = v.InferOutput<typeof BirdMessageContact>;
/** The connector. */
export type BirdConnector = v.InferOutput<typeof BirdConnector>;
/** A sender. */
export type BirdSender = v.InferOutput<typeof BirdSender>;
/** A receiver. */
export type BirdReceiver = v.InferOutput<typeof BirdReceiver>;
/** A message's meta. */
export type BirdMessageMeta = v.InferOutput<typeof BirdMessageMeta>;
/** A message part. */
export type BirdMessagePart = v.InferOutput<typeof BirdMessagePart>;
/** A message of the Channels API. */
export type BirdChannelMessage = v.InferOutput<typeof BirdChannelMessage>;
