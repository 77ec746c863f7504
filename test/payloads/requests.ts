import { IDS } from './ids.js';

/** A `/v1/send` body around an outbound `{type, content}`. */
export function send(
  type: string,
  content: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return { to: IDS.phone, from: IDS.channelId, type, content, ...extra };
}

/** One valid `/v1/send` body for each outbound type. */
export const SENDS = {
  text: () => send('text', { text: 'Your order *#4711* ships _today_.' }),
  image: () =>
    send('image', {
      image: { url: 'https://cdn.example.com/parcels/4711.jpg', caption: 'Packed and ready' },
    }),
  video: () => send('video', { video: { url: 'https://cdn.example.com/howto/return.mp4' } }),
  audio: () => send('audio', { audio: { url: 'https://cdn.example.com/voice/welcome.ogg' } }),
  file: () =>
    send('file', {
      file: { url: 'https://cdn.example.com/invoices/4711.pdf', caption: 'invoice-4711.pdf' },
    }),
  location: () => send('location', { location: { latitude: 52.379189, longitude: 4.899431 } }),
  buttons: () =>
    send('interactive', {
      interactive: {
        type: 'button',
        header: { type: 'image', image: { url: 'https://cdn.example.com/parcels/4711.jpg' } },
        body: { text: 'Your parcel arrives tomorrow. What would you like to do?' },
        footer: { text: 'Reply any time' },
        action: {
          buttons: [
            { id: 'track-order', type: 'reply', title: 'Track order' },
            { id: 'change-slot', type: 'reply', title: 'Change delivery slot' },
            { id: 'talk-human', type: 'reply', title: 'Talk to a person' },
          ],
        },
      },
    }),
  list: () =>
    send('interactive', {
      interactive: {
        type: 'list',
        header: { type: 'text', text: 'Delivery slots' },
        body: { text: 'Pick the slot that suits you.' },
        action: {
          button: 'Choose a slot',
          sections: [
            {
              title: 'Tuesday',
              rows: [
                { id: 'slot-tue-am', title: 'Tuesday morning', description: '09:00 to 12:00' },
                { id: 'slot-tue-pm', title: 'Tuesday afternoon', description: '13:00 to 17:00' },
              ],
            },
            { title: 'Wednesday', rows: [{ id: 'slot-wed-am', title: 'Wednesday morning' }] },
          ],
        },
      },
    }),
  templateParams: () =>
    send('hsm', {
      hsm: {
        namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
        templateName: 'shipping_update',
        language: { policy: 'deterministic', code: 'en' },
        params: [
          { default: 'Ada' },
          { default: '€12.50', currency: { currencyCode: 'EUR', amount: 12500 } },
          { default: 'March 3', dateTime: '2026-03-03T10:00:00Z' },
        ],
      },
    }),
  templateComponents: () =>
    send('hsm', {
      hsm: {
        namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
        templateName: 'order_ready_with_photo',
        language: { policy: 'deterministic', code: 'en_US' },
        components: [
          {
            type: 'header',
            parameters: [
              { type: 'image', image: { url: 'https://cdn.example.com/parcels/4711.jpg' } },
            ],
          },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ada' },
              { type: 'text', text: '#4711' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: 0,
            parameters: [{ type: 'payload', payload: 'track-4711' }],
          },
        ],
      },
    }),
} as const;
