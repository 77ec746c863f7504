/**
 * Example payloads of Bird's Channels API, in the shapes public sources show (see the readings in
 * src/bird beside each schema), with our own made-up ids, numbers and texts.
 */

/** Ids, numbers and URLs of the Bird examples: ours, shaped like Bird's (UUIDs, E.164). */
export const BIRD_IDS = {
  organizationId: '1e7d4c2a-9b3f-4a6e-8c5d-2f1a0b9c8d7e',
  workspaceId: '3a9f6e2d-1c4b-4d7a-b8e5-6f0a1b2c3d4e',
  channelId: '8c2e4a6f-0b1d-4e3c-9a5f-7b6d8e0f1a2c',
  connectorId: '5d7f9b1e-3a2c-4c8e-a6b4-0e9d8c7b6a5f',
  contactId: '0f3a5c7e-9b1d-4f2a-8c6e-4d2b0a9f8e7c',
  /** The message the contact sent. */
  inboundMessageId: '6b8d0f2a-4c6e-4a1b-9d3f-5e7a9c1b3d5f',
  /** The message we sent. */
  sentMessageId: '2c4e6a8b-0d2f-4b5c-8e1a-3f5b7d9e1c3a',
  subscriptionId: '9e1c3a5d-7f9b-4d2e-b0c4-6a8e0d2f4b6c',
  projectId: '4f6b8d0e-2a4c-4e7f-9b1d-3c5e7a9b1d3f',
  templateVersionId: '7a9c1e3f-5b7d-4f0a-8c2e-4d6f8a0c2e4b',
  /** The contact's number, E.164. */
  phone: '+31612345678',
  /** The business number the channel sends from. */
  businessPhone: '+31201234567',
  /** WhatsApp's id of a message. */
  wamid: 'wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQ0QjdFMkE5QzFGMzA4RDZCNUUxNwA=',
  /** The URL Bird calls, as set in the subscription. */
  webhookUrl: 'https://bot.example.com/api/bird',
  /** A subscription's signing key: a plain string, used as its bytes. */
  signingKey: 'sK7qW2pL9vR4xN8cT3mZ6bH1',
  /** Unix seconds of the inbound message (2026-03-02T09:20:09Z). */
  unixSeconds: '1772443209',
} as const;

const CREATED = '2026-03-02T09:20:09.512Z';
const SENT_AT = '2026-03-02T09:21:00.871Z';
const STATUS_AT = '2026-03-02T09:21:02.204Z';

/** The contact as a send addresses it: `{identifierKey: 'phonenumber', identifierValue}`. */
export function birdReceiver(phone: string = BIRD_IDS.phone) {
  return { contacts: [{ identifierKey: 'phonenumber', identifierValue: phone }] };
}

/** The body of each type a business sends (the documented shapes; location is a reading). */
export const BIRD_BODIES = {
  text: () => ({ type: 'text', text: { text: 'Your parcel arrives tomorrow between 9 and 12.' } }),
  replyButtons: () => ({
    type: 'text',
    text: {
      text: 'When suits you?',
      actions: [
        { type: 'reply', reply: { text: 'Tomorrow' } },
        { type: 'reply', reply: { text: 'Friday' } },
      ],
    },
  }),
  postbackButtons: () => ({
    type: 'text',
    text: {
      text: 'Confirm your order?',
      actions: [
        { type: 'postback', postback: { text: 'Yes', payload: 'confirm-order-1042' } },
        { type: 'postback', postback: { text: 'No', payload: 'cancel-order-1042' } },
      ],
    },
  }),
  image: () => ({
    type: 'image',
    image: {
      images: [{ mediaUrl: 'https://cdn.example.com/receipts/1042.png', altText: 'Receipt 1042' }],
      text: 'Your receipt',
    },
  }),
  document: () => ({
    type: 'file',
    file: {
      files: [
        {
          contentType: 'application/pdf',
          mediaUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
          filename: 'INV-1042.pdf',
        },
      ],
      text: 'Your invoice',
    },
  }),
  video: () => ({
    type: 'file',
    file: {
      files: [{ contentType: 'video/mp4', mediaUrl: 'https://cdn.example.com/howto/setup.mp4' }],
    },
  }),
  audio: () => ({
    type: 'file',
    file: {
      files: [
        { contentType: 'audio/mpeg', mediaUrl: 'https://cdn.example.com/jingles/thanks.mp3' },
      ],
    },
  }),
  list: () => ({
    type: 'list',
    list: {
      title: 'Delivery slot',
      text: 'Pick a time slot',
      altText: 'Time slots',
      items: [
        {
          title: 'Morning',
          actions: [{ type: 'postback', postback: { text: '09:00-12:00', payload: 'slot-0900' } }],
        },
        {
          title: 'Afternoon',
          actions: [
            { type: 'postback', postback: { text: '12:00-15:00', payload: 'slot-1200' } },
            { type: 'postback', postback: { text: '15:00-18:00', payload: 'slot-1500' } },
          ],
        },
      ],
    },
  }),
  location: () => ({
    type: 'location',
    location: {
      coordinates: { latitude: 52.370216, longitude: 4.895168 },
      location: { label: 'Our shop', address: 'Damrak 1, 1012 LG Amsterdam' },
    },
  }),
};

