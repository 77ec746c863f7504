import type { Engine } from '../engine.js';
import type { ConversationRecord } from '../records.js';
import { renderConversation } from '../render.js';

/** A conversation as the API answers it, with its contact, channels and messages summary. */
export function conversationView(engine: Engine, conversation: ConversationRecord, base: string) {
  const contact = engine.store.contacts.get(conversation.contactId);
  if (!contact) throw new Error(`conversation ${conversation.id} has no contact`);
  return renderConversation(conversation, {
    contact,
    channels: engine.options.channels,
    messages: engine.store.messagesOf(conversation.id),
    baseUrl: base,
  });
}
