import type { ContactRecord, ConversationRecord } from './records.js';
import { renderContact, renderWebhookConversation } from './render.js';

/**
 * One rendering per record, reused while the record's `fields` hold the values they had when it
 * was rendered. The rendered object is frozen, since payloads share it.
 */
class FieldMemo<R extends object, V> {
  readonly #entries = new WeakMap<R, { stamp: unknown[]; value: Readonly<V> }>();

  constructor(
    readonly fields: readonly (keyof R)[],
    readonly render: (record: R) => V,
  ) {}

  /** The record's rendering, made again only when one of the fields changed. */
  get(record: R): Readonly<V> {
    const cached = this.#entries.get(record);
    if (cached && this.#unchanged(cached.stamp, record)) return cached.value;
    const value = Object.freeze(this.render(record));
    this.#entries.set(record, { stamp: this.fields.map((field) => record[field]), value });
    return value;
  }

  // A plain loop: this runs for every payload the simulator publishes.
  #unchanged(stamp: unknown[], record: R): boolean {
    for (let i = 0; i < this.fields.length; i++) {
      if (stamp[i] !== record[this.fields[i] as keyof R]) return false;
    }
    return true;
  }
}

/**
 * The rendered contact and conversation of each record, reused while the fields that can change
 * are unchanged: every status change of every message carries both, and they rarely change.
 */
export class RenderCache {
  readonly #contacts = new FieldMemo<ContactRecord, ReturnType<typeof renderContact>>(
    ['updatedAt', 'displayName', 'firstName', 'lastName'],
    renderContact,
  );
  readonly #conversations = new FieldMemo<
    ConversationRecord,
    ReturnType<typeof renderWebhookConversation>
  >(['updatedAt', 'lastReceivedAt', 'status', 'lastUsedChannelId'], renderWebhookConversation);

  /** The contact as payloads carry it. */
  contact(record: ContactRecord) {
    return this.#contacts.get(record);
  }

  /** The conversation as webhooks carry it. */
  conversation(record: ConversationRecord) {
    return this.#conversations.get(record);
  }
}
