/** Ids and numbers used across the example payloads: ours, shaped like MessageBird's. */
export const IDS = {
  /** A WhatsApp channel id in the dashed-UUID form. */
  channelId: '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
  /** A WhatsApp channel id in the 32-hex form. */
  hexChannelId: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5',
  contactId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  conversationId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  messageId: '0d15ea5e0d15ea5e0d15ea5e0d15ea5e',
  sentMessageId: 'feedfacefeedfacefeedfacefeedface',
  interactiveMessageId: 'b0a710adb0a710adb0a710adb0a710ad',
  webhookId: '4e1f0c2b3a594d68a7b8c9d0e1f2a3b4',
  /** The contact's number, E.164. */
  phone: '+31612345678',
  /** The same number as MessageBird's msisdn (a JSON number). */
  msisdn: 31612345678,
  /** The business number the channel sends from. */
  businessPhone: '+31201234567',
} as const;
