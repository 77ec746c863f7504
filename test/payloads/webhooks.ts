import { contact, sparseContact } from './contacts.js';
import { webhookConversation } from './conversations.js';
import { INBOUND, outbound } from './messages.js';

/** A webhook body around a message. */
export function messageEvent(
  type: 'message.created' | 'message.updated',
  message: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return { type, contact: contact(), conversation: webhookConversation(), message, ...extra };
}

/** A `message.created` for each inbound content type. */
export const INBOUND_EVENTS = Object.fromEntries(
  Object.entries(INBOUND).map(([name, make]) => [name, messageEvent('message.created', make())]),
) as Record<keyof typeof INBOUND, ReturnType<typeof messageEvent>>;

/** `message.updated` for our own message at each status of its life, and a failure. */
export const STATUS_EVENTS = {
  sent: () => messageEvent('message.updated', outbound('sent')),
  transmitted: () => messageEvent('message.updated', outbound('transmitted')),
  delivered: () => messageEvent('message.updated', outbound('delivered')),
  read: () => messageEvent('message.updated', outbound('read')),
  failedOutsideWindow: () =>
    messageEvent(
      'message.updated',
      outbound('failed', {
        error: {
          code: 470,
          description:
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      }),
    ),
  failedNotOnWhatsapp: () =>
    messageEvent(
      'message.updated',
      outbound('failed', {
        error: { code: 302, description: 'The contact is not registered on WhatsApp.' },
      }),
    ),
};

/** `conversation.created` (payload not published by MessageBird; our reading). */
export function conversationCreated() {
  return { type: 'conversation.created', contact: contact(), conversation: webhookConversation() };
}

/** `conversation.updated`, the conversation archived. */
export function conversationUpdated() {
  return {
    type: 'conversation.updated',
    contact: contact(),
    conversation: webhookConversation({ status: 'archived' }),
  };
}

/**
 * Real-world variants seen in deliveries: each should still parse.
 * Numeric or string msisdn, null/{} details, empty strings, 0 to 9 fractional digits, extra
 * top-level fields, UUID channel ids, metadata with the zero UUID, no contact at all.
 */
export const MESSY_EVENTS = {
  workspaceAndMetadata: () =>
    messageEvent(
      'message.created',
      {
        ...INBOUND.text(),
        createdDatetime: '2026-03-02T09:20:09Z',
        updatedDatetime: '2026-03-02T09:20:09Z',
        metadata: {
          replyTo: { id: '00000000-0000-0000-0000-000000000000' },
          sender: { displayName: 'Ada J.' },
        },
      },
      { workspaceId: 20461357 },
    ),
  sparseContactWithTransactionId: () => ({
    ...messageEvent('message.created', INBOUND.text(), { transactionID: '2718281828' }),
    contact: sparseContact(),
  }),
  stringMsisdn: () => ({
    ...messageEvent('message.created', INBOUND.text()),
    contact: contact({ msisdn: '31612345678' }),
  }),
  emptyArrayDetails: () => ({
    ...messageEvent('message.created', INBOUND.text()),
    contact: contact({
      customDetails: [],
      attributes: [],
      firstName: null,
      lastName: null,
      href: null,
    }),
  }),
  noContact: () => {
    const { contact: _omitted, ...rest } = messageEvent('message.created', {
      ...INBOUND.text(),
      platform: undefined,
      from: undefined,
      to: undefined,
    });
    return JSON.parse(JSON.stringify(rest));
  },
  fractionalSeconds: () =>
    messageEvent('message.created', {
      ...INBOUND.text(),
      createdDatetime: '2026-03-02T09:20:09.5Z',
      updatedDatetime: '2026-03-02T09:20:11.518823401Z',
    }),
  hexChannelId: () =>
    messageEvent('message.created', {
      ...INBOUND.text(),
      channelId: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5',
    }),
  locationAsStrings: () =>
    messageEvent('message.created', {
      ...INBOUND.location(),
      content: { location: { latitude: '52.370216', longitude: '4.895168' } },
    }),
  unknownType: () =>
    messageEvent('message.created', {
      ...INBOUND.text(),
      type: 'whatsappReaction',
      content: { whatsappReaction: { emoji: '👍', message_id: 'wamid.XYZ' } },
    }),
};
