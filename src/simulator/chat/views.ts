import { formatDatetime } from '../../messagebird/datetime.js';
import type { Hsm } from '../../messagebird/hsm.js';
import { fillPlaceholders } from '../../whatsapp/index.js';
import type { Engine } from '../engine.js';
import type { ContactRecord, ConversationRecord, MessageRecord } from '../records.js';
import { renderMessage, renderTemplate } from '../render.js';
import { findTemplate } from '../templates.js';
import type { PayloadLog } from './payload-log.js';

/** A contact's 24-hour window on a channel, on the virtual clock (epoch milliseconds). */
export interface WindowView {
  open: boolean;
  /** The contact's last inbound message on the channel; null when they never wrote. */
  lastInboundAt: number | null;
  /** When the window closes (or closed); null when the contact never wrote. */
  closesAt: number | null;
}

/** The window of a contact on a channel. */
export function windowView(engine: Engine, contact: ContactRecord, channelId: string): WindowView {
  const last = contact.lastInboundAt[channelId];
  if (last === undefined) return { open: false, lastInboundAt: null, closesAt: null };
  const closesAt = last + engine.options.windowMs;
  return { open: engine.clock.now() < closesAt, lastInboundAt: last, closesAt };
}

const contactView = (contact: ContactRecord) => ({
  id: contact.id,
  phone: contact.phone,
  displayName: contact.displayName,
});

/** A one-line summary of a message, as a conversation list shows it. */
export function previewOf(message: MessageRecord): string {
  const content = message.content as Record<string, Record<string, unknown> | undefined>;
  const part = content[message.type];
  switch (message.type) {
    case 'text':
      return String(part?.text ?? content.text ?? '');
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
      return `${{ image: 'Photo', video: 'Video', audio: 'Audio', file: 'File' }[message.type]}${part?.caption ? `: ${String(part.caption)}` : ''}`;
    case 'location':
      return 'Location';
    case 'interactive': {
      const reply = part?.reply as { text?: string; title?: string } | undefined;
      if (reply) return reply.text ?? reply.title ?? '';
      return String((part?.body as { text?: string } | undefined)?.text ?? 'Interactive message');
    }
    case 'hsm':
      return `Template: ${String((part as Hsm | undefined)?.templateName ?? '?')}`;
    default:
      return message.type;
  }
}

/** The text of a template message as the contact reads it, with its template's review state. */
export function templateView(engine: Engine, hsm: Hsm) {
  const template = findTemplate((name, language) => engine.store.template(name, language), hsm);
  if (!template) return { name: hsm.templateName, language: hsm.language.code, text: null };
  const values: string[] = hsm.params
    ? hsm.params.map((p) => p.default)
    : (hsm.components ?? [])
        .filter((c) => c.type === 'body')
        .flatMap((c) => c.parameters ?? [])
        .flatMap((p) => {
          if (p.type === 'text') return [p.text as string];
          if (p.type === 'currency')
            return [(p.currency as { fallback_value: string }).fallback_value];
          if (p.type === 'date_time')
            return [(p.date_time as { fallback_value: string }).fallback_value];
          return [];
        });
  const text = fillPlaceholders(template.content, values);
  return { ...renderTemplate(template), text };
}

/** A message as the chat page draws it: the API's form, virtual times, and a template's text. */
export function chatMessageView(engine: Engine, message: MessageRecord) {
  const hsm = message.type === 'hsm' ? (message.content.hsm as Hsm | undefined) : undefined;
  return {
    ...renderMessage(message),
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
    ...(hsm ? { template: templateView(engine, hsm) } : {}),
  };
}

/** One row of the conversation list. */
export function conversationSummary(engine: Engine, conversation: ConversationRecord) {
  const contact = engine.store.contacts.get(conversation.contactId);
  const messages = engine.store.messagesOf(conversation.id);
  const last = messages.at(-1);
  return {
    id: conversation.id,
    status: conversation.status,
    channelId: conversation.lastUsedChannelId,
    contact: contact ? contactView(contact) : null,
    window: contact
      ? windowView(engine, contact, conversation.lastUsedChannelId)
      : { open: false, lastInboundAt: null, closesAt: null },
    messageCount: messages.length,
    lastMessage: last
      ? {
          id: last.id,
          direction: last.direction,
          status: last.status,
          preview: previewOf(last),
          at: last.createdAt,
        }
      : null,
  };
}

/** Everything the chat page's list needs: the clock, the channels, and every conversation. */
export function chatState(engine: Engine) {
  const now = engine.clock.now();
  return {
    clock: { now: formatDatetime(now), epochMs: now, mode: engine.clock.mode },
    windowMs: engine.options.windowMs,
    channels: engine.options.channels,
    conversations: engine.store
      .listConversations()
      .map((conversation) => conversationSummary(engine, conversation)),
  };
}

/** One conversation with its messages, oldest first. */
export function chatConversation(engine: Engine, conversation: ConversationRecord) {
  return {
    ...conversationSummary(engine, conversation),
    messages: engine.store
      .messagesOf(conversation.id)
      .map((message) => chatMessageView(engine, message)),
  };
}

/** One message with the webhook bodies published about it and every delivery attempt. */
export function chatMessageDetail(engine: Engine, message: MessageRecord, payloads: PayloadLog) {
  return {
    message: renderMessage(message),
    webhooks: payloads.of(message.id),
    deliveries: engine.delivery.deliveries({ messageId: message.id }),
  };
}
