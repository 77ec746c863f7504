import * as v from 'valibot';
import { BirdTime, NonEmpty } from './common.js';
import { BirdChannelMessage } from './message.js';

/**
 * The WhatsApp events of the Channels API: a contact's message (`whatsapp.inbound`), a status of
 * ours (`whatsapp.outbound`, one delivery per status), and an interaction such as a read receipt
 * (`whatsapp.interaction`, from two code bases only). Source: message-status-and-interactions.
 */
export const BIRD_EVENTS = [
  'whatsapp.inbound',
  'whatsapp.outbound',
  'whatsapp.interaction',
] as const;

/** An event we know. */
export const BirdWebhookEvent = v.picklist(
  BIRD_EVENTS,
  `expected an event: ${BIRD_EVENTS.join(', ')}`,
);

const Service = v.literal('channels', 'expected service "channels"');

/** `whatsapp.inbound`: a message from a contact, `direction: 'incoming'`. */
export const BirdInboundWebhook = v.looseObject({
  service: Service,
  event: v.literal('whatsapp.inbound'),
  payload: BirdChannelMessage,
});

/** `whatsapp.outbound`: one status of a message we sent, `direction: 'outgoing'`. */
export const BirdOutboundWebhook = v.looseObject({
  service: Service,
  event: v.literal('whatsapp.outbound'),
  payload: BirdChannelMessage,
});

/**
 * An interaction's payload: `{type, messageId, channelId, createdAt}`, `type: 'read'` for a read
 * receipt (reactions too). CODE ONLY: the fields two code bases read; the rest is kept as given.
 */
export const BirdInteraction = v.looseObject({
  type: NonEmpty,
  messageId: NonEmpty,
  channelId: v.optional(v.string()),
  createdAt: v.optional(BirdTime),
});

/** `whatsapp.interaction`: something the contact did with a message, such as reading it. */
export const BirdInteractionWebhook = v.looseObject({
  service: Service,
  event: v.literal('whatsapp.interaction'),
  payload: BirdInteraction,
});

const KNOWN_EVENTS: ReadonlySet<string> = new Set(BIRD_EVENTS);

/** An event we do not model: its payload passes through as it came. */
const OtherWebhook = v.looseObject({
  service: Service,
  event: v.pipe(
    NonEmpty,
    v.check((e) => !KNOWN_EVENTS.has(e), 'expected an event'),
  ),
  payload: v.unknown(),
});

/** A webhook of an event we do not model. */
export type BirdOtherWebhook = { service: 'channels'; event: string; payload: unknown };

/** A known webhook. */
export type BirdInboundWebhook = v.InferOutput<typeof BirdInboundWebhook>;
/** A status webhook. */
export type BirdOutboundWebhook = v.InferOutput<typeof BirdOutboundWebhook>;
/** An interaction. */
export type BirdInteraction = v.InferOutput<typeof BirdInteraction>;
/** An interaction webhook. */
export type BirdInteractionWebhook = v.InferOutput<typeof BirdInteractionWebhook>;

/** Any webhook body: `{service: 'channels', event, payload}`. */
export type BirdWebhook =
  | BirdInboundWebhook
  | BirdOutboundWebhook
  | BirdInteractionWebhook
  | BirdOtherWebhook;

/**
 * A webhook body, `{service: 'channels', event, payload}`, variant on `event`: the three WhatsApp
 * events with their payloads checked, any other event kept with its payload as it came. Source:
 * Pipedream's Bird components, three code bases and the docs.
 */
export const BirdWebhook = v.variant('event', [
  BirdInboundWebhook,
  BirdOutboundWebhook,
  BirdInteractionWebhook,
  OtherWebhook,
]) as unknown as v.GenericSchema<unknown, BirdWebhook>;

/** The webhook of one known event. */
export type BirdWebhookOf<E extends BirdWebhookEvent> = Extract<
  BirdInboundWebhook | BirdOutboundWebhook | BirdInteractionWebhook,
  { event: E }
>;

/**
 * Narrows a webhook to one known event, so its payload is typed.
 *
 * @example
 * if (isBirdWebhookEvent(webhook, 'whatsapp.inbound')) console.log(webhook.payload.sender.contact);
 */
export function isBirdWebhookEvent<E extends BirdWebhookEvent>(
  webhook: BirdWebhook,
  event: E,
): webhook is BirdWebhookOf<E> {
  return webhook.event === event;
}

/** An event we know. */
export type BirdWebhookEvent = v.InferOutput<typeof BirdWebhookEvent>;
