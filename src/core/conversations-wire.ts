import * as v from 'valibot';
import { OUTBOUND_CONTENT } from '../messagebird/content.js';
import { parseDatetime } from '../messagebird/datetime.js';
import { errorsFromIssues } from '../messagebird/errors.js';
import type { SendRequest } from '../messagebird/requests.js';
import type { OutboundActivity } from './activity.js';
import type { MessageBirdClient } from './api-client.js';
import type { ApiWire } from './api-wire.js';
import { type CredentialsReport, verifyCredentials } from './credentials.js';
import { UnsupportedActivityError } from './errors.js';
import type { OutboundPart } from './outbound-part.js';
import type { TemplateRegistry, TemplateSend } from './templates.js';
import { isTemplateOnly, toMessageBird } from './to-messagebird.js';
import { CONVERSATIONS_WEBHOOKS, type WebhookProtocol } from './webhook-handler.js';

/** What the Conversations API's wire needs from the core. */
export interface ConversationsWireOptions {
  client: MessageBirdClient;
  templates: TemplateRegistry;
  channelId: string;
  cards: 'render' | 'strict';
}

/**
 * MessageBird's Conversations API as the core drives it: activities become `/send` bodies
 * (`toMessageBird`), templates `hsm` content, sends go to `POST /send` with a trackId (looked up in
 * the conversation when the connection broke), and webhooks are MessageBird's.
 */
export class ConversationsWire implements ApiWire<OutboundPart, SendRequest> {
  readonly api = 'conversations' as const;
  readonly webhooks = CONVERSATIONS_WEBHOOKS as WebhookProtocol<unknown>;
  readonly #options: ConversationsWireOptions;

  constructor(options: ConversationsWireOptions) {
    this.#options = options;
  }

  parts(activity: OutboundActivity): OutboundPart[] {
    return toMessageBird(activity, this.#options.templates, { cards: this.#options.cards });
  }

  isTemplate(part: OutboundPart): boolean {
    return isTemplateOnly([part]);
  }

  templatePart(send: TemplateSend): OutboundPart {
    return { type: 'hsm', content: { hsm: this.#options.templates.build(send).hsm } };
  }

  templateText(send: TemplateSend): string {
    return this.#options.templates.build(send).text;
  }

  /**
   * The `/send` body of one part. `to` (from toE164) and `from` (checked at construction) are
   * valid already; the content is checked against its type's schema, so a part MessageBird would
   * refuse fails here, naming the part, before any request.
   */
  prepare(part: OutboundPart, to: string, index: number): SendRequest {
    const schema = Object.hasOwn(OUTBOUND_CONTENT, part.type)
      ? (OUTBOUND_CONTENT as Record<string, v.GenericSchema>)[part.type]
      : undefined;
    if (!schema) {
      throw new UnsupportedActivityError(
        `message part ${index} (${part.type})`,
        `MessageBird sends no such type: use one of ${Object.keys(OUTBOUND_CONTENT).join(', ')}`,
      );
    }
    const parsed = v.safeParse(schema, part.content);
    if (!parsed.success) {
      // The deepest issue, named as the API would name it.
      const first = errorsFromIssues(parsed.issues, 'content').errors[0];
      throw new UnsupportedActivityError(
        `message part ${index} (${part.type})`,
        `MessageBird would refuse it: ${first?.description ?? 'invalid'}`,
      );
    }
    // The content was checked against its type's schema; TypeScript cannot tie the two together.
    return {
      to,
      from: this.#options.channelId,
      type: part.type,
      content: parsed.output,
      trackId: crypto.randomUUID(),
    } as SendRequest;
  }

  async send(request: SendRequest, conversationId: string | undefined): Promise<string> {
    return (await this.#options.client.send(request, request.trackId, conversationId)).id;
  }

  verifyCredentials(): Promise<CredentialsReport> {
    return verifyCredentials(this.#options.client, this.#options.channelId);
  }

  conversationIdFor(phone: string): string {
    return phone;
  }

  /** When the contact last wrote in a conversation, from its latest messages (undefined: never). */
  async lastReceived(conversationId: string): Promise<number | undefined> {
    const received = (await this.#options.client.latestMessages(conversationId))
      .filter((m) => m.direction === 'received')
      .map((m) => parseDatetime(m.createdDatetime).getTime());
    return received.length > 0 ? Math.max(...received) : undefined;
  }

  close(): Promise<void> {
    return this.#options.client.close();
  }
}
