import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { STATUS_EVENT_NAME, type StatusValue } from '../../src/adapter/index.js';
import { BirdWebhook } from '../../src/bird/webhook.js';
import type { Activity } from '../../src/core/activity.js';
import { birdToActivity } from '../../src/core/bird-to-activity.js';
import { toActivity } from '../../src/core/to-activity.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import {
  BIRD_IDS,
  BIRD_INBOUND,
  BIRD_OUTBOUND,
  BIRD_WINDOW_CLOSED_REASON,
  birdInbound,
  birdReadInteraction,
  INBOUND_EVENTS,
  STATUS_EVENTS,
} from '../payloads/index.js';

const channel = {
  channelId: BIRD_IDS.channelId,
  channelName: 'Acme Support',
  serviceUrl: 'https://api.bird.com',
};
const conversationId = `${BIRD_IDS.channelId}:${BIRD_IDS.phone}`;

const translate = (body: unknown, contactOf?: (id: string) => string | undefined) =>
  birdToActivity(v.parse(BirdWebhook, body), body, channel, contactOf) as Activity | undefined;

const status = (body: unknown) => translate(body)?.value as StatusValue;

describe('birdToActivity: whatsapp.inbound', () => {
  const body = BIRD_INBOUND.text();
  const activity = translate(body);

  it('makes a whatsapp message activity from the contact (its E.164 number) to the channel', () => {
    expect(activity).toEqual({
      type: 'message',
      id: BIRD_IDS.inboundMessageId,
      timestamp: new Date('2026-03-02T09:20:09.512Z'),
      channelId: 'whatsapp',
      serviceUrl: 'https://api.bird.com',
      conversation: {
        id: conversationId,
        isGroup: false,
        conversationType: 'personal',
        name: BIRD_IDS.phone,
      },
      from: { id: BIRD_IDS.phone, name: BIRD_IDS.phone, role: 'user' },
      recipient: { id: BIRD_IDS.channelId, name: 'Acme Support', role: 'bot' },
      text: 'Hi! Is my order on its way?',
      textFormat: 'plain',
      channelData: {
        event: 'whatsapp.inbound',
        messageType: 'text',
        status: 'delivered',
        contact: {
          id: BIRD_IDS.contactId,
          phone: BIRD_IDS.phone,
          displayName: BIRD_IDS.phone,
          firstName: undefined,
          lastName: undefined,
        },
        conversation: { id: conversationId, status: 'active' },
        payload: body,
      },
    });
  });

  it('has the shape of the Conversations API activity of the same message', () => {
    const conversations = toActivity(
      v.parse(WebhookPayload, INBOUND_EVENTS.text),
      INBOUND_EVENTS.text,
      channel,
    );
    const keysOf = (a: unknown) =>
      Object.entries(a as object)
        .filter(([, value]) => value !== undefined)
        .map(([key]) => key)
        .sort();
    expect(keysOf(activity)).toEqual(keysOf(conversations));
    expect(keysOf(activity?.channelData)).toEqual(keysOf(conversations?.channelData));
    expect(activity?.from?.id).toBe(conversations?.from?.id);
    expect(activity?.text).toBe(conversations?.text);
  });

  it('greets a contact’s first message with a conversationUpdate before it, as MessageBird does', () => {
    const body = BIRD_INBOUND.text();
    const made = birdToActivity(v.parse(BirdWebhook, body), body, channel, undefined, {
      firstContact: true,
    });
    expect(Array.isArray(made)).toBe(true);
    const [joined, message] = made as Activity[];
    expect(joined).toMatchObject({
      type: 'conversationUpdate',
      id: `${BIRD_IDS.inboundMessageId}:membersAdded`,
      membersAdded: [{ id: BIRD_IDS.phone, name: BIRD_IDS.phone, role: 'user' }],
      from: { id: BIRD_IDS.phone },
      conversation: { id: conversationId },
      recipient: { id: BIRD_IDS.channelId },
    });
    expect(message).toEqual(activity);
  });

  it('names the contact when Bird gives a display name, and finds the number in identifiers', () => {
    const named = translate(
      birdInbound(
        { type: 'text', text: { text: 'Hi' } },
        {
          sender: {
            contact: {
              id: BIRD_IDS.contactId,
              identifierKey: 'whatsappbsuid',
              identifierValue: 'NL.1234567890',
              identifiers: [{ identifierKey: 'phonenumber', identifierValue: BIRD_IDS.phone }],
              displayName: 'Ana Silva',
            },
          },
        },
      ),
    );
    expect(named?.from).toEqual({ id: BIRD_IDS.phone, name: 'Ana Silva', role: 'user' });
    expect(named?.conversation?.name).toBe('Ana Silva');
  });

  it('reads a tapped button as text and value with the postback payload', () => {
    const tap = translate(BIRD_INBOUND.buttonTap());
    expect(tap).toMatchObject({
      type: 'message',
      text: 'Yes',
      value: { type: 'postback', id: 'confirm-order-1042', text: 'Yes' },
    });
    expect(tap?.textFormat).toBeUndefined();
    expect(translate(BIRD_INBOUND.listTap())?.value).toEqual({
      type: 'postback',
      id: 'slot-1200',
      text: '12:00-15:00',
    });
  });

  it('gives back the object a button was made of (Action.Submit data)', () => {
    const tap = translate(
      birdInbound({
        type: 'text',
        text: {
          text: 'Large',
          actions: [{ type: 'postback', postback: { text: 'Large', payload: '{"size":"L"}' } }],
        },
      }),
    );
    expect(tap).toMatchObject({ text: 'Large', value: { size: 'L' } });
  });

  it('reads a plain text equal to a button title as just text', () => {
    const plain = translate(birdInbound({ type: 'text', text: { text: 'Yes' } }));
    expect(plain).toMatchObject({ text: 'Yes', textFormat: 'plain' });
    expect(plain?.value).toBeUndefined();
  });

  it('makes images attachments with their caption as text, either caption form', () => {
    for (const body of [BIRD_INBOUND.image(), BIRD_INBOUND.imageCaptionString()]) {
      const image = translate(body);
      const url = (body.payload.body as { image: { images: { mediaUrl: string }[] } }).image
        .images[0]?.mediaUrl;
      expect(image?.text).toBe('the parcel');
      expect(image?.attachments).toEqual([
        { contentType: 'image/jpeg', contentUrl: url, name: `${BIRD_IDS.inboundMessageId}.jpg` },
      ]);
    }
  });

  it('makes files attachments with their real MIME types and names', () => {
    expect(translate(BIRD_INBOUND.voiceNote())?.attachments).toEqual([
      expect.objectContaining({
        contentType: 'audio/ogg',
        name: `${BIRD_IDS.inboundMessageId}.ogg`,
      }),
    ]);
    expect(translate(BIRD_INBOUND.document())?.attachments).toEqual([
      expect.objectContaining({ contentType: 'application/pdf', name: 'invoice-2026-03.pdf' }),
    ]);
    expect(translate(BIRD_INBOUND.video())?.attachments).toEqual([
      expect.objectContaining({
        contentType: 'video/mp4',
        name: `${BIRD_IDS.inboundMessageId}.mp4`,
      }),
    ]);
  });

  it('makes a location a GeoCoordinates entity and value', () => {
    expect(translate(BIRD_INBOUND.location())).toMatchObject({
      entities: [{ type: 'GeoCoordinates', latitude: 52.379189, longitude: 4.899431 }],
      value: { latitude: 52.379189, longitude: 4.899431 },
    });
  });

  it('still runs a turn on a body it does not model, with the body as value', () => {
    const reaction = translate(BIRD_INBOUND.reaction());
    expect(reaction?.type).toBe('message');
    expect(reaction?.value).toEqual({
      type: 'reaction',
      reaction: { emoji: '👍', messageId: BIRD_IDS.sentMessageId },
    });
  });

  it('reads the docs’ sparse sample', () => {
    expect(translate(BIRD_INBOUND.sparse())).toMatchObject({ text: 'Hello' });
  });
});

