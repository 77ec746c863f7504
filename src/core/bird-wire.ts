import { LRUCache } from 'lru-cache';
import * as v from 'valibot';
import type { BirdBody } from '../bird/body.js';
import { describeBirdIssues } from '../bird/errors.js';
import { birdListOf } from '../bird/list.js';
import { BirdChannelMessage } from '../bird/message.js';
import { BIRD_PHONE_IDENTIFIER_KEY, BirdSendRequest } from '../bird/send.js';
import type { BirdTemplateSend } from '../bird/template.js';
import { OUTBOUND_CONTENT } from '../messagebird/content.js';
import { errorsFromIssues } from '../messagebird/errors.js';
import type { OutboundActivity } from './activity.js';
import type { MessageBirdClient } from './api-client.js';
import type { ApiWire } from './api-wire.js';
import { birdChannelPath, verifyBirdCredentials } from './bird-api.js';
import type { BirdTemplateRegistry } from './bird-templates.js';
import { birdConversationId } from './bird-to-activity.js';
import { birdWebhooks } from './bird-webhook.js';
import type { CredentialsReport } from './credentials.js';
import { UnsupportedActivityError } from './errors.js';
import type { OutboundPart } from './outbound-part.js';
import type { TemplateSend } from './templates.js';
import { toBird } from './to-bird.js';
import { type OutboundChannelData, toMessageBird } from './to-messagebird.js';
import type { WebhookProtocol } from './webhook-handler.js';

/** One Bird send's content: a body, or an approved template. */
export type BirdPart = { body: BirdBody } | { template: BirdTemplateSend };

/** A Bird send as the wire makes it: the receiver, the content and our `reference`. */
export type BirdOutgoing = BirdSendRequest & { reference: string; to: string };

/** What Bird's wire needs from the core. */
export interface BirdWireOptions {
  client: MessageBirdClient;
  templates: BirdTemplateRegistry;
  workspaceId: string;
  channelId: string;
  cards: 'render' | 'strict';
  /** How many sent message ids are remembered with their contact (for read interactions). */
  maxRemembered?: number;
}

/** How many of the channel's latest messages are searched for a broken send (Bird's page maximum). */
const RECONCILE_PAGE = 100;

/**
 * Bird's Channels API as the core drives it. An activity becomes WhatsApp parts exactly as for
 * the Conversations API (`toMessageBird`, checked against WhatsApp's rules), then Bird bodies
 * (`toBird`); a template is Bird's `{projectId, version, locale, parameters}`. Each send is
 * `POST /workspaces/{ws}/channels/{ch}/messages` to `{identifierKey: 'phonenumber',
 * identifierValue}` with a `reference` of our own: when the connection breaks after the request was
 * written, the channel's latest messages are searched for that reference, and the send is repeated
 * only when Bird does not have it. `channelData.bird` (`{body}` or `{template}`) is sent as it is,
 * after Bird's schema.
 */
export class BirdWire implements ApiWire<BirdPart, BirdOutgoing> {
  readonly api = 'bird' as const;
  readonly webhooks: WebhookProtocol<unknown>;
  readonly #options: BirdWireOptions;
  readonly #path: string;
  /** The contact of each message sent, by Bird's id: an interaction names only the message. */
  readonly #sentTo: LRUCache<string, string>;

