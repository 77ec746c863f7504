import type { ContactRecord, ConversationRecord } from './records.js';
import { renderContact, renderWebhookConversation } from './render.js';

type RenderedContact = Readonly<ReturnType<typeof renderContact>>;
type RenderedConversation = Readonly<ReturnType<typeof renderWebhookConversation>>;

interface ContactEntry {
  updatedAt: number;
  displayName: string;
  firstName: string;
  lastName: string;
  value: RenderedContact;
}

interface ConversationEntry {
  updatedAt: number;
  lastReceivedAt: number;
  status: string;
  lastUsedChannelId: string;
  value: RenderedConversation;
}

/**
 * The rendered contact and conversation of each record, reused while the fields that can change
 * are unchanged: every status change of every message carries both, and they rarely change. The
 * rendered objects are frozen, since payloads share them.
 */
export class RenderCache {
  readonly #contacts = new WeakMap<ContactRecord, ContactEntry>();
  readonly #conversations = new WeakMap<ConversationRecord, ConversationEntry>();

  /** The contact as payloads carry it. */
  contact(record: ContactRecord): RenderedContact {
    const cached = this.#contacts.get(record);
    if (
      cached &&
      cached.updatedAt === record.updatedAt &&
      cached.displayName === record.displayName &&
      cached.firstName === record.firstName &&
      cached.lastName === record.lastName
    ) {
      return cached.value;
    }
    const value = Object.freeze(renderContact(record));
    this.#contacts.set(record, {
      updatedAt: record.updatedAt,
      displayName: record.displayName,
      firstName: record.firstName,
      lastName: record.lastName,
      value,
    });
    return value;
  }

  /** The conversation as webhooks carry it. */
  conversation(record: ConversationRecord): RenderedConversation {
    const cached = this.#conversations.get(record);
    if (
      cached &&
      cached.updatedAt === record.updatedAt &&
      cached.lastReceivedAt === record.lastReceivedAt &&
      cached.status === record.status &&
      cached.lastUsedChannelId === record.lastUsedChannelId
    ) {
      return cached.value;
    }
    const value = Object.freeze(renderWebhookConversation(record));
    this.#conversations.set(record, {
      updatedAt: record.updatedAt,
      lastReceivedAt: record.lastReceivedAt,
      status: record.status,
      lastUsedChannelId: record.lastUsedChannelId,
      value,
    });
    return value;
  }
}
