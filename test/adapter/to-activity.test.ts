import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_EVENT_NAME, STATUS_EVENT_NAME } from '../../src/adapter/index.js';
import { toActivity } from '../../src/core/to-activity.js';
import { WebhookPayload } from '../../src/messagebird/webhook-payload.js';
import {
  conversationCreated,
  conversationUpdated,
  IDS,
  INBOUND_EVENTS,
  MESSY_EVENTS,
  messageEvent,
  outbound,
  STATUS_EVENTS,
} from '../payloads/index.js';

const channel = {
  channelId: IDS.channelId,
  channelName: 'Acme Support',
  serviceUrl: 'http://127.0.0.1/v1',
};
const translate = (body: unknown) => toActivity(v.parse(WebhookPayload, body), body, channel);

describe('toActivity: the common fields', () => {
  const activity = translate(INBOUND_EVENTS.text);

  it('makes a whatsapp message activity from the contact to the channel', () => {
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'whatsapp',
      id: IDS.messageId,
      conversation: { id: IDS.conversationId, isGroup: false },
      from: { id: '+31612345678', name: 'Ada Jansen', role: 'user' },
      recipient: { id: IDS.channelId, name: 'Acme Support', role: 'bot' },
      text: 'Hi! Is my order on its way?',
    });
    expect(activity?.timestamp).toEqual(new Date('2026-03-02T09:20:09Z'));
  });

  it('carries the contact and the raw payload in channelData', () => {
    expect(activity?.channelData).toEqual({
      event: 'message.created',
      messageType: 'text',
      status: 'received',
      contact: {
        id: IDS.contactId,
        phone: '+31612345678',
        displayName: 'Ada Jansen',
        firstName: 'Ada',
        lastName: 'Jansen',
      },
      conversation: { id: IDS.conversationId, status: 'active' },
      payload: INBOUND_EVENTS.text,
    });
  });
});

describe('toActivity: every inbound content type', () => {
  it.each([
    [
      'image',
      {
        text: 'the parcel',
        attachments: [
          {
            contentType: 'image/jpeg',
            contentUrl: expect.stringContaining('media.messagebird.com'),
          },
        ],
      },
    ],
    [
      'video',
      {
        attachments: [
          {
            contentType: 'video/mp4',
            contentUrl: expect.stringContaining('media.messagebird.com'),
          },
        ],
      },
    ],
    [
      'audio',
      {
        attachments: [
          {
            contentType: 'audio/ogg',
            contentUrl: expect.stringContaining('media.messagebird.com'),
          },
        ],
      },
    ],
    [
      'file',
      {
        text: undefined,
        attachments: [
          {
            contentType: 'application/pdf',
            contentUrl: expect.any(String),
            name: 'invoice-2026-03.pdf',
          },
        ],
      },
    ],
    [
      'location',
      {
        entities: [{ type: 'GeoCoordinates', latitude: 52.370216, longitude: 4.895168 }],
        value: { latitude: 52.370216, longitude: 4.895168 },
      },
    ],
    [
      'buttonReply',
      {
        text: 'Track order',
        value: { type: 'button_reply', id: 'track-order', text: 'Track order' },
        replyToId: IDS.interactiveMessageId,
      },
    ],
    [
      'listReply',
      {
        text: 'Tuesday morning',
        value: {
          type: 'list_reply',
          id: 'slot-tue-am',
          text: 'Tuesday morning',
          description: '09:00 to 12:00',
        },
        replyToId: IDS.interactiveMessageId,
      },
    ],
    ['sticker', { attachments: [{ contentType: 'image/webp', contentUrl: expect.any(String) }] }],
    [
      'order',
      {
        text: 'Can you gift-wrap the mugs?',
        value: {
          catalogId: '418273645091827',
          items: expect.arrayContaining([
            expect.objectContaining({ product_retailer_id: 'mug-blue' }),
          ]),
        },
      },
    ],
    [
      'quotedText',
      {
        text: 'Is this one in stock?',
        replyToId: expect.stringMatching(/^wamid\./),
        value: {
          referredProduct: { catalog_id: '418273645091827', product_retailer_id: 'mug-blue' },
        },
      },
    ],
  ] as const)('%s', (name, expected) => {
    const activity = translate(INBOUND_EVENTS[name]);
    expect(activity?.type).toBe('message');
    expect(activity).toMatchObject(expected);
    expect(((activity?.channelData ?? {}) as { messageType: string }).messageType).toBe(
      INBOUND_EVENTS[name].message.type,
    );
  });

  it('hands a type we do not model to the bot with its content, never dropping it', () => {
    const activity = translate(MESSY_EVENTS.unknownType());
    expect(activity).toMatchObject({
      type: 'message',
      value: { whatsappReaction: { emoji: '👍', message_id: 'wamid.XYZ' } },
      channelData: { messageType: 'whatsappReaction' },
    });
  });
});

describe('toActivity: messy real-world payloads', () => {
  it('names the sender from metadata and ignores the zero-UUID replyTo', () => {
    const activity = translate(MESSY_EVENTS.workspaceAndMetadata());
    expect(activity?.from?.name).toBe('Ada J.');
    expect(activity?.replyToId).toBeUndefined();
  });

  it('falls back to the number when the contact has no name', () => {
    const activity = translate(MESSY_EVENTS.sparseContactWithTransactionId());
    expect(activity?.from).toMatchObject({ id: '+31612345678', name: '+31612345678' });
    expect(((activity?.channelData ?? {}) as any).contact.firstName).toBeUndefined();
  });

  it('shows a bare-number display name as E.164', () => {
    const body = structuredClone(INBOUND_EVENTS.text);
    body.contact.displayName = '31612345678';
    expect(translate(body)?.from?.name).toBe('+31612345678');
  });

  it('reads a string msisdn', () => {
    expect(translate(MESSY_EVENTS.stringMsisdn())?.from?.id).toBe('+31612345678');
  });

  it('still makes a turn without contact or from (docs payload)', () => {
    const activity = translate(MESSY_EVENTS.noContact());
    expect(activity).toMatchObject({
      type: 'message',
      from: { id: IDS.contactId, name: IDS.contactId },
    });
  });
});

describe('toActivity: events', () => {
  it('turns message.updated into a status event with the error', () => {
    const activity = translate(STATUS_EVENTS.failedOutsideWindow());
    expect(activity).toMatchObject({
      type: 'event',
      name: STATUS_EVENT_NAME,
      replyToId: IDS.sentMessageId,
      from: { id: '+31612345678' },
      value: {
        messageId: IDS.sentMessageId,
        status: 'failed',
        error: { code: 470, description: expect.stringContaining('24 hours') },
        to: '+31612345678',
      },
    });
  });

  it.each(['sent', 'delivered', 'read'] as const)('reports %s', (status) => {
    expect(translate(STATUS_EVENTS[status]())?.value).toMatchObject({ status });
  });

  it('turns conversation.created into conversationUpdate with the contact added', () => {
    expect(translate(conversationCreated())).toMatchObject({
      type: 'conversationUpdate',
      membersAdded: [{ id: '+31612345678', name: 'Ada Jansen' }],
      recipient: { id: IDS.channelId },
    });
  });

  it('turns conversation.updated into an event with the status', () => {
    expect(translate(conversationUpdated())).toMatchObject({
      type: 'event',
      name: CONVERSATION_EVENT_NAME,
      value: { conversationId: IDS.conversationId, status: 'archived' },
    });
  });

  it('ignores our own outbound echoes', () => {
    expect(translate(messageEvent('message.created', outbound('pending')))).toBeUndefined();
  });
});
