import { setTimeout as sleep } from 'node:timers/promises';
import { toE164 } from '../messagebird/phone.js';
import type { Activity, OutboundActivity } from './activity.js';
import { MessageBirdClient } from './api-client.js';
import type { ApiWire } from './api-wire.js';
import { birdDialect } from './bird-api.js';
import { BirdTemplateRegistry, isBirdTemplateDefinition } from './bird-templates.js';
import { BirdWire } from './bird-wire.js';
import { ConversationsWire } from './conversations-wire.js';
import type { CredentialsReport } from './credentials.js';
import { MemoryDedupeStore } from './dedupe-store.js';
import {
  StoreUnavailableError,
  TemplateError,
  UnsupportedActivityError,
  WindowClosedError,
} from './errors.js';
import { consoleLogger, errorFields, type Logger } from './logger.js';
import {
  type ApiName,
  type MessageBirdAdapterOptions,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { connectRedis, type RedisBackends } from './redis-connection.js';
import { StatusOrder } from './status-order.js';
import { type TemplateDefinitionInput, TemplateRegistry, type TemplateSend } from './templates.js';
import { WEBHOOK_ANSWER_CODES } from './webhook-answers.js';
import {
  handleWebhook,
  type IncomingWebhook,
  type WebhookDeps,
  type WebhookResponse,
} from './webhook-handler.js';
import { MemoryWindowStore, type WindowStore, windowState } from './window-store.js';

/** Runs the bot on an activity the core made; a front wraps it in its SDK's turn. */
export type RunTurn = (activity: Activity) => Promise<void>;

/** The turn an outbound activity is sent in, as far as sending needs it. */
export interface TurnInfo {
  /** The turn's type: a send in a `conversationUpdate` turn is told so when the window is closed. */
  type?: string;
  /** The contact of the turn, the recipient when an activity names none. */
  from?: { id?: string };
  /** The turn's conversation. */
  conversation?: { id?: string };
}

/**
 * The WhatsApp pipelines both fronts share, free of any bot SDK and of either API's wire: the
 * webhook (verify, parse, dedupe, window, translate, run the turn) and the send (activity to
 * WhatsApp parts, window and fallback template, schema, the limited and retrying client), over
 * the stores, the limiter and the client the options make. The `api` option picks the wire:
 * MessageBird's Conversations API or Bird's Channels API.
 */
export class WhatsAppCore {
  /** The options after validation, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;
  /** Where contact windows are kept. */
  readonly windows: WindowStore;
  /** The approved templates (MessageBird's, or Bird's with `api: 'bird'`). */
  readonly templates: TemplateRegistry | BirdTemplateRegistry;
  /** Where the core logs (never a key). */
  readonly logger: Logger;
  readonly #wire: ApiWire<unknown, unknown>;
  readonly #redis: RedisBackends | undefined;
  readonly #webhookDeps: WebhookDeps<RunTurn>;

  /** Validates the options (a bad one throws a ConfigurationError) and makes what they ask for. */
  constructor(options: MessageBirdAdapterOptions<ApiName>) {
    this.options = resolveOptions(options);
    const logger = this.options.logger ?? consoleLogger;
    this.logger = logger;
    this.templates = makeTemplates(this.options, logger);
    if (this.options.window.fallbackTemplate) {
      const { name, language } = this.options.window.fallbackTemplate;
      this.templates.get(name, language);
    }
    this.#redis = this.options.redis
      ? connectRedis(this.options.redis, this.options.channelId, this.options.rateLimit)
      : undefined;
    this.windows =
      this.options.window.store ??
      this.#redis?.windows ??
      new MemoryWindowStore({ maxContacts: this.options.window.maxContacts });
    const dedupe =
      this.options.dedupe.store ??
      this.#redis?.dedupe ??
      new MemoryDedupeStore({ max: this.options.dedupe.max });
    const { api, workspaceId, channelId, cards, signature } = this.options;
    const client = new MessageBirdClient({
      accessKey: this.options.accessKey,
      apiBaseUrl: this.options.apiBaseUrl,
      rateLimit: this.options.rateLimit,
      retry: this.options.retry,
      logger,
      limiter: this.#redis?.limiter,
      fetch: this.options.fetch,
      dialect: api === 'bird' ? birdDialect(workspaceId as string, channelId) : undefined,
    });
    const conversations =
      api === 'bird'
        ? undefined
        : new ConversationsWire({
            client,
            templates: this.templates as TemplateRegistry,
            channelId,
            cards,
          });
    this.#wire = (conversations ??
      new BirdWire({
        client,
        templates: this.templates as BirdTemplateRegistry,
        // resolveOptions required it for Bird.
        workspaceId: workspaceId as string,
        channelId,
        cards,
      })) as ApiWire<unknown, unknown>;
    // A Bird retry keeps its first timestamp, up to maxAgeSeconds old: its delivery is remembered
    // at least that long, so a replay within the signature's age is a duplicate.
    const replayMs =
      api === 'bird' ? (signature.maxAgeSeconds + signature.leewaySeconds) * 1000 : 0;
    this.#webhookDeps = {
      protocol: this.#wire.webhooks,
      signingKey: this.options.signingKey,
      signature: this.options.signature,
      channel: {
        channelId: this.options.channelId,
        channelName: this.options.channelName,
        serviceUrl: this.options.apiBaseUrl,
      },
      windows: this.windows,
      dedupe,
      dedupeTtlMs: Math.max(this.options.dedupe.ttlMs, replayMs),
      logger,
      statusOrder: new StatusOrder(),
      learnWindow: conversations
        ? (conversationId, contact) => this.#learnWindow(conversations, conversationId, contact)
        : undefined,
      runTurn: (activity, run) => run(activity),
    };
  }

  /** Handles one webhook and answers what to tell the API; never rejects. */
  async webhook(request: IncomingWebhook, runTurn: RunTurn): Promise<WebhookResponse> {
    try {
      return await handleWebhook(request, this.#webhookDeps, runTurn);
    } catch (error) {
      this.logger.error(
        `webhook handling failed; answering 500 so ${this.#wire.webhooks.name} redelivers it`,
        errorFields(error),
      );
      return {
        status: 500,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.internal,
            message: 'the webhook could not be handled; it will be retried',
          },
        },
      };
    }
  }

  /**
   * Sends a turn's activities: messages through the API (free-form ones only inside the
   * contact's 24-hour window), `delay` waits, `typing` and other non-message activities make no
   * call. Answers the API's message ids, in order (for an activity sent as several WhatsApp
   * messages, the id of the last one; '' for activities that sent nothing).
   */
  async send(activities: readonly OutboundActivity[], turn: TurnInfo): Promise<{ id: string }[]> {
    const responses: { id: string }[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
      } else if (activity.type === 'message') {
        responses.push({ id: await this.#sendMessage(activity, turn) });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  /**
   * The message activity that sends an approved template: its rendered text (so transcripts show
   * what the contact read) and the template in `channelData`. The parameters are checked here,
   * before any request.
   */
  templateActivity(send: TemplateSend): {
    type: 'message';
    text: string;
    textFormat: 'plain';
    channelData: { template: TemplateSend };
  } {
    const text = this.#wire.templateText(send);
    return { type: 'message', text, textFormat: 'plain', channelData: { template: send } };
  }

  /** Checks the access key and the channel id; always resolves with a report. */
  verifyCredentials(): Promise<CredentialsReport> {
    return this.#wire.verifyCredentials();
  }

  /**
   * The conversation id of a contact's proactive turns: its E.164 number on the Conversations
   * API, the channel and number on Bird (as inbound activities have it).
   */
  conversationIdFor(phone: string): string {
    return this.#wire.conversationIdFor(phone);
  }

  /** Stops the rate limiter and disconnects Redis. */
  async close(): Promise<void> {
    await this.#wire.close();
    await this.#redis?.close();
  }

  /**
   * A new conversation's webhook does not say who opened it, and comes before the message that
   * did. When the contact's window is not open yet, the conversation's latest messages say: a
   * received one means the contact wrote (the window opens at its time); none means the business
   * opened it with a template, and the window stays as it was. A failed lookup is logged; the
   * turn goes on, and a free-form greeting then meets the window as the adapter knows it.
   */
  async #learnWindow(
    wire: ConversationsWire,
    conversationId: string,
    contact: string,
  ): Promise<void> {
    const now = Date.now();
    const state = await windowState(this.windows, contact, now, 'refuse');
    if (state.open) return;
    try {
      const received = await wire.lastReceived(conversationId);
      if (received !== undefined) {
        await this.windows.recordInbound(contact, Math.min(received, now));
      }
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      this.logger.warn('could not ask MessageBird who opened a new conversation', {
        conversationId,
        ...errorFields(error),
      });
    }
  }

  async #sendMessage(activity: OutboundActivity, turn: TurnInfo): Promise<string> {
    const recipient = activity.recipient?.id ?? turn.from?.id;
    let to: string;
    try {
      to = toE164(recipient ?? '');
    } catch {
      throw new UnsupportedActivityError(
        'recipient.id',
        `"${recipient ?? ''}" is not a WhatsApp number: reply within a turn, or continue a conversation whose reference has user.id set to the contact's E.164 number`,
      );
    }
    const wire = this.#wire;
    let parts = wire.parts(activity);
    if (!parts.every((part) => wire.isTemplate(part))) {
      const state = await windowState(
        this.windows,
        to,
        Date.now(),
        this.options.window.unknownContacts,
      );
      if (!state.open) {
        const fallback = this.options.window.fallbackTemplate;
        if (!fallback) {
          throw new WindowClosedError(to, state.closedAt, greetingHint(state.reason, turn));
        }
        this.logger.info('window closed: sending the fallback template instead', {
          template: fallback.name,
        });
        parts = [wire.templatePart(fallback)];
      }
    }
    const requests = parts.map((part, i) => wire.prepare(part, to, i));
    const conversationId = activity.conversation?.id ?? turn.conversation?.id;
    let id = '';
    for (const request of requests) id = await wire.send(request, conversationId);
    return id;
  }
}

/** The template registry of the API the options name; a bad definition throws a TemplateError. */
function makeTemplates(
  options: ResolvedOptions,
  logger: Logger,
): TemplateRegistry | BirdTemplateRegistry {
  if (options.api === 'bird') return new BirdTemplateRegistry(options.templates);
  options.templates.forEach((definition, index) => {
    if (isBirdTemplateDefinition(definition)) {
      throw new TemplateError(
        typeof definition.name === 'string' ? definition.name : `#${index}`,
        'names a Bird projectId: Bird templates need api: "bird" (with workspaceId); a Conversations API template is { name, language, category, content, namespace }',
      );
    }
  });
  const definitions = options.templates as TemplateDefinitionInput[];
  return new TemplateRegistry(definitions, (m) => logger.warn(m));
}

/**
 * The reason a send met a closed window, told for what the bot was doing: in a
 * `conversationUpdate` turn (a greeting in `onMembersAdded`) the likely cause is a conversation
 * the business opened, not a restart.
 */
function greetingHint(reason: string, turn: TurnInfo): string {
  if (turn.type !== 'conversationUpdate') return reason;
  return `this send is in a conversationUpdate turn (a greeting in onMembersAdded?), and the contact has not written in this conversation: the business opened it (with a template), or MessageBird could not be asked (see the log). WhatsApp lets a business write first only with an approved template: greet with adapter.sendTemplate, or greet in reply to the contact's first message (${reason})`;
}