/** A template send: project, `latest`, locale and the named variables as string parameters. */
export function birdTemplate(overrides: Record<string, unknown> = {}) {
  return {
    projectId: BIRD_IDS.projectId,
    version: 'latest',
    locale: 'en',
    parameters: [
      { type: 'string', key: 'name', value: 'Ana' },
      { type: 'string', key: 'order', value: '1042' },
    ],
    ...overrides,
  };
}

/** `POST …/messages` with a body, to our contact. */
export function birdSend(body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { receiver: birdReceiver(), body, ...extra };
}

/** A send of every body type, a template send, and a reply to a received message. */
export const BIRD_SENDS = {
  ...(Object.fromEntries(
    Object.entries(BIRD_BODIES).map(([name, make]) => [name, () => birdSend(make())]),
  ) as { [K in keyof typeof BIRD_BODIES]: () => ReturnType<typeof birdSend> }),
  template: () => ({ receiver: birdReceiver(), template: birdTemplate() }),
  templateByVersion: () => ({
    receiver: birdReceiver(),
    template: birdTemplate({ version: BIRD_IDS.templateVersionId, locale: 'en-US' }),
  }),
  replyTo: () =>
    birdSend(BIRD_BODIES.text(), {
      replyTo: { id: BIRD_IDS.inboundMessageId, type: 'message' },
      reference: 'order-1042-reply',
    }),
  withoutIdentifierKey: () => ({
    receiver: { contacts: [{ identifierValue: BIRD_IDS.phone }] },
    body: BIRD_BODIES.text(),
  }),
  byContactId: () => ({
    receiver: { contacts: [{ id: BIRD_IDS.contactId }] },
    body: BIRD_BODIES.text(),
  }),
};

/** A message we sent, as Bird answers, lists and reports it. */
export function birdOutgoingMessage(overrides: Record<string, unknown> = {}) {
  return {
    id: BIRD_IDS.sentMessageId,
    channelId: BIRD_IDS.channelId,
    sender: { connector: { id: BIRD_IDS.connectorId, identifierValue: BIRD_IDS.businessPhone } },
    receiver: birdReceiver(),
    body: BIRD_BODIES.text(),
    reference: '',
    parts: [],
    status: 'accepted',
    reason: '',
    direction: 'outgoing',
    lastStatusAt: SENT_AT,
    createdAt: SENT_AT,
    updatedAt: SENT_AT,
    ...overrides,
  };
}

/** The 202 answer to a send: the message, `status: 'accepted'`. */
export function birdAccepted(send: Record<string, unknown> = BIRD_SENDS.text()) {
  const { receiver, body, template, reference } = send as Record<string, unknown>;
  return birdOutgoingMessage({
    receiver,
    ...(body === undefined ? { body: undefined } : { body }),
    ...(template === undefined ? {} : { template }),
    reference: typeof reference === 'string' ? reference : '',
  });
}

