import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BIRD_BODY_TYPES,
  BIRD_EVENTS,
  BIRD_MESSAGE_STATUSES,
  BirdBody,
  BirdChannel,
  BirdChannelMessage,
  BirdCreateSubscription,
  BirdErrorBody,
  BirdInboundWebhook,
  BirdInteractionWebhook,
  BirdOutboundWebhook,
  BirdSendRequest,
  BirdSubscription,
  BirdTemplateSend,
  BirdWebhook,
  birdErrorBody,
  birdErrorMessage,
  birdListOf,
  captionText,
  describeBirdIssues,
  isBirdBodyType,
  isBirdFailedStatus,
  isBirdWebhookEvent,
} from '../../src/bird/index.js';
import {
  BIRD_BODIES,
  BIRD_ERROR_BODIES,
  BIRD_IDS,
  BIRD_INBOUND,
  BIRD_OUTBOUND,
  BIRD_SENDS,
  BIRD_WINDOW_CLOSED_REASON,
  birdAccepted,
  birdChannel,
  birdCreateSubscription,
  birdInbound,
  birdMessageList,
  birdOutbound,
  birdReadInteraction,
  birdSend,
  birdSubscription,
  birdSubscriptionList,
  birdTemplate,
} from '../payloads/bird.js';

/** Why a schema refused a value: `field: what is wrong`, one per field. */
function refusal(schema: v.GenericSchema, value: unknown): string {
  const result = v.safeParse(schema, value);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(value)}`);
  return describeBirdIssues(result.issues);
}

/** A deep copy to break. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

describe('sends', () => {
  it.each(Object.keys(BIRD_SENDS))('accepts the %s send', (name) => {
    const send = BIRD_SENDS[name as keyof typeof BIRD_SENDS]();
    expect(v.parse(BirdSendRequest, send)).toEqual(send);
  });

  it('models every body type the examples send', () => {
    const types = new Set(Object.values(BIRD_BODIES).map((make) => make().type));
    expect([...types].sort()).toEqual([...BIRD_BODY_TYPES].sort());
  });

  it('accepts identifierKey left out, as the message-type pages do', () => {
    const parsed = v.parse(BirdSendRequest, BIRD_SENDS.withoutIdentifierKey());
    expect(parsed.receiver.contacts[0]).toEqual({ identifierValue: BIRD_IDS.phone });
  });

  it('accepts a contact by id, and a non-phone identifier key with any value', () => {
    expect(() => v.parse(BirdSendRequest, BIRD_SENDS.byContactId())).not.toThrow();
    const byUsername = {
      ...BIRD_SENDS.text(),
      receiver: { contacts: [{ identifierKey: 'whatsappusername', identifierValue: 'ana.j' }] },
    };
    expect(() => v.parse(BirdSendRequest, byUsername)).not.toThrow();
  });

  it('refuses a phone number that is not E.164, naming the field', () => {
    const send = birdSend(BIRD_BODIES.text());
    send.receiver.contacts[0] = { identifierKey: 'phonenumber', identifierValue: '0612345678' };
    expect(refusal(BirdSendRequest, send)).toBe(
      'receiver.contacts.0.identifierValue: expected a phone number in E.164 form, such as +31612345678',
    );
    const noKey = { ...send, receiver: { contacts: [{ identifierValue: '31612345678' }] } };
    expect(refusal(BirdSendRequest, noKey)).toMatch(/^receiver\.contacts\.0\.identifierValue: /);
  });

  it('refuses a send without receiver or contacts', () => {
    expect(refusal(BirdSendRequest, { body: BIRD_BODIES.text() })).toBe('receiver is required');
    expect(refusal(BirdSendRequest, { receiver: { contacts: [] }, body: BIRD_BODIES.text() })).toBe(
      'receiver.contacts: give at least one contact',
    );
  });

  it('takes exactly one of body and template', () => {
    const both = { ...BIRD_SENDS.text(), template: birdTemplate() };
    expect(refusal(BirdSendRequest, both)).toBe('body: give exactly one of body and template');
    const neither = { receiver: BIRD_SENDS.text().receiver };
    expect(refusal(BirdSendRequest, neither)).toBe('body: give exactly one of body and template');
  });

  it('refuses broken bodies, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'text', text: { text: '' } }, 'body.text.text: must not be empty'],
      [{ type: 'text' }, 'body.text is required'],
      [{ type: 'image', image: { images: [] } }, 'body.image.images: give at least one image'],
      [
        { type: 'image', image: { images: [{ mediaUrl: 'photo.jpg' }] } },
        'body.image.images.0.mediaUrl: expected an absolute http(s) URL, such as https://example.org/photo.jpg',
      ],
      [
        { type: 'file', file: { files: [{ mediaUrl: 'https://cdn.example.com/a.pdf' }] } },
        'body.file.files.0.contentType is required',
      ],
      [
        { type: 'list', list: { text: 'Pick', items: [{ title: 'A', actions: [] }] } },
        'body.list.items.0.actions: give each item at least one action',
      ],
      [
        {
          type: 'location',
          location: { coordinates: { latitude: 123, longitude: 4.9 } },
        },
        'body.location.coordinates.latitude: latitude must be -90 to 90',
      ],
    ];
    for (const [body, message] of cases) {
      expect(refusal(BirdSendRequest, birdSend(body))).toBe(message);
    }
  });

  it('refuses actions that are neither reply nor postback, or lack their fields', () => {
    const link = BIRD_BODIES.replyButtons();
    (link.text.actions as unknown[])[1] = {
      type: 'link',
      link: { text: 'Site', url: 'https://x' },
    };
    expect(refusal(BirdSendRequest, birdSend(link))).toBe(
      'body.text.actions.1.type: expected an action of type reply or postback, got "link"',
    );
    const noPayload = BIRD_BODIES.postbackButtons();
    (noPayload.text.actions[0] as { postback: Record<string, unknown> }).postback = { text: 'Yes' };
    expect(refusal(BirdSendRequest, birdSend(noPayload))).toBe(
      'body.text.actions.0.postback.payload is required',
    );
  });

  it('refuses a template with a wrong version, locale or parameter, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ version: 'v2' }, 'template.version: expected "latest" or the UUID of a template version'],
      [{ locale: 'English' }, 'template.locale: expected a locale such as en or en-US'],
      [{ projectId: '' }, 'template.projectId: must not be empty'],
      [
        { parameters: [{ type: 'string', key: 'name', value: 7 }] },
        'template.parameters.0.value: expected the value as a string',
      ],
    ];
    for (const [overrides, message] of cases) {
      const send = { receiver: BIRD_SENDS.text().receiver, template: birdTemplate(overrides) };
      expect(refusal(BirdSendRequest, send)).toBe(message);
    }
  });

  it('keeps the template fields the reference lists beyond ours', () => {
    const template = birdTemplate({ variables: { name: 'Ana' }, settings: { useMmLite: true } });
    expect(v.parse(BirdTemplateSend, template)).toEqual(template);
  });

  it('refuses a replyTo that is not a message', () => {
    const send = { ...BIRD_SENDS.replyTo(), replyTo: { id: BIRD_IDS.inboundMessageId, type: 'x' } };
    expect(refusal(BirdSendRequest, send)).toBe('replyTo.type: expected type "message"');
  });
});

describe('bodies', () => {
  it('reads an image caption as a string or as {text}', () => {
    const asObject = v.parse(BirdWebhook, BIRD_INBOUND.image());
    const asString = v.parse(BirdWebhook, BIRD_INBOUND.imageCaptionString());
    for (const webhook of [asObject, asString]) {
      if (!isBirdWebhookEvent(webhook, 'whatsapp.inbound')) throw new Error('not inbound');
      const body = webhook.payload.body;
      if (!isBirdBodyType(body, 'image')) throw new Error('not an image');
      expect(captionText(body.image.text)).toBe('the parcel');
    }
  });

  it('keeps a body type it does not model as it came', () => {
    const webhook = BIRD_INBOUND.reaction();
    const parsed = v.parse(BirdWebhook, webhook);
    expect(parsed).toEqual(webhook);
    if (!isBirdWebhookEvent(parsed, 'whatsapp.inbound')) throw new Error('not inbound');
    expect(isBirdBodyType(parsed.payload.body, 'text')).toBe(false);
    expect(parsed.payload.body?.type).toBe('reaction');
  });

  it('reads a tapped button or list row as text with one postback action', () => {
    for (const make of [BIRD_INBOUND.buttonTap, BIRD_INBOUND.listTap]) {
      const parsed = v.parse(BirdInboundWebhook, make());
      const body = parsed.payload.body;
      if (!isBirdBodyType(body, 'text')) throw new Error('not text');
      const action = body.text.actions?.[0];
      expect(action?.type).toBe('postback');
      expect(action?.type === 'postback' && action.postback.payload).toMatch(/^(confirm|slot)-/);
    }
  });

  it('reads a location (the reading)', () => {
    const parsed = v.parse(BirdBody, BIRD_BODIES.location());
    if (!isBirdBodyType(parsed, 'location')) throw new Error('not a location');
    expect(parsed.location.coordinates).toEqual({ latitude: 52.370216, longitude: 4.895168 });
  });
});

describe('messages and webhooks', () => {
  it.each(Object.keys(BIRD_SENDS))('accepts the 202 answer to the %s send', (name) => {
    const answer = birdAccepted(BIRD_SENDS[name as keyof typeof BIRD_SENDS]());
    const parsed = v.parse(BirdChannelMessage, answer);
    expect(parsed.status).toBe('accepted');
    expect(parsed.direction).toBe('outgoing');
  });

  it.each(Object.keys(BIRD_INBOUND))('accepts whatsapp.inbound: %s', (name) => {
    const webhook = BIRD_INBOUND[name as keyof typeof BIRD_INBOUND]();
    const parsed = v.parse(BirdWebhook, webhook);
    expect(parsed.event).toBe('whatsapp.inbound');
    expect(v.parse(BirdInboundWebhook, webhook).payload.direction).toBe('incoming');
  });

  it.each(Object.keys(BIRD_OUTBOUND))('accepts whatsapp.outbound: %s', (name) => {
    const webhook = BIRD_OUTBOUND[name as keyof typeof BIRD_OUTBOUND]();
    const parsed = v.parse(BirdOutboundWebhook, webhook);
    expect(BIRD_MESSAGE_STATUSES).toContain(parsed.payload.status);
    expect(isBirdFailedStatus(parsed.payload.status)).toBe(parsed.payload.reason !== '');
  });

  it('carries the failure reason of a send outside the window', () => {
    const parsed = v.parse(BirdOutboundWebhook, BIRD_OUTBOUND.sendingFailedWindow());
    expect(parsed.payload.status).toBe('sending_failed');
    expect(parsed.payload.reason).toBe(BIRD_WINDOW_CLOSED_REASON);
  });

  it('accepts a read interaction', () => {
    const parsed = v.parse(BirdInteractionWebhook, birdReadInteraction());
    expect(parsed.payload).toMatchObject({ type: 'read', messageId: BIRD_IDS.sentMessageId });
    expect(v.parse(BirdWebhook, birdReadInteraction()).event).toBe('whatsapp.interaction');
  });

  it('keeps an event it does not model, with its payload as it came', () => {
    const other = { service: 'channels', event: 'sms.inbound', payload: { anything: [1, 2] } };
    expect(v.parse(BirdWebhook, other)).toEqual(other);
  });

  it('lists the three WhatsApp events', () => {
    expect(BIRD_EVENTS).toEqual(['whatsapp.inbound', 'whatsapp.outbound', 'whatsapp.interaction']);
  });

  it('is lenient where samples differ: missing or null optional fields, extra fields, new statuses', () => {
    expect(() => v.parse(BirdInboundWebhook, BIRD_INBOUND.sparse())).not.toThrow();
    const loose = birdOutbound('delivered', {
      reason: null,
      meta: null,
      parts: null,
      lastStatusAt: undefined,
      updatedAt: undefined,
      somethingNew: { kept: true },
    });
    const parsed = v.parse(BirdOutboundWebhook, loose);
    expect((parsed.payload as Record<string, unknown>).somethingNew).toEqual({ kept: true });
    const future = v.parse(BirdOutboundWebhook, birdOutbound('scheduled'));
    expect(future.payload.status).toBe('scheduled');
  });

  it('reads a contact known by other identifiers than its phone number', () => {
    const webhook = BIRD_INBOUND.text();
    webhook.payload.sender.contact = {
      id: BIRD_IDS.contactId,
      identifierKey: 'whatsappbsuid',
      identifierValue: 'bsuid.8f2c1e',
      identifiers: [{ identifierKey: 'whatsappusername', identifierValue: 'ana.j' }],
    } as never;
    expect(() => v.parse(BirdInboundWebhook, webhook)).not.toThrow();
  });

  it('refuses broken webhooks, naming the field', () => {
    const cases: [unknown, string][] = [
      [
        { ...BIRD_INBOUND.text(), service: 'conversations' },
        'service: expected service "channels"',
      ],
      [
        (() => {
          const w = copy(BIRD_INBOUND.text()) as { payload: Record<string, unknown> };
          delete w.payload.id;
          return w;
        })(),
        'payload.id is required',
      ],
      [
        birdInbound(BIRD_BODIES.text(), { direction: 'sideways' }),
        'payload.direction: expected direction incoming or outgoing',
      ],
      [
        birdInbound(BIRD_BODIES.text(), { createdAt: '02/03/2026 09:20' }),
        'payload.createdAt: expected an RFC 3339 timestamp such as 2026-11-30T09:15:00.871Z',
      ],
      [birdInbound({ type: 'text', text: {} }), 'payload.body.text.text is required'],
      [
        birdOutbound('delivered', { status: 7 }),
        expect.stringMatching(/^payload\.status: expected a status: accepted, processing/),
      ],
    ];
    for (const [webhook, message] of cases) {
      expect(refusal(BirdWebhook, webhook)).toEqual(message);
    }
  });
});

describe('subscriptions, lists, channels', () => {
  it('accepts the create body of each event, with and without a signing key and filters', () => {
    for (const event of BIRD_EVENTS) {
      expect(() => v.parse(BirdCreateSubscription, birdCreateSubscription(event))).not.toThrow();
    }
    const bare = { service: 'channels', event: 'whatsapp.outbound', url: BIRD_IDS.webhookUrl };
    expect(v.parse(BirdCreateSubscription, bare)).toEqual(bare);
    const statusFilters = birdCreateSubscription('whatsapp.outbound', {
      eventFilters: [
        { key: 'channelId', value: BIRD_IDS.channelId },
        { key: 'messageStatus', value: 'delivered' },
        { key: 'messageStatus', value: 'sending_failed' },
      ],
    });
    expect(() => v.parse(BirdCreateSubscription, statusFilters)).not.toThrow();
  });

  it('refuses a create body with a wrong service, event, URL or filter, naming the field', () => {
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ service: 'conversations' }, 'service: expected service "channels"'],
      [{ event: 'whatsapp.everything' }, /^event: expected an event: whatsapp\.inbound, /],
      [{ url: 'ftp://bot.example.com/bird' }, /^url: expected an absolute http\(s\) URL/],
      [{ url: '/api/bird' }, /^url: expected an absolute http\(s\) URL/],
      [{ signingKey: '' }, 'signingKey: must not be empty'],
      [{ eventFilters: [{ key: 'channelId' }] }, 'eventFilters.0.value is required'],
    ];
    for (const [overrides, message] of cases) {
      expect(
        refusal(BirdCreateSubscription, birdCreateSubscription('whatsapp.inbound', overrides)),
      ).toMatch(message);
    }
  });

  it('accepts the 201 answer, and a list whose items hide the signing key', () => {
    expect(v.parse(BirdSubscription, birdSubscription()).signingKey).toBe(BIRD_IDS.signingKey);
    const page = v.parse(birdListOf(BirdSubscription), birdSubscriptionList());
    expect(page.results).toHaveLength(1);
    expect(page.results[0]?.signingKey).toBeUndefined();
    expect(page.nextPageToken).toBeUndefined();
  });

  it('reads a message page with its next-page token', () => {
    const page = v.parse(birdListOf(BirdChannelMessage), birdMessageList());
    expect(page.results[0]?.status).toBe('read');
    expect(page.nextPageToken).toBe(birdMessageList().nextPageToken);
    expect(refusal(birdListOf(BirdChannelMessage), { items: [] })).toBe('results is required');
  });

  it('reads a channel, only its id required', () => {
    expect(v.parse(BirdChannel, birdChannel())).toEqual(birdChannel());
    expect(v.parse(BirdChannel, { id: BIRD_IDS.channelId })).toEqual({ id: BIRD_IDS.channelId });
    expect(refusal(BirdChannel, { name: 'x' })).toBe('id is required');
  });
});

describe('error bodies (a reading)', () => {
  it.each(Object.keys(BIRD_ERROR_BODIES))('reads the message of the %s form', (name) => {
    const body = BIRD_ERROR_BODIES[name as keyof typeof BIRD_ERROR_BODIES]();
    expect(v.is(BirdErrorBody, body)).toBe(true);
    expect(birdErrorMessage(body)).toMatch(/\w/);
  });

  it('gives the exact message of each form', () => {
    expect(birdErrorMessage(BIRD_ERROR_BODIES.nested())).toBe('channel not found');
    expect(birdErrorMessage(BIRD_ERROR_BODIES.messageOnly())).toBe(
      'Too many requests, retry later',
    );
    expect(birdErrorMessage(birdErrorBody('NotFound', 'no such message'))).toBe('no such message');
  });

  it('answers undefined for what is no error body', () => {
    for (const json of [
      null,
      'oops',
      {},
      { errors: [{ code: 2 }] },
      { message: 3 },
      { message: '' },
    ]) {
      expect(birdErrorMessage(json)).toBeUndefined();
    }
  });

  it('builds the simulator form, with details only when given', () => {
    expect(birdErrorBody('Unauthorized', 'Invalid access key')).toEqual({
      code: 'Unauthorized',
      message: 'Invalid access key',
    });
    expect(birdErrorBody('InvalidPayload', 'bad', { field: ['x'] })).toEqual({
      code: 'InvalidPayload',
      message: 'bad',
      details: { field: ['x'] },
    });
  });
});
