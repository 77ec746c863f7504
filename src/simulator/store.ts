import { newId } from './ids.js';
import type {
  BirdSubscriptionRecord,
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  TemplateRecord,
  WebhookRecord,
} from './records.js';

/** Everything the simulator remembers, as plain data (what persistence writes). */
export interface StoreSnapshot {
  contacts: ContactRecord[];
  conversations: ConversationRecord[];
  messages: MessageRecord[];
  webhooks: WebhookRecord[];
  templates: TemplateRecord[];
  /** Bird webhook subscriptions (absent in files saved before the Bird face). */
  birdSubscriptions?: BirdSubscriptionRecord[];
}

/** What `reset` may keep; `webhooks` keeps Bird webhook subscriptions too. */
export type ResetKeep = 'webhooks' | 'templates';

const templateKey = (name: string, language: string): string => `${name}\u0000${language}`;

/**
 * The in-memory state: contacts, conversations, messages, webhooks and templates. Plain data and
 * lookups only; the rules (windows, lifecycle, one active conversation) live in the engine.
 */
export class Store {
  readonly contacts = new Map<string, ContactRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly birdSubscriptions = new Map<string, BirdSubscriptionRecord>();
  #seq = 0;

  /** The next insertion number. */
  nextSeq(): number {
    return this.#seq++;
  }

  /** The contact with this E.164 number, if any. */
  contactByPhone(phone: string): ContactRecord | undefined {
    for (const contact of this.contacts.values()) if (contact.phone === phone) return contact;
    return undefined;
  }

  /** Creates a contact; `displayName` defaults to the number itself, as MessageBird does. */
  addContact(phone: string, now: number, displayName?: string): ContactRecord {
    const contact: ContactRecord = {
      id: newId(),
      phone,
      displayName: displayName ?? phone,
      firstName: '',
      lastName: '',
      createdAt: now,
      updatedAt: now,
      lastInboundAt: {},
    };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  /** The contact's active conversation, if any (there is at most one). */
  activeConversationOf(contactId: string): ConversationRecord | undefined {
    for (const conversation of this.conversations.values()) {
      if (conversation.contactId === contactId && conversation.status === 'active') {
        return conversation;
      }
    }
    return undefined;
  }

  /** Creates an active conversation with a contact on a channel. */
  addConversation(contactId: string, channelId: string, now: number): ConversationRecord {
    const conversation: ConversationRecord = {
      id: newId(),
      contactId,
      status: 'active',
      channelIds: [channelId],
      createdAt: now,
      updatedAt: now,
      lastReceivedAt: now,
      lastUsedChannelId: channelId,
      seq: this.nextSeq(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Conversations, newest `lastReceivedDatetime` first. */
  listConversations(): ConversationRecord[] {
    return [...this.conversations.values()].sort(
      (a, b) => b.lastReceivedAt - a.lastReceivedAt || b.seq - a.seq,
    );
  }

  /** A conversation's messages, oldest first. */
  messagesOf(conversationId: string): MessageRecord[] {
    return [...this.messages.values()]
      .filter((m) => m.conversationId === conversationId)
      .sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  /** A template by name and language code. */
  template(name: string, language: string): TemplateRecord | undefined {
    return this.templates.get(templateKey(name, language));
  }

  /** Adds or replaces a template. */
  putTemplate(template: TemplateRecord): void {
    this.templates.set(templateKey(template.name, template.language), template);
  }

  /**
   * The template a Bird send names: its project and locale (`en-US` is read as `en_US`), at
   * `latest` or at its version id.
   */
  birdTemplate(projectId: string, locale: string, version: string): TemplateRecord | undefined {
    const language = locale.replace('-', '_');
    const project = projectId.toLowerCase();
    for (const template of this.templates.values()) {
      if (template.projectId !== project || template.language !== language) continue;
      if (version === 'latest' || template.versionId === version.toLowerCase()) return template;
    }
    return undefined;
  }

  /** Bird webhook subscriptions in creation order. */
  listBirdSubscriptions(): BirdSubscriptionRecord[] {
    return [...this.birdSubscriptions.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Webhooks in creation order. */
  listWebhooks(): WebhookRecord[] {
    return [...this.webhooks.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Forgets everything except what `keep` names. */
  reset(keep: readonly ResetKeep[] = []): void {
    this.contacts.clear();
    this.conversations.clear();
    this.messages.clear();
    if (!keep.includes('webhooks')) {
      this.webhooks.clear();
      this.birdSubscriptions.clear();
    }
    if (!keep.includes('templates')) this.templates.clear();
  }

  /** A deep copy of the state as plain data. */
  snapshot(): StoreSnapshot {
    return structuredClone({
      contacts: [...this.contacts.values()],
      conversations: [...this.conversations.values()],
      messages: [...this.messages.values()],
      webhooks: [...this.webhooks.values()],
      templates: [...this.templates.values()],
      birdSubscriptions: [...this.birdSubscriptions.values()],
    });
  }

  /** Replaces the state with a snapshot. */
  restore(snapshot: StoreSnapshot): void {
    this.reset();
    for (const c of snapshot.contacts) this.contacts.set(c.id, c);
    for (const c of snapshot.conversations) this.conversations.set(c.id, c);
    for (const m of snapshot.messages) this.messages.set(m.id, m);
    for (const w of snapshot.webhooks) this.webhooks.set(w.id, w);
    for (const t of snapshot.templates) this.putTemplate(t);
    const subscriptions = snapshot.birdSubscriptions ?? [];
    for (const b of subscriptions) this.birdSubscriptions.set(b.id, b);
    const seqs = [
      ...snapshot.conversations,
      ...snapshot.messages,
      ...snapshot.webhooks,
      ...subscriptions,
    ];
    this.#seq = Math.max(0, ...seqs.map((x) => x.seq + 1));
  }
}
