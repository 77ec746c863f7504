import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Activity,
  BotAdapter,
  type ConversationParameters,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import * as v from 'valibot';
import { MessageBirdClient } from '../core/api-client.js';
import { type CredentialsReport, verifyCredentials } from '../core/credentials.js';
import { type DedupeStore, MemoryDedupeStore } from '../core/dedupe-store.js';
import {
  MessageBirdAdapterError,
  NotSupportedError,
  StoreUnavailableError,
  UnsupportedActivityError,
  WindowClosedError,
} from '../core/errors.js';
import { consoleLogger, errorFields, type Logger } from '../core/logger.js';
import {
  type MessageBirdAdapterOptions,
  type ResolvedOptions,
  resolveOptions,
} from '../core/options.js';
import { connectRedis, type RedisBackends } from '../core/redis-connection.js';
import {
  type BodyProblem,
  type NodeRequest,
  nodeRequestUrl,
  readFetchBody,
  readNodeBody,
} from '../core/request-body.js';
import { StatusOrder } from '../core/status-order.js';
import { TemplateRegistry, type TemplateSend } from '../core/templates.js';
import { CHANNEL_ID } from '../core/to-activity.js';
import { isTemplateOnly, type OutboundPart, toMessageBird } from '../core/to-messagebird.js';
import { WEBHOOK_ANSWER_CODES } from '../core/webhook-answers.js';
import {
  handleWebhook,
  type IncomingWebhook,
  type WebhookDeps,
  type WebhookResponse,
} from '../core/webhook-handler.js';
import { MemoryWindowStore, type WindowStore, windowState } from '../core/window-store.js';
import { OUTBOUND_CONTENT } from '../messagebird/content.js';
import { parseDatetime } from '../messagebird/datetime.js';
import { errorsFromIssues } from '../messagebird/errors.js';
import { toE164 } from '../messagebird/phone.js';
import type { SendRequest } from '../messagebird/requests.js';
import { connectorStandIns } from './connector-stand-in.js';
import { installWhatsAppChoices } from './whatsapp-choices.js';

/** The bot's turn handler, as CloudAdapter takes it. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * A Bot Framework adapter for WhatsApp through MessageBird's Conversations API.
 *
 * @example
 * const adapter = new MessageBirdAdapter({
 *   accessKey: process.env.MESSAGEBIRD_ACCESS_KEY!,
 *   channelId: process.env.MESSAGEBIRD_CHANNEL_ID!,
 *   signingKey: process.env.MESSAGEBIRD_SIGNING_KEY!,
 *   webhookUrl: 'https://bot.example.com/api/messages',
 * });
 * app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
 */
export class MessageBirdAdapter extends BotAdapter {
  /** The options after validation, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;
  /** Where contact windows are kept: ask it when a contact last wrote (`lastInbound`). */
  readonly windows: WindowStore;
  /** The approved templates. */
  readonly #templates: TemplateRegistry;
  /** The API client (rate limited, retrying). */
  readonly #client: MessageBirdClient;
  /** Where delivered webhooks and token ids are remembered. */
  readonly #dedupe: DedupeStore;
  /** The key of the connector factory in `context.turnState`, as CloudAdapter has it. */
  readonly ConnectorFactoryKey = Symbol('ConnectorFactory');
  /** The key of the user token client in `context.turnState`, as CloudAdapter has it. */
  readonly UserTokenClientKey = Symbol('UserTokenClient');
  /** What bots written for CloudAdapter find in `turnState`; their calls say what to do instead. */
  readonly #standIns = connectorStandIns();
  readonly #logger: Logger;
  readonly #redis: RedisBackends | undefined;
  readonly #statusOrder = new StatusOrder();
  readonly #webhookDeps: WebhookDeps<BotLogic>;

  constructor(options: MessageBirdAdapterOptions) {
    super();
    this.options = resolveOptions(options);
    this.#logger = this.options.logger ?? consoleLogger;
    installWhatsAppChoices(this.#logger);
    this.#templates = new TemplateRegistry(this.options.templates, (m) => this.#logger.warn(m));
    if (this.options.window.fallbackTemplate) {
      const { name, language } = this.options.window.fallbackTemplate;
      this.#templates.get(name, language);
    }
    this.#redis = this.options.redis
      ? connectRedis(this.options.redis, this.options.channelId, this.options.rateLimit)
      : undefined;
    this.windows =
      this.options.window.store ??
      this.#redis?.windows ??
      new MemoryWindowStore({ maxContacts: this.options.window.maxContacts });
    this.#dedupe =
      this.options.dedupe.store ??
      this.#redis?.dedupe ??
      new MemoryDedupeStore({ max: this.options.dedupe.max });
    this.#client = new MessageBirdClient({
      accessKey: this.options.accessKey,
      apiBaseUrl: this.options.apiBaseUrl,
      rateLimit: this.options.rateLimit,
      retry: this.options.retry,
      logger: this.#logger,
      limiter: this.#redis?.limiter,
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
      dedupe: this.#dedupe,
      dedupeTtlMs: this.options.dedupe.ttlMs,
      logger: this.#logger,
      statusOrder: this.#statusOrder,
      learnWindow: (conversationId, contact) => this.#learnWindow(conversationId, contact),
      runTurn: (activity, logic) => this.#runTurn(activity, logic),
    };
  }

