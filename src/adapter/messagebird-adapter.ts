import type { ServerResponse } from 'node:http';
import {
  type Activity,
  BotAdapter,
  type ConversationParameters,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { connectorStandIns } from '../core/connector-stand-ins.js';
import type { CredentialsReport } from '../core/credentials.js';
import { MessageBirdAdapterError, NotSupportedError } from '../core/errors.js';
import { fetchWebhook, inProcessWebhook, nodeWebhook } from '../core/http-edges.js';
import { offerInProcess } from '../core/in-process.js';
import type { ApiName, MessageBirdAdapterOptions, ResolvedOptions } from '../core/options.js';
import type { NodeRequest } from '../core/request-body.js';
import type { TemplateSend } from '../core/templates.js';
import { CHANNEL_ID } from '../core/to-activity.js';
import { WhatsAppCore } from '../core/whatsapp-core.js';
import type { WindowStore } from '../core/window-store.js';
import { toE164 } from '../messagebird/phone.js';
import { installWhatsAppChoices } from './whatsapp-choices.js';

/** The bot's turn handler, as CloudAdapter takes it. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * A Bot Framework adapter for WhatsApp through MessageBird's Conversations API, or (`api: 'bird'`)
 * Bird's Channels API: the bot sees the same activities from either, and its replies become the
 * API's messages.
 *
 * @example
 * const adapter = new MessageBirdAdapter({
 *   accessKey: process.env.MESSAGEBIRD_ACCESS_KEY!,
 *   channelId: process.env.MESSAGEBIRD_CHANNEL_ID!,
 *   signingKey: process.env.MESSAGEBIRD_SIGNING_KEY!,
 *   webhookUrl: 'https://bot.example.com/api/messages',
 * });
 * // Bird: new MessageBirdAdapter({ api: 'bird', workspaceId, channelId, accessKey, signingKey, webhookUrl })
 * app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
 */
export class MessageBirdAdapter extends BotAdapter {
  /** The key of the connector factory in `context.turnState`, as CloudAdapter has it. */
  readonly ConnectorFactoryKey = Symbol('ConnectorFactory');
  /** The key of the user token client in `context.turnState`, as CloudAdapter has it. */
  readonly UserTokenClientKey = Symbol('UserTokenClient');
  /** The options after validation, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;
  /** Where contact windows are kept: ask it when a contact last wrote (`lastInbound`). */
  readonly windows: WindowStore;
  /** The pipelines, stores, limiter and client, shared with the Agents SDK front. */
  readonly #core: WhatsAppCore;
  /** What bots written for CloudAdapter find in `turnState`; their calls say what to do instead. */
  readonly #standIns = connectorStandIns('continueConversationAsync');

  constructor(options: MessageBirdAdapterOptions<ApiName>) {
    super();
    this.#core = new WhatsAppCore(options);
    this.options = this.#core.options;
    this.windows = this.#core.windows;
    offerInProcess(this, (webhook, logic) =>
      inProcessWebhook(this.#core, webhook, (activity) => this.#runTurn(activity, logic)),
    );
    installWhatsAppChoices(this.#core.logger);
  }

  /**
   * Handles a webhook as a Fetch-standard Request (Hono, Bun, Deno, workers) and resolves with
   * the Response to give MessageBird once the turn is done.
   *
   * @example
   * app.post('/api/messages', (c) => adapter.handle(c.req.raw, (context) => bot.run(context)));
   */
  handle(request: Request, logic: BotLogic): Promise<Response> {
    return fetchWebhook(this.#core, request, (activity) => this.#runTurn(activity, logic));
  }

  /**
   * Handles a webhook on Node's http, Express or Restify. Reads the raw body itself, or takes
   * `req.rawBody` or a Buffer `req.body`; a body a JSON parser already consumed is refused with a
   * 500 that says how to keep it raw (MessageBird retries, so nothing is lost while you fix it).
   *
   * @example
   * server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
   */
  process(req: NodeRequest, res: ServerResponse, logic: BotLogic): Promise<void> {
    return nodeWebhook(this.#core, req, res, (activity) => this.#runTurn(activity, logic));
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
  sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    return this.#core.send(activities, context.activity);
  }

  /**
   * Sends an approved template. The parameters are checked before any HTTP request; the sent
   * activity carries the rendered text, so transcripts show what the contact read. On Bird,
   * `params` fill the template's `variables` in order, or go by name.
   *
   * @example
   * await adapter.sendTemplate(context, { name: 'shipping_update', params: ['Ada', '#4711'] });
   * // Bird, by name: { name: 'order_update', params: { name: 'Ana', order: '4711' } }
   */
  async sendTemplate(
    context: TurnContext,
    send: TemplateSend,
  ): Promise<ResourceResponse | undefined> {
    return context.sendActivity(this.#core.templateActivity(send));
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
          id: this.#core.conversationIdFor(phone),
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
    return this.#core.verifyCredentials();
  }

  /** Stops the rate limiter and disconnects Redis; call it when shutting down (and in tests). */
  close(): Promise<void> {
    return this.#core.close();
  }
}
