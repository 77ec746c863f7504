import { rmSync } from 'node:fs';
import { PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conversationCreated,
  IDS,
  INBOUND,
  INBOUND_EVENTS,
  STATUS_EVENTS,
} from '../../payloads/index.js';
import { type Delivery, deliverToAdapter } from '../support/deliver-to-adapter.js';
import { MESSAGES, STATES, WINDOW_PARAMS } from '../support/interactions.js';
import { CONSUMER, GENERATED_DIR, generatedPact, PROVIDERS } from '../support/pact-names.js';
import { shapeOf } from '../support/shape.js';

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDERS.webhooks,
  dir: GENERATED_DIR,
  logLevel: 'warn',
});

beforeAll(() => {
  // Pact merges into an existing file, so stale interactions would stay: start clean.
  rmSync(generatedPact(PROVIDERS.webhooks), { force: true });
});

/**
 * Records that the adapter expects `payload`'s shape as the webhook `description`, then feeds the
 * pact's own example of it, signed, through `adapter.handle` and checks what the bot saw.
 */
function expectWebhook(
  description: string,
  state: string,
  payload: Record<string, unknown>,
  check: (delivery: Delivery, activity: Record<string, any>) => void,
) {
  return pact
    .addAsynchronousInteraction()
    .given(state, WINDOW_PARAMS)
    .expectsToReceive(description, (b) => b.withJSONContent(shapeOf(payload)))
    .executeTest(async (message) => {
      // The pact is the core's: the botbuilder front and the Agents SDK front both pass it.
      for (const front of ['botbuilder', 'agents'] as const) {
        const delivery = await deliverToAdapter(message.contents.content, IDS.phone, front);
        expect(delivery.status, front).toBe(200);
        expect(delivery.activities, front).toHaveLength(1);
        const activity = delivery.activities[0] as Record<string, any>;
        expect(activity.channelId).toBe('whatsapp');
        expect(activity.conversation?.id).toBe(IDS.conversationId);
        expect(activity.from).toMatchObject({ id: IDS.phone });
        expect(activity.recipient).toMatchObject({ id: IDS.channelId });
        check(delivery, activity);
      }
    });
}

/** An inbound message opens the contact's window in the adapter's tracker. */
function opensWindow(delivery: Delivery) {
  expect(delivery.lastInbound).toBeGreaterThan(0);
}

describe('message.created: what the contact writes becomes a message activity', () => {
  it('text', () =>
    expectWebhook(MESSAGES.text, STATES.contactWrites, INBOUND_EVENTS.text, (d, activity) => {
      expect(activity).toMatchObject({
        type: 'message',
        id: IDS.messageId,
        text: INBOUND.text().content.text,
      });
      opensWindow(d);
    }));

  it('image, as an attachment with an image MIME type and the caption as text', () =>
    expectWebhook(MESSAGES.image, STATES.contactWrites, INBOUND_EVENTS.image, (d, activity) => {
      const { image } = INBOUND.image().content as Record<string, any>;
      expect(activity.text).toBe(image.caption);
      expect(activity.attachments).toEqual([
        {
          contentType: expect.stringMatching(/^image\//),
          contentUrl: image.url,
          // MessageBird's media URL has no file name: the message id with the type's extension.
          name: `${activity.id}.jpg`,
        },
      ]);
      opensWindow(d);
    }));

  it('file, as an attachment named after the caption with its MIME type', () =>
    expectWebhook(MESSAGES.file, STATES.contactWrites, INBOUND_EVENTS.file, (_d, activity) => {
      const { file } = INBOUND.file().content as Record<string, any>;
      expect(activity.attachments).toEqual([
        { contentType: 'application/pdf', contentUrl: file.url, name: file.caption },
      ]);
    }));

  it('location, as a GeoCoordinates entity', () =>
    expectWebhook(
      MESSAGES.location,
      STATES.contactWrites,
      INBOUND_EVENTS.location,
      (_d, activity) => {
        const { location } = INBOUND.location().content as Record<string, any>;
        expect(activity.entities).toEqual([{ type: 'GeoCoordinates', ...location }]);
        expect(activity.value).toEqual(location);
      },
    ));

  it('button reply, as the title tapped with the reply in value and replyToId', () =>
    expectWebhook(
      MESSAGES.buttonReply,
      STATES.sentInteractive,
      INBOUND_EVENTS.buttonReply,
      (_d, activity) => {
        expect(activity).toMatchObject({
          text: 'Track order',
          value: { type: 'button_reply', id: 'track-order', text: 'Track order' },
          replyToId: IDS.interactiveMessageId,
        });
      },
    ));

  it('list reply, with the row description', () =>
    expectWebhook(
      MESSAGES.listReply,
      STATES.sentInteractive,
      INBOUND_EVENTS.listReply,
      (_d, activity) => {
        expect(activity).toMatchObject({
          text: 'Tuesday morning',
          value: {
            type: 'list_reply',
            id: 'slot-tue-am',
            text: 'Tuesday morning',
            description: '09:00 to 12:00',
          },
          replyToId: IDS.interactiveMessageId,
        });
      },
    ));
});

describe('message.updated: the fate of a sent message becomes a status event', () => {
  for (const status of ['delivered', 'read'] as const) {
    it(status, () =>
      expectWebhook(MESSAGES[status], STATES.sentText, STATUS_EVENTS[status](), (_d, activity) => {
        expect(activity).toMatchObject({
          type: 'event',
          name: 'messagebird/status',
          replyToId: IDS.sentMessageId,
          value: { messageId: IDS.sentMessageId, status, to: IDS.phone },
        });
        expect(activity.value.error).toBeUndefined();
      }),
    );
  }

  it('failed with 470: the error reaches the bot and the adapter closes the window', () =>
    expectWebhook(
      MESSAGES.failedOutsideWindow,
      STATES.sentTextWindowClosed,
      STATUS_EVENTS.failedOutsideWindow(),
      (d, activity) => {
        expect(activity).toMatchObject({
          type: 'event',
          name: 'messagebird/status',
          value: { messageId: IDS.sentMessageId, status: 'failed', error: { code: 470 } },
        });
        expect(d.lastInbound).toBe(0);
      },
    ));
});

describe('conversation.created: a new contact becomes a conversationUpdate', () => {
  it('with the contact in membersAdded', () =>
    expectWebhook(
      MESSAGES.conversationCreated,
      STATES.newContact,
      conversationCreated(),
      (_d, activity) => {
        expect(activity.type).toBe('conversationUpdate');
        expect(activity.membersAdded).toEqual([expect.objectContaining({ id: IDS.phone })]);
      },
    ));
});
