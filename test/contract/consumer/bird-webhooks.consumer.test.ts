import { rmSync } from 'node:fs';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIRD_IDS, BIRD_WINDOW_CLOSED_REASON } from '../../payloads/index.js';
import { deliverToBirdAdapter } from '../support/bird-adapter.js';
import { BIRD_MESSAGES, BIRD_STATES, BIRD_WINDOW_PARAMS } from '../support/bird-interactions.js';
import { birdId, birdShapeOf, birdTime } from '../support/bird-shape.js';
import type { Delivery } from '../support/deliver-to-adapter.js';
import { CONSUMER, GENERATED_DIR, generatedPact, PROVIDERS } from '../support/pact-names.js';
import { E164 } from '../support/shape.js';

/*
 * The webhooks the adapter with `api: 'bird'` expects from Bird, as a message pact: each body
 * holds what the adapter reads (the rest of Bird's message is left to Bird), and each carries the
 * two headers Bird signs with. The test signs the pact's example as Bird does (an HMAC written in
 * support/bird-adapter.ts, none of the package's code), delivers it through `adapter.handle` of
 * both fronts, and checks what the bot saw.
 */

const { like, regex } = MatchersV3;

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDERS.birdWebhooks,
  dir: GENERATED_DIR,
  logLevel: 'warn',
});

beforeAll(() => {
  // Pact merges into an existing file, so stale interactions would stay: start clean.
  rmSync(generatedPact(PROVIDERS.birdWebhooks), { force: true });
});

const RECEIVED_AT = '2026-03-02T09:20:09.512Z';
const STATUS_AT = '2026-03-02T09:21:02.204Z';
/** Where Bird keeps a contact's media (the path after `media/` is Bird's id of it). */
const MEDIA = `https://media.api.bird.com/workspaces/${BIRD_IDS.workspaceId}/messages/${BIRD_IDS.inboundMessageId}/media`;
/**
 * What the adapter reads as a failure naming the 24-hour window (isWindowClosedReason), as a
 * whole-string regex (Pact matches the whole value).
 */
const WINDOW_REASON = String.raw`(?i)^.*(\b24[- ]?hours?\b|\bwindow\b|re-?engagement).*$`;

/** The headers Bird signs a webhook with: base64 of an HMAC-SHA256, and Unix seconds. */
const SIGNED = {
  'messagebird-signature': regex(
    '^[A-Za-z0-9+/]{43}=$',
    'mYq0V6p1HkqN1bJ4d3m2m9Zb7gX5wQ2sT8rL0cV4eYk=',
  ),
  'messagebird-request-timestamp': regex(String.raw`^\d+$`, '1772443209'),
};

/** `whatsapp.inbound` as the adapter reads it: the contact's number, the body, when it came. */
function inbound(body: Record<string, unknown>) {
  return {
    service: 'channels',
    event: 'whatsapp.inbound',
    payload: {
      id: birdId(BIRD_IDS.inboundMessageId),
      channelId: birdId(BIRD_IDS.channelId),
      sender: {
        contact: { identifierKey: 'phonenumber', identifierValue: regex(E164, BIRD_IDS.phone) },
      },
      receiver: like({}),
      body: birdShapeOf(body),
      status: like('delivered'),
      direction: 'incoming',
      createdAt: birdTime(RECEIVED_AT),
    },
  };
}

/** `whatsapp.outbound` of our message at `status`, as the adapter reads it. */
function outbound(status: string, extra: Record<string, unknown> = {}) {
  return {
    service: 'channels',
    event: 'whatsapp.outbound',
    payload: {
      id: birdId(BIRD_IDS.sentMessageId),
      channelId: birdId(BIRD_IDS.channelId),
      sender: like({}),
      receiver: {
        contacts: [{ identifierKey: 'phonenumber', identifierValue: regex(E164, BIRD_IDS.phone) }],
      },
      status,
      direction: regex('^(incoming|outgoing)$', 'outgoing'),
      lastStatusAt: birdTime(STATUS_AT),
      createdAt: birdTime('2026-03-02T09:21:00.871Z'),
      ...extra,
    },
  };
}

/**
 * Records that the adapter expects the webhook `content` as `description`, then feeds the pact's
 * example of it, signed, to both fronts and checks the one activity of `type` the bot saw.
 */
function expectWebhook(
  description: string,
  state: string,
  content: Record<string, unknown>,
  type: 'message' | 'event',
  check: (activity: Record<string, any>, delivery: Delivery) => void,
) {
  return pact
    .addAsynchronousInteraction()
    .given(state, BIRD_WINDOW_PARAMS)
    .expectsToReceive(description, (b) => b.withJSONContent(content).withMetadata(SIGNED))
    .executeTest(async (message) => {
      // The pact is the core's: the botbuilder front and the Agents SDK front both pass it.
      for (const front of ['botbuilder', 'agents'] as const) {
        const delivery = await deliverToBirdAdapter(message.contents.content, front);
        expect(delivery.status, front).toBe(200);
        const activities = delivery.activities.filter((a) => a.type === type);
        expect(activities, front).toHaveLength(1);
        const activity = activities[0] as Record<string, any>;
        expect(activity.channelId).toBe('whatsapp');
        expect(activity.conversation?.id).toBe(`${BIRD_IDS.channelId}:${BIRD_IDS.phone}`);
        expect(activity.from).toMatchObject({ id: BIRD_IDS.phone });
        expect(activity.recipient).toMatchObject({ id: BIRD_IDS.channelId });
        check(activity, delivery);
      }
    });
}

