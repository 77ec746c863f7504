import type { Hsm } from '../../messagebird/hsm.js';
import type { ResolvedChannel } from '../options.js';
import type { BirdSubscriptionRecord, ContactRecord, MessageRecord } from '../records.js';
import { birdBodyOf, birdTemplateOf, type OutContext } from './content-out.js';
import { toBirdId } from './ids.js';
import { birdStatusOf } from './status.js';

/*
 * Records as the Channels API shows them (bird-facts.md): RFC 3339 times with milliseconds, ids as
 * dashed UUIDs, a contact known by `identifierKey: "phonenumber"` and its E.164 number.
 */

const TIME_SLOTS = 64;
const slotMs = new Float64Array(TIME_SLOTS).fill(Number.NaN);
const slotIso: string[] = new Array(TIME_SLOTS).fill('');

/**
 * Virtual epoch milliseconds as Bird writes times: `2026-11-30T09:15:00.871Z`. A message's times
 * are mostly one instant, rendered again on every status change: a small direct-mapped cache.
 */
export const birdTime = (ms: number): string => {
  const slot = ms & (TIME_SLOTS - 1);
  if (slotMs[slot] === ms) return slotIso[slot] as string;
  const iso = new Date(ms).toISOString();
  slotMs[slot] = ms;
  slotIso[slot] = iso;
  return iso;
};

/** What rendering a message needs beside the record. */
export interface MessageContext extends OutContext {
  channel: ResolvedChannel;
  contact: ContactRecord | undefined;
  connectorId: string;
  /**
   * Render the message as it was accepted (the answer to its send): status `accepted`, updated
   * when created, no failure, whatever its lifecycle did since.
   */
  asAccepted?: boolean;
}

/**
 * A `wamid` for a message once WhatsApp has it (`parts[].platformReference`), made from its id;
 * an outgoing message not yet sent has none.
 */
const parts = (message: MessageRecord, status: string) => {
  if (
    message.direction === 'sent' &&
    (status === 'accepted' || status === 'processing' || status === 'sending_failed')
  ) {
    return [];
  }
  return [{ platformReference: `wamid.${Buffer.from(message.id, 'hex').toString('base64')}` }];
};

let lastConnector: { id: string; number: string; side: { connector: object } } | undefined;

/**
 * The channel's connector as `sender` (outgoing) or `receiver` (incoming) carries it: the same for
 * every message of the channel, so made once and shared by the renderings (which are only ever
 * serialised).
 */
function connectorOf(id: string, number: string) {
  if (lastConnector?.id !== id || lastConnector.number !== number) {
    lastConnector = { id, number, side: { connector: { id, identifierValue: number } } };
  }
  return lastConnector;
}

/** The contact as `sender.contact` and `receiver.contacts[]` carry it. */
function contactOf(message: MessageRecord, contact: ContactRecord | undefined) {
  const phone = message.direction === 'received' ? message.from : message.to;
  const out: Record<string, unknown> = {
    id: toBirdId(contact?.id ?? ''),
    identifierKey: 'phonenumber',
    identifierValue: phone,
  };
  // One code base reads sender.contact.displayName (bird-facts.md): given when the contact has a
  // name of its own (a reading; no sample shows it).
  if (contact && contact.displayName !== contact.phone) out.displayName = contact.displayName;
  return out;
}

/**
 * A message as a Bird ChannelMessage: `id`, `channelId`, `sender`/`receiver` (contact or
 * connector by direction), the `body` (or `template`) it was sent with or its translation,
 * `reference`, `meta` (received: `extraInformation.timestamp`, Unix seconds as a string), `parts`,
 * the status in Bird's words with its `reason` on a failure, `direction`, and the times.
 */
export function renderChannelMessage(message: MessageRecord, context: MessageContext) {
  const incoming = message.direction === 'received';
  const connector = connectorOf(context.connectorId, context.channel.businessNumber);
  const contact = contactOf(message, context.contact);
  const out: Record<string, unknown> = {
    id: toBirdId(message.id),
    channelId: context.channel.birdChannelId,
    sender: incoming ? { contact } : connector.side,
    receiver: incoming ? connector.side : { contacts: [contact] },
  };
  const bird = message.bird;
  if (bird?.template) out.template = bird.template;
  else if (bird?.body) out.body = bird.body;
  else if (message.type === 'hsm') {
    out.template = birdTemplateOf(message.content.hsm as Hsm, context.template);
  } else {
    out.body = birdBodyOf(message, context);
  }
  if (incoming) {
    out.meta = {
      extraInformation: { timestamp: String(Math.floor(message.createdAt / 1000)) },
    };
  } else if (bird?.meta) {
    out.meta = bird.meta;
  }
  if (bird?.replyTo) out.replyTo = { id: bird.replyTo, type: 'message' };
  out.reference = bird?.reference ?? '';
  const accepted = context.asAccepted === true;
  const status = accepted ? 'accepted' : birdStatusOf(message);
  const updatedAt = accepted ? message.createdAt : message.updatedAt;
  out.parts = parts(message, status);
  out.status = status;
  out.reason = (accepted ? undefined : message.error?.description) ?? '';
  out.direction = incoming ? 'incoming' : 'outgoing';
  out.lastStatusAt = birdTime(updatedAt);
  out.createdAt = birdTime(message.createdAt);
  out.updatedAt = birdTime(updatedAt);
  return out;
}

/**
 * A webhook subscription as Bird answers it. The answer to a create echoes the signing key (the
 * docs' example); reads leave it out (a field report; bird-facts.md).
 */
export function renderSubscription(subscription: BirdSubscriptionRecord, withKey = false) {
  const out: Record<string, unknown> = {
    id: subscription.id,
    organizationId: subscription.organizationId,
    workspaceId: subscription.workspaceId,
    service: subscription.service,
    event: subscription.event,
    eventFilters: subscription.eventFilters,
    url: subscription.url,
  };
  if (subscription.template !== undefined) out.template = subscription.template;
  if (withKey && subscription.signingKey !== undefined) out.signingKey = subscription.signingKey;
  out.status = subscription.status;
  out.createdAt = birdTime(subscription.createdAt);
  out.updatedAt = birdTime(subscription.updatedAt);
  return out;
}

/** A channel as `GET /workspaces/{ws}/channels/{ch}` answers it (code only: id, name, platform…). */
export function renderBirdChannel(
  channel: ResolvedChannel,
  connectorId: string,
  createdAt: number,
) {
  return {
    id: channel.birdChannelId,
    name: channel.name,
    platformId: 'whatsapp',
    status: 'active',
    connectorId,
    createdAt: birdTime(createdAt),
    updatedAt: birdTime(createdAt),
  };
}
