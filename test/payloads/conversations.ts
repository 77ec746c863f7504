import { IDS } from './ids.js';

/** A conversation as webhooks carry it (no contact, channels or messages). */
export function webhookConversation(overrides: Record<string, unknown> = {}) {
  return {
    id: IDS.conversationId,
    contactId: IDS.contactId,
    status: 'active',
    createdDatetime: '2026-03-02T09:14:05Z',
    updatedDatetime: '2026-03-02T09:14:05.204117738Z',
    lastReceivedDatetime: '2026-03-02T09:20:11.518823401Z',
    lastUsedChannelId: IDS.channelId,
    lastUsedPlatformId: 'whatsapp',
    ...overrides,
  };
}