  constructor(options: BirdWireOptions) {
    this.#options = options;
    this.#path = birdChannelPath(options.workspaceId, options.channelId);
    this.#sentTo = new LRUCache({ max: options.maxRemembered ?? 50_000 });
    this.webhooks = birdWebhooks((id) => this.#sentTo.get(id)) as WebhookProtocol<unknown>;
  }

  parts(activity: OutboundActivity): BirdPart[] {
    const data = (activity.channelData ?? {}) as OutboundChannelData;
    if (data.bird !== undefined) return [passthrough(data.bird)];
    if (data.template) return [this.templatePart(data.template)];
    const parts = toMessageBird(activity, undefined, { cards: this.#options.cards });
    return parts.flatMap((part, i) => {
      const field = `message part ${i} (${part.type})`;
      checkWhatsApp(part, field);
      return toBird(part, field).map((body) => ({ body }));
    });
  }

  isTemplate(part: BirdPart): boolean {
    return 'template' in part && part.template !== undefined;
  }

  templatePart(send: TemplateSend): BirdPart {
    return { template: this.#options.templates.build(send).template };
  }

  templateText(send: TemplateSend): string {
    return this.#options.templates.build(send).text;
  }

  /** The send request of one part, checked against Bird's schema before any request. */
  prepare(part: BirdPart, to: string, index: number): BirdOutgoing {
    const request = {
      receiver: { contacts: [{ identifierKey: BIRD_PHONE_IDENTIFIER_KEY, identifierValue: to }] },
      ...part,
      reference: crypto.randomUUID(),
    };
    const parsed = v.safeParse(BirdSendRequest, request);
    if (!parsed.success) {
      const type = 'template' in part ? 'template' : String(part.body?.type);
      throw new UnsupportedActivityError(
        `message part ${index} (${type})`,
        `Bird would refuse it: ${describeBirdIssues(parsed.issues)}`,
      );
    }
    return { ...(parsed.output as BirdSendRequest), reference: request.reference, to };
  }

  async send(outgoing: BirdOutgoing): Promise<string> {
    const { to, ...body } = outgoing;
    const message = await this.#options.client.request({
      method: 'POST',
      path: `${this.#path}/messages`,
      body,
      schema: BirdChannelMessage,
      orderKey: to,
      trackId: outgoing.reference,
      reconcile: () => this.#findSent(outgoing.reference),
    });
    this.#sentTo.set(message.id, to);
    return message.id;
  }

  /** A send whose answer was lost, looked up by its `reference` among the channel's latest messages. */
  async #findSent(reference: string): Promise<BirdChannelMessage | undefined> {
    const page = await this.#options.client.request({
      method: 'GET',
      path: `${this.#path}/messages?limit=${RECONCILE_PAGE}`,
      schema: birdListOf(BirdChannelMessage),
    });
    return (page.results as BirdChannelMessage[]).find((m) => m.reference === reference);
  }

  verifyCredentials(): Promise<CredentialsReport> {
    return verifyBirdCredentials(
      this.#options.client,
      this.#options.workspaceId,
      this.#options.channelId,
    );
  }

  conversationIdFor(phone: string): string {
    return birdConversationId(this.#options.channelId, phone);
  }

  close(): Promise<void> {
    return this.#options.client.close();
  }
}

/** `channelData.bird` as the bot gave it: `{body}` or `{template}` (Bird's schema checks it later). */
function passthrough(given: unknown): BirdPart {
  const part = given as { body?: unknown; template?: unknown } | null;
  if (
    typeof part !== 'object' ||
    part === null ||
    (part.body === undefined) === (part.template === undefined)
  ) {
    throw new UnsupportedActivityError(
      'channelData.bird',
      'give a Bird body or template as {body: {type, …}} or {template: {projectId, version, locale, parameters}}',
    );
  }
  return part.body !== undefined
    ? { body: part.body as BirdBody }
    : { template: part.template as BirdTemplateSend };
}

/**
 * A part checked against WhatsApp's rules (the same schemas the Conversations API's sends meet),
 * so a message is refused alike on both APIs, naming the part.
 */
function checkWhatsApp(part: OutboundPart, field: string): void {
  const schema = Object.hasOwn(OUTBOUND_CONTENT, part.type)
    ? (OUTBOUND_CONTENT as Record<string, v.GenericSchema>)[part.type]
    : undefined;
  if (!schema) return; // toBird names what it cannot send
  const parsed = v.safeParse(schema, part.content);
  if (!parsed.success) {
    const first = errorsFromIssues(parsed.issues, 'content').errors[0];
    throw new UnsupportedActivityError(
      field,
      `WhatsApp would refuse it: ${first?.description ?? 'invalid'}`,
    );
  }
}