describe('birdToActivity: statuses', () => {
  it('makes every outbound status the status event of the Conversations API', () => {
    const event = translate(BIRD_OUTBOUND.delivered());
    const conversations = toActivity(
      v.parse(WebhookPayload, STATUS_EVENTS.delivered()),
      {},
      channel,
    );
    expect(event).toMatchObject({
      type: 'event',
      name: STATUS_EVENT_NAME,
      id: `${BIRD_IDS.sentMessageId}:delivered`,
      replyToId: BIRD_IDS.sentMessageId,
      from: { id: BIRD_IDS.phone },
      conversation: { id: conversationId },
      value: {
        messageId: BIRD_IDS.sentMessageId,
        status: 'delivered',
        to: BIRD_IDS.phone,
        at: '2026-03-02T09:21:02.204Z',
        birdStatus: 'delivered',
      },
    });
    const keysOf = (a: unknown) =>
      Object.entries(a as object)
        .filter(([, value]) => value !== undefined)
        .map(([key]) => key)
        .sort();
    expect(keysOf(event)).toEqual(keysOf(conversations));
  });

  it.each([
    ['processing', 'pending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
  ] as const)('maps %s to %s', (bird, word) => {
    const value = status(BIRD_OUTBOUND[bird]());
    expect(value.status).toBe(word);
    expect(value.birdStatus).toBe(bird);
    expect(value.error).toBeUndefined();
  });

  it('is no turn for accepted, the echo of our own send', () => {
    expect(translate(BIRD_OUTBOUND.accepted())).toBeUndefined();
  });

  it('tells a send outside the window as failed with 470 and Bird’s own status and reason', () => {
    expect(status(BIRD_OUTBOUND.sendingFailedWindow())).toMatchObject({
      status: 'failed',
      birdStatus: 'sending_failed',
      reason: BIRD_WINDOW_CLOSED_REASON,
      error: { code: 470, description: BIRD_WINDOW_CLOSED_REASON },
    });
  });

  it('tells other failures with code 0 and the reason', () => {
    expect(status(BIRD_OUTBOUND.deliveryFailed())).toMatchObject({
      status: 'failed',
      birdStatus: 'delivery_failed',
      error: { code: 0, description: 'The contact is not registered on WhatsApp' },
    });
    expect(status(BIRD_OUTBOUND.sendingFailedTemplate()).error?.code).toBe(0);
  });

  it('makes a read interaction a read status, for a message whose contact is known', () => {
    const read = translate(birdReadInteraction(), (id) =>
      id === BIRD_IDS.sentMessageId ? BIRD_IDS.phone : undefined,
    );
    expect(read).toMatchObject({
      type: 'event',
      name: STATUS_EVENT_NAME,
      from: { id: BIRD_IDS.phone },
      conversation: { id: conversationId },
      value: { messageId: BIRD_IDS.sentMessageId, status: 'read', to: BIRD_IDS.phone },
    });
    expect(translate(birdReadInteraction())).toBeUndefined();
  });

  it('is no turn for an event it does not know', () => {
    expect(
      translate({ service: 'channels', event: 'sms.inbound', payload: { id: 'x' } }),
    ).toBeUndefined();
  });
});
