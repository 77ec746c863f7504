import { IDS } from './ids.js';

/** A message the contact sent us, of the given type and content. */
export function inbound(
  type: string,
  content: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
) {
  return {
    id: IDS.messageId,
    conversationId: IDS.conversationId,
    platform: 'whatsapp',
    to: IDS.businessPhone,
    from: IDS.phone,
    channelId: IDS.channelId,
    type,
    content,
    direction: 'received',
    status: 'received',
    createdDatetime: '2026-03-02T09:20:09Z',
    updatedDatetime: '2026-03-02T09:20:11.518823401Z',
    ...overrides,
  };
}

/** One inbound message of every content type a WhatsApp contact can send. */
export const INBOUND = {
  text: () => inbound('text', { text: 'Hi! Is my order on its way?' }),
  image: () =>
    inbound('image', {
      image: {
        url: 'https://media.messagebird.com/v1/media/7a4c1e2d-3b5f-4a6e-8d9c-0b1a2c3d4e5f',
        caption: 'the parcel',
      },
    }),
  video: () =>
    inbound('video', {
      video: { url: 'https://media.messagebird.com/v1/media/1b2c3d4e-5f60-4718-293a-4b5c6d7e8f90' },
    }),
  audio: () =>
    inbound('audio', {
      audio: { url: 'https://media.messagebird.com/v1/media/2c3d4e5f-6071-4829-3a4b-5c6d7e8f90a1' },
    }),
  file: () =>
    inbound('file', {
      file: {
        url: 'https://media.messagebird.com/v1/media/3d4e5f60-7182-493a-4b5c-6d7e8f90a1b2',
        caption: 'invoice-2026-03.pdf',
      },
    }),
  location: () => inbound('location', { location: { latitude: 52.370216, longitude: 4.895168 } }),
  buttonReply: () =>
    inbound(
      'interactive',
      { interactive: { type: 'button_reply', reply: { id: 'track-order', text: 'Track order' } } },
      { replyTo: { id: IDS.interactiveMessageId } },
    ),
  listReply: () =>
    inbound(
      'interactive',
      {
        interactive: {
          type: 'list_reply',
          reply: { id: 'slot-tue-am', text: 'Tuesday morning', description: '09:00 to 12:00' },
        },
      },
      { replyTo: { id: IDS.interactiveMessageId } },
    ),
  sticker: () =>
    inbound('whatsappSticker', {
      whatsappSticker: {
        link: 'https://media.messagebird.com/v1/media/4e5f6071-8293-4a4b-5c6d-7e8f90a1b2c3',
      },
    }),
  order: () =>
    inbound('whatsappOrder', {
      whatsappOrder: {
        catalog_id: '418273645091827',
        product_items: [
          { product_retailer_id: 'mug-blue', quantity: 2, item_price: 12.5, currency: 'EUR' },
          { product_retailer_id: 'tea-earl-grey', quantity: 1, item_price: 6.95, currency: 'EUR' },
        ],
        text: 'Can you gift-wrap the mugs?',
      },
    }),
  quotedText: () =>
    inbound('whatsappText', {
      whatsappText: {
        text: { body: 'Is this one in stock?' },
        context: {
          id: 'wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzRUIwQTk4NzY1NDMyMTBGRURDQgA=',
          from: '31201234567',
          referred_product: { catalog_id: '418273645091827', product_retailer_id: 'mug-blue' },
        },
      },
    }),
} as const;

/** A message we sent, as `message.updated` reports it at a given status. */
export function outbound(status: string, overrides: Record<string, unknown> = {}) {
  return {
    id: IDS.sentMessageId,
    conversationId: IDS.conversationId,
    platform: 'whatsapp',
    to: IDS.phone,
    from: IDS.businessPhone,
    channelId: IDS.channelId,
    type: 'text',
    content: { text: 'Your order left our warehouse this morning.' },
    direction: 'sent',
    status,
    origin: 'api',
    createdDatetime: '2026-03-02T09:20:14.002871154Z',
    updatedDatetime: '2026-03-02T09:20:16Z',
    ...overrides,
  };
}