  /**
   * Handles a webhook as a Fetch-standard Request (Hono, Bun, Deno, workers) and resolves with
   * the Response to give MessageBird once the turn is done.
   *
   * @example
   * app.post('/api/messages', (c) => adapter.handle(c.req.raw, (context) => bot.run(context)));
   */
  async handle(request: Request, logic: BotLogic): Promise<Response> {
    const body = await readFetchBody(request, this.options.maxBodyBytes);
    const result = isProblem(body)
      ? problemResponse(body)
      : await this.#webhook(
          {
            method: request.method,
            url: this.options.webhookUrl ?? request.url,
            header: (n) => request.headers.get(n),
            body,
          },
          logic,
        );
    return new Response(JSON.stringify(result.body), {
      status: result.status,
      headers: result.headers ? { ...JSON_HEADERS, ...result.headers } : JSON_HEADERS,
    });
  }

  /**
   * Handles a webhook on Node's http, Express or Restify. Reads the raw body itself, or takes
   * `req.rawBody` or a Buffer `req.body`; a body a JSON parser already consumed is refused with a
   * 500 that says how to keep it raw (MessageBird retries, so nothing is lost while you fix it).
   *
   * @example
   * server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
   */
  async process(req: NodeRequest, res: ServerResponse, logic: BotLogic): Promise<void> {
    let result: WebhookResponse;
    const body =
      req.method === 'POST'
        ? await readNodeBody(req, this.options.maxBodyBytes)
        : new Uint8Array(0);
    if (isProblem(body)) {
      result = problemResponse(body);
    } else {
      const url = this.options.webhookUrl ?? nodeRequestUrl(req);
      result = await this.#webhook(
        {
          method: req.method ?? 'GET',
          url,
          header: (name) => {
            const value = req.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body,
        },
        logic,
      );
    }
    if (res.headersSent) return;
    res.statusCode = result.status;
    res.setHeader('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.end(JSON.stringify(result.body));
  }

  async #webhook(request: IncomingWebhook, logic: BotLogic): Promise<WebhookResponse> {
    try {
      return await handleWebhook(request, this.#webhookDeps, logic);
    } catch (error) {
      this.#logger.error(
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
      this.#logger.warn('could not ask MessageBird who opened a new conversation', {
        conversationId,
        ...errorFields(error),
      });
    }
  }

  async #runTurn(activity: Partial<Activity>, logic: BotLogic): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(this.ConnectorClientKey, this.#standIns.connector);
    context.turnState.set(this.ConnectorFactoryKey, this.#standIns.factory);
    context.turnState.set(this.UserTokenClientKey, this.#standIns.userTokenClient);
    await this.runMiddleware(context, logic);
  }

  /**
   * Sends the bot's activities: messages through MessageBird (free-form ones only inside the
   * contact's 24-hour window), `delay` waits, `typing` and other non-message activities make no
   * call. Resolves with MessageBird's message ids, in order (for an activity sent as several
   * WhatsApp messages, the id of the last one).
   */
  async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await sleep(typeof activity.value === 'number' ? activity.value : 1000);
        responses.push({ id: '' });
      } else if (activity.type === 'message') {
        responses.push({ id: await this.#sendMessage(activity, context) });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  async #sendMessage(activity: Partial<Activity>, context: TurnContext): Promise<string> {
    const recipient = activity.recipient?.id ?? context.activity.from?.id;
    let to: string;
    try {
      to = toE164(recipient ?? '');
    } catch {
      throw new UnsupportedActivityError(
        'recipient.id',
        `"${recipient ?? ''}" is not a WhatsApp number: reply within a turn, or continue a conversation whose reference has user.id set to the contact's E.164 number`,
      );
    }
    let parts = toMessageBird(activity, this.#templates, { cards: this.options.cards });
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
          throw new WindowClosedError(to, state.closedAt, greetingHint(state.reason, context));
        }
        this.#logger.info('window closed: sending the fallback template instead', {
          template: fallback.name,
        });
        parts = [{ type: 'hsm', content: { hsm: this.#templates.build(fallback).hsm } }];
      }
    }
    const bodies = parts.map((part, i) => this.#sendBody(part, to, i));
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
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

  /**
   * Sends an approved template. The parameter count is checked before any HTTP request; the sent
   * activity carries the rendered text, so transcripts show what the contact read.
   *
   * @example
   * await adapter.sendTemplate(context, { name: 'shipping_update', params: ['Ada', '#4711'] });
   */
  async sendTemplate(
    context: TurnContext,
    send: TemplateSend,
  ): Promise<ResourceResponse | undefined> {
    const { text } = this.#templates.build(send);
    return context.sendActivity({
      type: 'message',
      text,
      textFormat: 'plain',
      channelData: { template: send },
    });
  }

  /** WhatsApp cannot edit a sent message: always throws NotSupportedError. */
  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    throw new NotSupportedError('updateActivity');
  }

  /** WhatsApp cannot delete a sent message: always throws NotSupportedError. */
  async deleteActivity(
    _context: TurnContext,
    _reference: Partial<ConversationReference>,
  ): Promise<void> {
    throw new NotSupportedError('deleteActivity');
  }

  /** Runs `logic` in a proactive turn for a stored conversation reference. */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: BotLogic,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      { channelId: CHANNEL_ID, serviceUrl: this.options.apiBaseUrl, ...reference },
      true,
    );
    await this.#runTurn(activity, logic);
  }

  /**
   * Runs `logic` in a proactive turn, as CloudAdapter users call it. The app id (or claims
   * identity, or audience) is accepted for compatibility; MessageBird needs none.
   */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: BotLogic | string,
    maybeLogic?: BotLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) {
      throw new MessageBirdAdapterError(
        'INVALID_ARGUMENT',
        'continueConversationAsync needs the logic to run',
      );
    }
    await this.continueConversation(reference, logic);
  }

  /**
   * Starts a conversation with a number that has not written (or not in 24 hours): the turn's
   * reference points at `parameters.members[0].id` (E.164), and the logic must open with a
   * template (`sendTemplate`), the only message WhatsApp lets a business send first.
   *
   * @example
   * await adapter.createConversationAsync('', 'whatsapp', '', '', { members: [{ id: '+31612345678', name: 'Ada' }], isGroup: false, bot: { id: '', name: '' } },
   *   (context) => adapter.sendTemplate(context, { name: 'shipping_update', params: ['Ada', '#4711'] }));
   */
  override async createConversationAsync(
    _botAppId: string,
    _channelId: string,
    _serviceUrl: string,
    _audience: string,
    parameters: ConversationParameters,
    logic: BotLogic,
  ): Promise<void> {
    const member = parameters?.members?.[0];
    let phone: string;
    try {
      phone = toE164(member?.id ?? '');
    } catch {
      throw new MessageBirdAdapterError(
        'INVALID_ARGUMENT',
        'conversationParameters.members[0].id must be the contact’s WhatsApp number in E.164, such as +31612345678',
      );
    }
    await this.continueConversation(
      {
        user: { id: phone, name: member?.name ?? phone, role: 'user' },
        bot: { id: this.options.channelId, name: this.options.channelName, role: 'bot' },
        conversation: {
          id: phone,
          isGroup: false,
          conversationType: 'personal',
          name: member?.name ?? phone,
        },
      },
      logic,
    );
  }

  /**
   * Checks the access key and channel id in one call and says what is wrong, the most common
   * set-up failure (every outbound message would fail).
   */
  verifyCredentials(): Promise<CredentialsReport> {
    return verifyCredentials(this.#client, this.options.channelId);
  }

  /** Stops the rate limiter and disconnects Redis; call it when shutting down (and in tests). */
  async close(): Promise<void> {
    await this.#client.close();
    await this.#redis?.close();
  }
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * The reason a send met a closed window, told for what the bot was doing: in a
 * `conversationUpdate` turn (a greeting in `onMembersAdded`) the likely cause is a conversation
 * the business opened, not a restart.
 */
function greetingHint(reason: string, context: TurnContext): string {
  if (context.activity?.type !== 'conversationUpdate') return reason;
  return `this send is in a conversationUpdate turn (a greeting in onMembersAdded?), and the contact has not written in this conversation: the business opened it (with a template), or MessageBird could not be asked (see the log). WhatsApp lets a business write first only with an approved template: greet with adapter.sendTemplate, or greet in reply to the contact's first message (${reason})`;
}

function isProblem(body: Uint8Array | BodyProblem): body is BodyProblem {
  return !(body instanceof Uint8Array);
}

function problemResponse(problem: BodyProblem): WebhookResponse {
  switch (problem.kind) {
    case 'too-large':
      return {
        status: 413,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.bodyTooLarge,
            message: 'the body is larger than maxBodyBytes',
          },
        },
      };
    case 'aborted':
      return {
        status: 400,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.bodyAborted,
            message: 'the request body could not be read',
          },
        },
      };
    case 'already-parsed':
      return {
        status: 500,
        body: {
          error: {
            code: WEBHOOK_ANSWER_CODES.rawBodyUnavailable,
            message:
              'the body was already parsed (by express.json() or a body parser), so its signature cannot be checked: mount the adapter route before JSON parsers, use express.raw({ type: "*/*" }) on it, or keep the raw bytes in req.rawBody',
          },
        },
      };
  }
}