/** A message the contact sent, with the given body, as `whatsapp.inbound` carries it. */
export function birdIncomingMessage(
  body: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: BIRD_IDS.inboundMessageId,
    channelId: BIRD_IDS.channelId,
    sender: {
      contact: {
        id: BIRD_IDS.contactId,
        identifierKey: 'phonenumber',
        identifierValue: BIRD_IDS.phone,
      },
    },
    receiver: { connector: { id: BIRD_IDS.connectorId, identifierValue: '' } },
    body,
    meta: { extraInformation: { timestamp: BIRD_IDS.unixSeconds } },
    reference: '',
    parts: [{ platformReference: BIRD_IDS.wamid }],
    status: 'delivered',
    reason: '',
    direction: 'incoming',
    lastStatusAt: CREATED,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** `{service: 'channels', event, payload}`. */
export function birdWebhook<P>(event: string, payload: P) {
  return { service: 'channels', event, payload };
}

/** A `whatsapp.inbound` webhook around a message with the given body. */
export function birdInbound(
  body: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return birdWebhook('whatsapp.inbound', birdIncomingMessage(body, overrides));
}

const MEDIA = `https://media.api.bird.com/workspaces/${BIRD_IDS.workspaceId}/messages/${BIRD_IDS.inboundMessageId}/media`;

/** `whatsapp.inbound` of every kind a contact sends (taps and location are readings). */
export const BIRD_INBOUND = {
  text: () => birdInbound({ type: 'text', text: { text: 'Hi! Is my order on its way?' } }),
  image: () =>
    birdInbound({
      type: 'image',
      image: {
        images: [{ mediaUrl: `${MEDIA}/1d3f5b7a-9c0e-4a2b-8d4f-6e8a0c2e4a6b` }],
        text: { text: 'the parcel' },
      },
    }),
  imageCaptionString: () =>
    birdInbound({
      type: 'image',
      image: {
        images: [{ mediaUrl: `${MEDIA}/1d3f5b7a-9c0e-4a2b-8d4f-6e8a0c2e4a6b` }],
        text: 'the parcel',
      },
    }),
  voiceNote: () =>
    birdInbound({
      type: 'file',
      file: {
        files: [
          { contentType: 'audio/ogg', mediaUrl: `${MEDIA}/2e4a6c8e-0a1b-4c3d-9e5f-7a9b1c3d5e7f` },
        ],
      },
    }),
  document: () =>
    birdInbound({
      type: 'file',
      file: {
        files: [
          {
            contentType: 'application/pdf',
            mediaUrl: `${MEDIA}/3f5b7d9f-1b2c-4d4e-8f6a-8b0c2d4e6f8a`,
            filename: 'invoice-2026-03.pdf',
          },
        ],
      },
    }),
  video: () =>
    birdInbound({
      type: 'file',
      file: {
        files: [
          { contentType: 'video/mp4', mediaUrl: `${MEDIA}/4a6c8e0a-2c3d-4e5f-9a7b-9c1d3e5f7a9b` },
        ],
      },
    }),
  buttonTap: () =>
    birdInbound({
      type: 'text',
      text: {
        text: 'Yes',
        actions: [{ type: 'postback', postback: { text: 'Yes', payload: 'confirm-order-1042' } }],
      },
    }),
  listTap: () =>
    birdInbound({
      type: 'text',
      text: {
        text: '12:00-15:00',
        actions: [{ type: 'postback', postback: { text: '12:00-15:00', payload: 'slot-1200' } }],
      },
    }),
  location: () =>
    birdInbound({
      type: 'location',
      location: {
        coordinates: { latitude: 52.379189, longitude: 4.899431 },
        location: { label: 'Centraal Station', address: 'Stationsplein, Amsterdam' },
      },
    }),
  /** A body type we do not model: kept as it came. */
  reaction: () =>
    birdInbound({ type: 'reaction', reaction: { emoji: '👍', messageId: BIRD_IDS.sentMessageId } }),
  /** The docs' sparse sample: no meta, reference, reason or connector identifierValue. */
  sparse: () => {
    const webhook = birdInbound({ type: 'text', text: { text: 'Hello' } });
    const { meta: _m, reference: _r, reason: _s, ...payload } = webhook.payload;
    return birdWebhook('whatsapp.inbound', {
      ...payload,
      receiver: { connector: { id: BIRD_IDS.connectorId } },
    });
  },
};

/**
 * The reason of a free-form send outside the 24-hour window (a reading: Bird publishes no text;
 * worded like WhatsApp's own re-engagement error).
 */
export const BIRD_WINDOW_CLOSED_REASON =
  'Message failed to send because more than 24 hours have passed since the customer last replied to this number';

/** The reason of a template that is not approved or unknown (a reading). */
export const BIRD_TEMPLATE_REASON =
  'Template is not approved or does not exist for this project, version and locale';

/** A `whatsapp.outbound` webhook: our message at a status. */
export function birdOutbound(status: string, overrides: Record<string, unknown> = {}) {
  return birdWebhook(
    'whatsapp.outbound',
    birdOutgoingMessage({
      status,
      reference: 'order-1042-reply',
      parts: [{ platformReference: BIRD_IDS.wamid }],
      lastStatusAt: STATUS_AT,
      updatedAt: STATUS_AT,
      ...overrides,
    }),
  );
}

/** `whatsapp.outbound` at each status, and the failures (their reasons are readings). */
export const BIRD_OUTBOUND = {
  accepted: () =>
    birdOutbound('accepted', { parts: [], lastStatusAt: SENT_AT, updatedAt: SENT_AT }),
  processing: () => birdOutbound('processing'),
  sent: () => birdOutbound('sent'),
  delivered: () => birdOutbound('delivered'),
  read: () => birdOutbound('read'),
  sendingFailedWindow: () =>
    birdOutbound('sending_failed', { reason: BIRD_WINDOW_CLOSED_REASON, parts: [] }),
  sendingFailedTemplate: () =>
    birdOutbound('sending_failed', {
      body: undefined,
      template: birdTemplate(),
      reason: BIRD_TEMPLATE_REASON,
      parts: [],
    }),
  deliveryFailed: () =>
    birdOutbound('delivery_failed', { reason: 'The contact is not registered on WhatsApp' }),
};

/** `whatsapp.interaction`: the contact read our message (code bases only). */
export function birdReadInteraction() {
  return birdWebhook('whatsapp.interaction', {
    type: 'read',
    messageId: BIRD_IDS.sentMessageId,
    channelId: BIRD_IDS.channelId,
    createdAt: '2026-03-02T09:25:44.019Z',
  });
}

/** `POST …/webhook-subscriptions` for one event of our channel. */
export function birdCreateSubscription(
  event = 'whatsapp.inbound',
  overrides: Record<string, unknown> = {},
) {
  return {
    service: 'channels',
    event,
    url: BIRD_IDS.webhookUrl,
    signingKey: BIRD_IDS.signingKey,
    eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
    ...overrides,
  };
}

/** The 201 answer to a create (it echoes the signing key). */
export function birdSubscription(overrides: Record<string, unknown> = {}) {
  return {
    id: BIRD_IDS.subscriptionId,
    organizationId: BIRD_IDS.organizationId,
    workspaceId: BIRD_IDS.workspaceId,
    service: 'channels',
    event: 'whatsapp.inbound',
    eventFilters: [{ key: 'channelId', value: BIRD_IDS.channelId }],
    url: BIRD_IDS.webhookUrl,
    signingKey: BIRD_IDS.signingKey,
    status: 'active',
    createdAt: '2026-03-02T08:00:12.345Z',
    updatedAt: '2026-03-02T08:00:12.345Z',
    ...overrides,
  };
}

/** `GET …/webhook-subscriptions`: the list, signing keys not exposed. */
export function birdSubscriptionList() {
  const { signingKey: _key, ...subscription } = birdSubscription();
  return { results: [subscription] };
}

/** `GET …/messages`: a page with a token for the next. */
export function birdMessageList() {
  return {
    results: [birdOutbound('read').payload],
    nextPageToken: 'WzE3NzI0NDMyNjIsIjJjNGU2YThiIl0=',
  };
}

/** `GET /workspaces/{ws}/channels/{ch}`: the channel. */
export function birdChannel(overrides: Record<string, unknown> = {}) {
  return {
    id: BIRD_IDS.channelId,
    name: 'Shop WhatsApp',
    platformId: 'whatsapp',
    status: 'active',
    connectorId: BIRD_IDS.connectorId,
    ...overrides,
  };
}

/** Error bodies in each form read (all readings: no Bird error body is published). */
export const BIRD_ERROR_BODIES = {
  /** What the simulator answers: `{code, message, details?}`. */
  validation: () => ({
    code: 'InvalidPayload',
    message: 'The request did not pass validation',
    details: { 'receiver.contacts.0.identifierValue': ['expected a phone number in E.164 form'] },
  }),
  unauthorized: () => ({ code: 'Unauthorized', message: 'Invalid access key' }),
  /** `{error: {code?, message}}`, as one code base reads it. */
  nested: () => ({ error: { code: 'NotFound', message: 'channel not found' } }),
  /** `{message}` alone. */
  messageOnly: () => ({ message: 'Too many requests, retry later' }),
};
