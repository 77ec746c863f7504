import { setTimeout as sleep } from 'node:timers/promises';
import * as v from 'valibot';
import { OUTBOUND_CONTENT } from '../messagebird/content.js';
import { parseDatetime } from '../messagebird/datetime.js';
import { errorsFromIssues } from '../messagebird/errors.js';
import { toE164 } from '../messagebird/phone.js';
import type { SendRequest } from '../messagebird/requests.js';
import type { Activity, OutboundActivity } from './activity.js';
import { MessageBirdClient } from './api-client.js';
import { type CredentialsReport, verifyCredentials } from './credentials.js';
import { MemoryDedupeStore } from './dedupe-store.js';
import { StoreUnavailableError, UnsupportedActivityError, WindowClosedError } from './errors.js';
import { consoleLogger, errorFields, type Logger } from './logger.js';
import { type MessageBirdAdapterOptions, type ResolvedOptions, resolveOptions } from './options.js';
import type { OutboundPart } from './outbound-part.js';
import { connectRedis, type RedisBackends } from './redis-connection.js';
import { StatusOrder } from './status-order.js';
import { TemplateRegistry, type TemplateSend } from './templates.js';
import { isTemplateOnly, toMessageBird } from './to-messagebird.js';
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
 * The WhatsApp pipelines both fronts share, free of any bot SDK: the webhook (verify, parse,
 * dedupe, window, translate, run the turn) and the send (activity to WhatsApp parts, window and
 * fallback template, schema, trackId, the limited and retrying client), over the stores, the
 * limiter and the client the options make.
 */
export class WhatsAppCore {
  /** The options after validation, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;
  /** Where contact windows are kept. */
  readonly windows: WindowStore;
  /** The approved templates. */
  readonly templates: TemplateRegistry;
  /** Where the core logs (never a key). */
  readonly logger: Logger;
  readonly #client: MessageBirdClient;
  readonly #redis: RedisBackends | undefined;
  readonly #webhookDeps: WebhookDeps<RunTurn>;

  /** Validates the options (a bad one throws a ConfigurationError) and makes what they ask for. */
  constructor(options: MessageBirdAdapterOptions) {
    this.options = resolveOptions(options);
    const logger = this.options.logger ?? consoleLogger;
    this.logger = logger;
    this.templates = new TemplateRegistry(this.options.templates, (m) => logger.warn(m));
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
    this.#client = new MessageBirdClient({
      accessKey: this.options.accessKey,
      apiBaseUrl: this.options.apiBaseUrl,
      rateLimit: this.options.rateLimit,
      retry: this.options.retry,
      logger,
      limiter: this.#redis?.limiter,
      fetch: this.options.fetch,
    });
    this.#webhookDeps = {
      signingKey: this.options.signingKey,
      signature: this.options.signature,
      channel: {
        channelId: this.options.channelId,
        channelName: this.options.channelName,
        serviceUrl: this.options.apiBaseUrl,
      },
      windows: this.windows,
      dedupe,
      dedupeTtlMs: this.options.dedupe.ttlMs,
      logger,
      statusOrder: new StatusOrder(),
      learnWindow: (conversationId, contact) => this.#learnWindow(conversationId, contact),
      runTurn: (activity, run) => run(activity),
    };
  }

  /** Handles one webhook and answers what to tell MessageBird; never rejects. */
  async webhook(request: IncomingWebhook, runTurn: RunTurn): Promise<WebhookResponse> {
    try {
      return await handleWebhook(request, this.#webhookDeps, runTurn);
    } catch (error) {
      this.logger.error(
        'webhook handling failed; answering 500 so MessageBird redelivers it',
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
   * Sends a turn's activities: messages through MessageBird (free-form ones only inside the
   * contact's 24-hour window), `delay` waits, `typing` and other non-message activities make no
   * call. Answers MessageBird's message ids, in order (for an activity sent as several WhatsApp
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
   * what the contact read) and the template in `channelData`. The parameter count is checked here,
   * before any request.
   */
  templateActivity(send: TemplateSend): {
    type: 'message';
    text: string;
    textFormat: 'plain';
    channelData: { template: TemplateSend };
  } {
    const { text } = this.templates.build(send);
    return { type: 'message', text, textFormat: 'plain', channelData: { template: send } };
  }

  /** Checks the access key and the channel id; always resolves with a report. */
  verifyCredentials(): Promise<CredentialsReport> {
    return verifyCredentials(this.#client, this.options.channelId);
  }

  /** Stops the rate limiter and disconnects Redis. */
  async close(): Promise<void> {
    await this.#client.close();
    await this.#redis?.close();
  }

  /**
   * A new conversation's webhook does not say who opened it, and comes before the message that
   * did. When the contact's window is not open yet, the conversation's latest messages say: a
   * received one means the contact wrote (the window opens at its time); none means the business
   * opened it with a template, and the window stays as it was. A failed lookup is logged; the
   * turn goes on, and a free-form greeting then meets the window as the adapter knows it.
   */
  async #learnWindow(conversationId: string, contact: string): Promise<void> {
    const now = Date.now();
    const state = await windowState(this.windows, contact, now, 'refuse');
    if (state.open) return;
    try {
      const received = (await this.#client.latestMessages(conversationId))
        .filter((m) => m.direction === 'received')
        .map((m) => parseDatetime(m.createdDatetime).getTime());
      if (received.length > 0) {
        await this.windows.recordInbound(contact, Math.min(Math.max(...received), now));
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
    let parts = toMessageBird(activity, this.templates, { cards: this.options.cards });
    if (!isTemplateOnly(parts)) {
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
        parts = [{ type: 'hsm', content: { hsm: this.templates.build(fallback).hsm } }];
      }
    }
    const bodies = parts.map((part, i) => this.#sendBody(part, to, i));
    const conversationId = activity.conversation?.id ?? turn.conversation?.id;
    let id = '';
    for (const body of bodies) {
      id = (await this.#client.send(body, body.trackId, conversationId)).id;
    }
    return id;
  }

  /**
   * The `/send` body of one part. `to` (from toE164) and `from` (checked at construction) are
   * valid already; the content is checked against its type's schema, so a part MessageBird would
   * refuse fails here, naming the part, before any request.
   */
  #sendBody(part: OutboundPart, to: string, index: number): SendRequest {
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
      from: this.options.channelId,
      type: part.type,
      content: parsed.output,
      trackId: crypto.randomUUID(),
    } as SendRequest;
  }
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