/** An inbound message opens the contact's window in the adapter's tracker. */
function opensWindow(delivery: Delivery) {
  expect(delivery.lastInbound).toBeGreaterThan(0);
}

describe('whatsapp.inbound: what the contact writes becomes a message activity', () => {
  it('text', () =>
    expectWebhook(
      BIRD_MESSAGES.text,
      BIRD_STATES.contactWrites,
      inbound({ type: 'text', text: { text: 'Hi! Is my order on its way?' } }),
      'message',
      (activity, delivery) => {
        expect(activity).toMatchObject({
          id: BIRD_IDS.inboundMessageId,
          text: 'Hi! Is my order on its way?',
        });
        opensWindow(delivery);
      },
    ));

  it('a tap on a postback button, as the title tapped with the payload in value', () =>
    expectWebhook(
      BIRD_MESSAGES.buttonTap,
      BIRD_STATES.sentButtons,
      inbound({
        type: 'text',
        text: {
          text: 'Yes',
          actions: [{ type: 'postback', postback: { text: 'Yes', payload: 'confirm-order-1042' } }],
        },
      }),
      'message',
      (activity) => {
        expect(activity).toMatchObject({
          text: 'Yes',
          value: { type: 'postback', id: 'confirm-order-1042', text: 'Yes' },
        });
      },
    ));

  it('image, as an attachment with an image MIME type and the caption as text', () =>
    expectWebhook(
      BIRD_MESSAGES.image,
      BIRD_STATES.contactWrites,
      inbound({
        type: 'image',
        image: { images: [{ mediaUrl: `${MEDIA}/1d3f5b7a` }], text: { text: 'the parcel' } },
      }),
      'message',
      (activity, delivery) => {
        expect(activity.text).toBe('the parcel');
        expect(activity.attachments).toEqual([
          {
            contentType: expect.stringMatching(/^image\//),
            contentUrl: `${MEDIA}/1d3f5b7a`,
            name: expect.stringMatching(new RegExp(`^${BIRD_IDS.inboundMessageId}\\.`)),
          },
        ]);
        opensWindow(delivery);
      },
    ));

  it('a document, as an attachment with the file’s contentType', () =>
    expectWebhook(
      BIRD_MESSAGES.document,
      BIRD_STATES.contactWrites,
      inbound({
        type: 'file',
        file: { files: [{ contentType: 'application/pdf', mediaUrl: `${MEDIA}/3f5b7d9f` }] },
      }),
      'message',
      (activity) => {
        expect(activity.attachments).toEqual([
          {
            contentType: 'application/pdf',
            contentUrl: `${MEDIA}/3f5b7d9f`,
            name: `${BIRD_IDS.inboundMessageId}.pdf`,
          },
        ]);
      },
    ));

  it('a voice note, as a file with an audio contentType', () =>
    expectWebhook(
      BIRD_MESSAGES.voiceNote,
      BIRD_STATES.contactWrites,
      inbound({
        type: 'file',
        file: { files: [{ contentType: 'audio/ogg', mediaUrl: `${MEDIA}/2e4a6c8e` }] },
      }),
      'message',
      (activity) => {
        expect(activity.attachments).toEqual([
          expect.objectContaining({ contentType: 'audio/ogg', contentUrl: `${MEDIA}/2e4a6c8e` }),
        ]);
      },
    ));

  it('location, as a GeoCoordinates entity and value', () =>
    expectWebhook(
      BIRD_MESSAGES.location,
      BIRD_STATES.contactWrites,
      inbound({
        type: 'location',
        location: { coordinates: { latitude: 52.370216, longitude: 4.895168 } },
      }),
      'message',
      (activity) => {
        const coordinates = { latitude: 52.370216, longitude: 4.895168 };
        expect(activity.entities).toEqual([{ type: 'GeoCoordinates', ...coordinates }]);
        expect(activity.value).toEqual(coordinates);
      },
    ));
});

describe('whatsapp.outbound: the fate of a sent message becomes a status event', () => {
  for (const status of ['delivered', 'read'] as const) {
    it(status, () =>
      expectWebhook(
        BIRD_MESSAGES[status],
        BIRD_STATES.sentText,
        outbound(status),
        'event',
        (activity) => {
          expect(activity).toMatchObject({
            name: 'messagebird/status',
            replyToId: BIRD_IDS.sentMessageId,
            value: {
              messageId: BIRD_IDS.sentMessageId,
              status,
              birdStatus: status,
              to: BIRD_IDS.phone,
              at: STATUS_AT,
            },
          });
          expect(activity.value.error).toBeUndefined();
        },
      ),
    );
  }

  it('sending_failed naming the window: the bot is told 470 and the adapter closes the window', () =>
    expectWebhook(
      BIRD_MESSAGES.failedOutsideWindow,
      BIRD_STATES.sentTextWindowClosed,
      outbound('sending_failed', { reason: regex(WINDOW_REASON, BIRD_WINDOW_CLOSED_REASON) }),
      'event',
      (activity, delivery) => {
        expect(activity).toMatchObject({
          name: 'messagebird/status',
          value: {
            messageId: BIRD_IDS.sentMessageId,
            status: 'failed',
            birdStatus: 'sending_failed',
            reason: BIRD_WINDOW_CLOSED_REASON,
            error: { code: 470, description: BIRD_WINDOW_CLOSED_REASON },
          },
        });
        expect(delivery.lastInbound).toBe(0);
      },
    ));
});
