import { createHash } from 'node:crypto';
import type { BirdChannelMessage } from '../bird/message.js';
import {
  BIRD_SIGNATURE_HEADER,
  BIRD_TIMESTAMP_HEADER,
  BirdSignatureError,
  verifyBirdWebhook,
} from '../bird/signature.js';
import { type BirdInteraction, BirdWebhook } from '../bird/webhook.js';
import { birdContactInfo, birdToActivity, isWindowClosedReason } from './bird-to-activity.js';
import type { IncomingWebhook, WebhookDeps, WebhookProtocol } from './webhook-handler.js';

/**
 * Bird's webhooks for the shared pipeline. The signature is `messagebird-signature` over
 * `messagebird-request-timestamp`, the URL and the body (`verifyBirdWebhook`), with the
 * `signature` option's `maxAgeSeconds` (24 h by default: Bird retries for hours with the first
 * timestamp) and `leewaySeconds`. A delivery is known by its event and message id, and for a
 * status by the status too (each status is a delivery of its own), so a retry is run once
 * however old its timestamp; a read interaction shares the key of a `read` status, so a read is
 * told once. `contactOf` names the contact of a message this adapter sent (an interaction does
 * not say).
 */
export function birdWebhooks(
  contactOf: (messageId: string) => string | undefined,
): WebhookProtocol<BirdWebhook> {
  return {
    name: 'Bird',
    verify: async (request: IncomingWebhook, deps: WebhookDeps<unknown>) => {
      verifyBirdWebhook({
        signature: request.header(BIRD_SIGNATURE_HEADER),
        timestamp: request.header(BIRD_TIMESTAMP_HEADER),
        url: request.url,
        body: request.body,
        signingKey: deps.signingKey,
        maxAgeSeconds: deps.signature.maxAgeSeconds,
        leewaySeconds: deps.signature.leewaySeconds,
      });
    },
    signatureFailure: (e) => (e instanceof BirdSignatureError ? e : undefined),
    schema: BirdWebhook,
    describe: 'a Bird webhook ({service: "channels", event, payload})',
    dedupeKey: (webhook) => birdDedupeKey(webhook, contactOf),
    trackWindow: trackBirdWindow,
    toActivity: (webhook, raw, channel, tracked) =>
      birdToActivity(webhook, raw, channel, contactOf, {
        firstContact: (tracked as BirdTracked | undefined)?.firstContact === true,
      }),
    eventOf: (webhook) => webhook.event,
  };
}

/**
 * The identity of a Bird delivery: `bird:{event}:{message id}`, with the status for
 * `whatsapp.outbound`; a read interaction about a message whose contact is known is the `read`
 * status of that message (one of the two tells the bot). An interaction about a message whose
 * contact is not known (yet: it can come before the send's answer) is no turn, and keeps a key of
 * its own, so the `read` status still tells the bot. Other events are known by a hash of their
 * payload.
 */
export function birdDedupeKey(
  webhook: BirdWebhook,
  contactOf: (messageId: string) => string | undefined = () => undefined,
): string {
  if (webhook.event === 'whatsapp.inbound') {
    return `bird:whatsapp.inbound:${(webhook.payload as BirdChannelMessage).id}`;
  }
  if (webhook.event === 'whatsapp.outbound') {
    const message = webhook.payload as BirdChannelMessage;
    return `bird:whatsapp.outbound:${message.id}:${message.status}`;
  }
  if (webhook.event === 'whatsapp.interaction') {
    const interaction = webhook.payload as BirdInteraction;
    return interaction.type === 'read' && contactOf(interaction.messageId) !== undefined
      ? `bird:whatsapp.outbound:${interaction.messageId}:read`
      : `bird:whatsapp.interaction:${interaction.messageId}:${interaction.type}`;
  }
  const hash = createHash('sha256')
    .update(JSON.stringify(webhook.payload) ?? '')
    .digest('base64url');
  return `bird:${webhook.event}:${hash}`;
}

/** What tracking the window found: whether the message is the first the adapter knows of the contact. */
interface BirdTracked {
  firstContact: boolean;
}

/**
 * A contact's message opens its 24-hour window (at the time Bird received it, never later than
 * now), and is the contact's first when the window store has never seen the contact; a
 * `sending_failed` or `delivery_failed` whose reason names the window closes it (a reading: Bird
 * publishes no code for it).
 */
async function trackBirdWindow(
  webhook: BirdWebhook,
  deps: WebhookDeps<unknown>,
): Promise<BirdTracked | undefined> {
  if (webhook.event === 'whatsapp.inbound') {
    const message = webhook.payload as BirdChannelMessage;
    const { phone } = birdContactInfo(message.sender.contact, message.meta?.extraInformation);
    if (!phone || message.direction !== 'incoming') return undefined;
    const known = await deps.windows.lastInbound(phone);
    const at = Date.parse(message.createdAt);
    await deps.windows.recordInbound(
      phone,
      Math.min(Number.isNaN(at) ? Date.now() : at, Date.now()),
    );
    return { firstContact: known === undefined };
  }
  if (webhook.event === 'whatsapp.outbound') {
    const message = webhook.payload as BirdChannelMessage;
    const failed = message.status === 'sending_failed' || message.status === 'delivery_failed';
    if (!failed || !isWindowClosedReason(message.reason)) return undefined;
    const { phone } = birdContactInfo(message.receiver.contacts?.[0], undefined);
    if (phone) await deps.windows.close(phone);
  }
  return undefined;
}
