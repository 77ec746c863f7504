import type { Hsm } from '../../messagebird/hsm.js';
import type { ResolvedChannel, ResolvedOptions } from '../options.js';
import type { BirdSubscriptionRecord, MessageRecord, TemplateRecord } from '../records.js';
import type { Store } from '../store.js';
import { findTemplate } from '../templates.js';
import type { WebhookDelivery } from '../webhook-delivery.js';
import { fromBirdId, toBirdId } from './ids.js';
import { birdTime, type MessageContext, renderChannelMessage } from './render.js';
import { birdStatusOf } from './status.js';

/** The engine's parts the Bird face reads: the store, the options and the deliverer. */
export interface FaceParts {
  store: Store;
  options: ResolvedOptions;
  delivery: WebhookDelivery;
}

/**
 * The Channels API's view of the engine's state: its channels by Bird id, messages as
 * ChannelMessages, and the webhooks Bird subscriptions get when a message is created or changes.
 */
export class BirdFace {
  /** Creates the face over the engine's parts. */
  constructor(private readonly parts: FaceParts) {}

  /** The channel with this Bird channel id, if the simulator plays it on Bird. */
  channel(birdChannelId: string): ResolvedChannel | undefined {
    const id = birdChannelId.toLowerCase();
    return this.parts.options.channels.find((c) => c.birdChannelId === id);
  }

  /** The message with this Bird id on this channel, if any. */
  message(birdId: string, channel: ResolvedChannel): MessageRecord | undefined {
    const id = fromBirdId(birdId);
    const message = id ? this.parts.store.messages.get(id) : undefined;
    return message?.channelId === channel.id ? message : undefined;
  }

  /** The template an `hsm` names, when the simulator has it. */
  #template(message: MessageRecord): TemplateRecord | undefined {
    if (message.type !== 'hsm') return undefined;
    const hsm = message.content.hsm as Hsm | undefined;
    if (!hsm?.templateName || !hsm.language?.code) return undefined;
    return findTemplate((name, language) => this.parts.store.template(name, language), hsm);
  }

  /** True when a tap answers a Bird `reply` action (it comes back as plain text, not a postback). */
  #tappedReply(message: MessageRecord): boolean {
    if (message.type !== 'interactive' || !message.replyTo) return false;
    const tapped = this.parts.store.messages.get(message.replyTo.id);
    const body = tapped?.bird?.body as
      | { type?: string; text?: { actions?: unknown[] } }
      | undefined;
    const reply = (message.content.interactive as { reply?: { id?: string } } | undefined)?.reply;
    if (body?.type !== 'text' || !reply) return false;
    return (body.text?.actions ?? []).some(
      (a) =>
        (a as { type?: string }).type === 'reply' &&
        (a as { reply?: { text?: string } }).reply?.text === reply.id,
    );
  }

  /**
   * A message as a Bird ChannelMessage (its channel must be played on Bird); `asAccepted`, as it
   * was when accepted (the answer to its send).
   */
  render(
    message: MessageRecord,
    channel: ResolvedChannel,
    asAccepted = false,
  ): Record<string, unknown> {
    const conversation = this.parts.store.conversations.get(message.conversationId);
    const contact = conversation && this.parts.store.contacts.get(conversation.contactId);
    const template = this.#template(message);
    const context: MessageContext = {
      channel,
      contact,
      connectorId: this.parts.options.bird.connectorId,
      tappedReply: this.#tappedReply(message),
    };
    if (template) context.template = template;
    if (asAccepted) context.asAccepted = true;
    return renderChannelMessage(message, context);
  }

  /** A channel's messages, newest first (and by insertion among equal times). */
  messagesOf(channel: ResolvedChannel, phone?: string): MessageRecord[] {
    return [...this.parts.store.messages.values()]
      .filter((m) => m.channelId === channel.id)
      .filter((m) => !phone || (m.direction === 'received' ? m.from : m.to) === phone)
      .sort((a, b) => b.createdAt - a.createdAt || b.seq - a.seq);
  }

  /**
   * Announces a message to Bird's subscriptions: `whatsapp.inbound` when a contact writes,
   * `whatsapp.outbound` on every status an outgoing message takes (`accepted` first; whichever API
   * sent it), and `whatsapp.interaction` `{type: 'read'}` when it is read.
   */
  publish(type: 'message.created' | 'message.updated', message: MessageRecord): void {
    // Every message's every status comes here: nothing to find or sort without a subscription.
    if (this.parts.store.birdSubscriptions.size === 0) return;
    const channel = this.parts.options.channels.find((c) => c.id === message.channelId);
    if (!channel?.birdChannelId) return;
    const subscriptions = this.parts.store.listBirdSubscriptions();
    if (subscriptions.length === 0) return;
    const incoming = message.direction === 'received';
    if (incoming && type !== 'message.created') return;
    const event = incoming ? 'whatsapp.inbound' : 'whatsapp.outbound';
    const status = birdStatusOf(message);
    let body: string | undefined;
    for (const subscription of subscriptions) {
      if (!matches(subscription, event, channel.birdChannelId, status)) continue;
      body ??= JSON.stringify({
        service: 'channels',
        event,
        payload: this.render(message, channel),
      });
      this.#enqueue(subscription, event, message, body);
    }
    if (!incoming && status === 'read') this.#interaction(message, channel.birdChannelId);
  }

  /** `whatsapp.interaction` `{type: 'read', messageId, channelId, createdAt}` (code only). */
  #interaction(message: MessageRecord, birdChannelId: string): void {
    const event = 'whatsapp.interaction';
    let body: string | undefined;
    for (const subscription of this.parts.store.listBirdSubscriptions()) {
      if (!matches(subscription, event, birdChannelId)) continue;
      body ??= JSON.stringify({
        service: 'channels',
        event,
        payload: {
          type: 'read',
          messageId: toBirdId(message.id),
          channelId: birdChannelId,
          createdAt: birdTime(message.updatedAt),
        },
      });
      this.#enqueue(subscription, event, message, body);
    }
  }

  #enqueue(
    subscription: BirdSubscriptionRecord,
    event: string,
    message: MessageRecord,
    body: string,
  ): void {
    this.parts.delivery.enqueue({
      webhookId: subscription.id,
      url: subscription.url,
      event,
      conversationId: message.conversationId,
      messageId: message.id,
      body,
      bird: subscription.signingKey ? { signingKey: subscription.signingKey } : {},
    });
  }
}

/**
 * Whether a subscription wants an event: its event, and every filter it has (ANDed, as Bird
 * documents): `channelId` the channel's Bird id; `messageStatus` (one code base; several of them
 * are read as alternatives) the outgoing message's status. Other filter keys are not played.
 */
function matches(
  subscription: BirdSubscriptionRecord,
  event: string,
  birdChannelId: string,
  status?: string,
): boolean {
  if (subscription.event !== event) return false;
  const statuses: string[] = [];
  for (const filter of subscription.eventFilters) {
    if (filter.key === 'channelId' && filter.value.toLowerCase() !== birdChannelId) return false;
    if (filter.key === 'messageStatus') statuses.push(filter.value);
  }
  return statuses.length === 0 || status === undefined || statuses.includes(status);
}
