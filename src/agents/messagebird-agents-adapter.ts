import { ServerResponse } from 'node:http';
import {
  Activity,
  ActivityEventNames,
  type ChannelAccount,
  type ConversationParameters,
  type ConversationReference,
} from '@microsoft/agents-activity';
import {
  type Request as AgentsRequest,
  type AttachmentData,
  type AttachmentInfo,
  type AuthConfiguration,
  CloudAdapter,
  type ConnectorClient,
  type HeaderPropagationCollection,
  type HeaderPropagationDefinition,
  type ResourceResponse,
  TurnContext,
  type UserTokenClient,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { Activity as CoreActivity } from '../core/activity.js';
import { CONNECTOR_GENERIC, connectorAdvice, refusing } from '../core/connector-stand-ins.js';
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

/** What to do instead of the Bot Connector's calls, told in this front's terms. */
const CONNECTOR_ADVICE = connectorAdvice('continueConversation');

import { forWhatsApp } from './for-whatsapp.js';
import { toAgentsActivity, withoutEmpty } from './to-agents-activity.js';

/** The agent's turn handler, as `CloudAdapter.process` takes it: `(context) => app.run(context)`. */
export type AgentLogic = (context: TurnContext) => Promise<void>;

/** The app id or claims identity `continueConversation` takes (a JwtPayload), as CloudAdapter types it. */
type AppIdOrIdentity = Parameters<CloudAdapter['continueConversation']>[0];

/** The name of the sentinel connection that stands in for Azure settings; it never gets a token. */
const SENTINEL = 'messagebird-whatsapp';

/**
 * The authentication settings given to `CloudAdapter`: a client id (so `NODE_ENV=production`
 * without Azure settings does not throw "ClientId required in production") in a connection of its
 * own mapped to every service URL, so `Connections__*` variables in the environment do not change
 * it. Never used: no method of this adapter asks for a token.
 */
function sentinelAuthConfig(): AuthConfiguration {
  const settings: AuthConfiguration = { clientId: SENTINEL, tenantId: SENTINEL };
  return {
    ...settings,
    connections: new Map([[SENTINEL, settings]]),
    connectionsMap: [{ serviceUrl: '*', connection: SENTINEL }],
  };
}

/**
 * A Microsoft 365 Agents SDK adapter for WhatsApp through MessageBird's Conversations API, or
 * (`api: 'bird'`) Bird's Channels API, the agent seeing the same activities from either: a
 * `CloudAdapter` (as `AgentApplication` requires) that never talks to Azure Bot Service. It needs
 * no Azure app registration in any `NODE_ENV`; webhooks are verified by MessageBird's signature,
 * and replies go out through MessageBird.
 *
 * @example
 * const adapter = new MessageBirdAgentsAdapter({
 *   accessKey: process.env.MESSAGEBIRD_ACCESS_KEY!,
 *   channelId: process.env.MESSAGEBIRD_CHANNEL_ID!,
 *   signingKey: process.env.MESSAGEBIRD_SIGNING_KEY!,
 *   webhookUrl: 'https://bot.example.com/api/messages',
 * });
 * const app = new AgentApplication({ adapter, storage: new MemoryStorage() });
 * app.onTurn('afterTurn', async () => true); // Agents SDK 1.8: without it, state is not saved
 * server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => app.run(context)));
 */
export class MessageBirdAgentsAdapter extends CloudAdapter {
  /** The options after validation, defaults filled in. */
  readonly options: Readonly<ResolvedOptions>;
  /** Where contact windows are kept: ask it when a contact last wrote (`lastInbound`). */
  readonly windows: WindowStore;
  /** The pipelines, stores, limiter and client, shared with the botbuilder front. */
  readonly #core: WhatsAppCore;
  /** What an agent finds in `turnState` where CloudAdapter puts its clients. */
  readonly #connector = refusing('connectorClient', CONNECTOR_ADVICE);
  readonly #userTokenClient = refusing('userTokenClient', CONNECTOR_ADVICE);

  /** Validates the options (a bad one throws a ConfigurationError naming the field and the fix). */
  constructor(options: MessageBirdAdapterOptions<ApiName>) {
    super(sentinelAuthConfig());
    this.#core = new WhatsAppCore(options);
    this.options = this.#core.options;
    this.windows = this.#core.windows;
    offerInProcess(this, (webhook, logic) =>
      inProcessWebhook(this.#core, webhook, (activity) => this.#runTurn(activity, logic)),
    );
    // The SDK's default tells the WhatsApp user "The agent encountered an error or bug." and
    // swallows the error, so MessageBird would never redeliver. Rethrowing lets the core log the
    // error with its stack and answer the webhook 500. A handler you set (adapter.onTurnError or
    // app.onError) replaces this one.
    this.onTurnError = async (_context, error) => {
      throw error;
    };
  }

  /**
   * Handles a webhook as a Fetch-standard Request (Hono, Bun, Deno, workers) and resolves with
   * the Response to give MessageBird once the turn is done.
   *
   * @example
   * hono.post('/api/messages', (c) => adapter.handle(c.req.raw, (context) => app.run(context)));
   */
  handle(request: Request, logic: AgentLogic): Promise<Response> {
    return fetchWebhook(this.#core, request, (activity) => this.#runTurn(activity, logic));
  }

  /**
   * Handles a webhook on Node's http, Express or Restify (what `CloudAdapter.process` is called
   * with). Reads the raw body itself, or takes `req.rawBody` or a Buffer `req.body`; a body a JSON
   * parser already consumed is refused with a 500 that says how to keep it raw (MessageBird
   * retries, so nothing is lost while you fix it). The header propagation argument of
   * CloudAdapter is accepted and not used: no request goes to Azure.
   *
   * @example
   * server.post('/api/messages', (req, res) => adapter.process(req, res, (context) => app.run(context)));
   */
  override process(
    request: NodeRequest | AgentsRequest,
    res: ServerResponse | WebResponse,
    logic: AgentLogic,
    _headerPropagation?: HeaderPropagationDefinition,
  ): Promise<void> {
    return nodeWebhook(this.#core, nodeRequestOf(request), nodeResponseOf(res), (activity) =>
      this.#runTurn(activity, logic),
    );
  }

  async #runTurn(
    activity: CoreActivity | Activity,
    logic: AgentLogic,
    identity?: ReturnType<typeof CloudAdapter.createIdentity>,
  ): Promise<void> {
    const turn = activity instanceof Activity ? activity : toAgentsActivity(activity);
    const context = new TurnContext(this, turn, identity);
    context.turnState.set(this.ConnectorClientKey, this.#connector);
    context.turnState.set(this.UserTokenClientKey, this.#userTokenClient);
    await this.runMiddleware(context, logic);
  }

  /**
   * Sends the agent's activities: messages through MessageBird (free-form ones only inside the
   * contact's 24-hour window), `delay` waits, `typing`, `trace` and other non-message activities
   * make no call. Resolves with MessageBird's message ids, in order (for an activity sent as
   * several WhatsApp messages, the id of the last one). `MessageFactory.suggestedActions`' values
   * (`{ text: 'Yes' }`) become the button id `Yes`.
   */
  override async sendActivities(
    context: TurnContext,
    activities: Activity[],
  ): Promise<ResourceResponse[]> {
    return this.#core.send(activities.map(forWhatsApp), context.activity);
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
    return context.sendActivity(Activity.fromObject(this.#core.templateActivity(send)));
  }

  /** WhatsApp cannot edit a sent message: always throws NotSupportedError. */
  override async updateActivity(_context: TurnContext, _activity: Activity): Promise<void> {
    throw new NotSupportedError('updateActivity');
  }

  /** WhatsApp cannot delete a sent message: always throws NotSupportedError. */
  override async deleteActivity(
    _context: TurnContext,
    _reference: Partial<ConversationReference>,
  ): Promise<void> {
    throw new NotSupportedError('deleteActivity');
  }

  /**
   * Runs `logic` in a proactive turn for a stored conversation reference, as the Agents SDK calls
   * it (and `app.sendProactiveActivity` and `app.continueConversationAsync` through it). Any app id
   * or claims identity is accepted, `''` included: MessageBird needs none. The reference's `agent`
   * is the channel; a reference a botbuilder bot stored names it `bot`, which is read the same way,
   * and one with neither gets this adapter's channel, so old references keep working.
   *
   * @example
   * const reference = context.activity.getConversationReference(); // kept from a turn
   * await adapter.continueConversation('', reference, (context) => context.sendActivity('Your order shipped'));
   */
  override async continueConversation(
    appIdOrIdentity: AppIdOrIdentity,
    reference: Partial<ConversationReference> & { bot?: Partial<ChannelAccount> | null },
    logic: AgentLogic,
    _isResponse?: boolean,
  ): Promise<void> {
    if (typeof reference?.conversation?.id !== 'string' || reference.conversation.id === '') {
      throw new MessageBirdAdapterError(
        'INVALID_ARGUMENT',
        'continueConversation needs reference.conversation.id: keep the reference a turn gives (context.activity.getConversationReference())',
      );
    }
    await this.#runTurn(this.#continuation(reference), logic, identityOf(appIdOrIdentity));
  }

  /** The SDK's continuation activity for a reference, with the channel filled in where missing. */
  #continuation(
    reference: Partial<ConversationReference> & { bot?: Partial<ChannelAccount> | null },
    name?: string,
  ): Activity {
    const account = (a: Partial<ChannelAccount> | null | undefined) =>
      a?.id ? (withoutEmpty(a, KEEP_NAME) as ChannelAccount) : undefined;
    const { bot: _bot, ...rest } = reference;
    const activity = Activity.getContinuationActivity({
      ...(withoutEmpty(rest) as ConversationReference),
      channelId: reference.channelId || CHANNEL_ID,
      serviceUrl: reference.serviceUrl || this.options.apiBaseUrl,
      conversation: withoutEmpty(
        reference.conversation ?? {},
      ) as ConversationReference['conversation'],
      user: account(reference.user),
      agent: account(reference.agent) ??
        account(reference.bot) ?? {
          id: this.options.channelId,
          name: this.options.channelName,
          role: 'bot',
        },
    });
    if (name) activity.name = name;
    return activity;
  }

  /**
   * Starts a conversation with a number that has not written (or not in 24 hours): the turn is a
   * `CreateConversation` event for `conversationParameters.members[0].id` (E.164), and the logic
   * must open with a template (`sendTemplate`), the only message WhatsApp lets a business send
   * first. The app id, channel id, service URL and audience are accepted for compatibility; of
   * the parameters only `members[0]` is read.
   *
   * @example
   * await adapter.createConversationAsync('', 'whatsapp', '', '', { members: [{ id: '+31612345678', name: 'Ada' }] },
   *   (context) => adapter.sendTemplate(context, { name: 'shipping_update', params: ['Ada', '#4711'] }));
   */
  override async createConversationAsync(
    _agentAppId: string,
    _channelId: string,
    _serviceUrl: string,
    _audience: string,
    conversationParameters: Partial<ConversationParameters>,
    logic: AgentLogic,
  ): Promise<void> {
    const member = conversationParameters?.members?.[0];
    let phone: string;
    try {
      phone = toE164(member?.id ?? '');
    } catch {
      throw new MessageBirdAdapterError(
        'INVALID_ARGUMENT',
        'conversationParameters.members[0].id must be the contact’s WhatsApp number in E.164, such as +31612345678',
      );
    }
    const name = member?.name || phone;
    const activity = this.#continuation(
      {
        user: { id: phone, name, role: 'user' },
        conversation: {
          id: this.#core.conversationIdFor(phone),
          isGroup: false,
          conversationType: 'personal',
          name,
        },
      },
      ActivityEventNames.CreateConversation,
    );
    await this.#runTurn(activity, logic, CloudAdapter.createIdentity(''));
  }

  /** MessageBird's and Bird's webhooks carry no Azure token: `process` and `handle` verify their signature. */
  override async authorizeRequest(): Promise<void> {
    throw new NotSupportedError(
      'authorizeRequest',
      this.options.api === 'bird'
        ? 'Bird webhooks carry no Azure Bot Service token: adapter.process and adapter.handle verify their messagebird-signature themselves'
        : 'MessageBird webhooks carry no Azure Bot Service token: adapter.process and adapter.handle verify their MessageBird-Signature-JWT themselves',
    );
  }

  /** There is no Bot Connector on WhatsApp through MessageBird: always throws NotSupportedError. */
  protected override async createConnectorClient(): Promise<ConnectorClient> {
    throw new NotSupportedError('createConnectorClient', CONNECTOR_GENERIC);
  }

  /** There is no Bot Connector on WhatsApp through MessageBird: always throws NotSupportedError. */
  protected override async createConnectorClientWithIdentity(
    _identity: unknown,
    _activity: Activity,
    _headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    throw new NotSupportedError('createConnectorClientWithIdentity', CONNECTOR_GENERIC);
  }

  /** There is no token service on WhatsApp through MessageBird: always throws NotSupportedError. */
  protected override async createUserTokenClient(): Promise<UserTokenClient> {
    throw new NotSupportedError('createUserTokenClient', CONNECTOR_ADVICE.getUserToken);
  }

  /** @deprecated in the SDK. WhatsApp has no attachment store: always throws NotSupportedError. */
  override async uploadAttachment(
    _context: TurnContext,
    _conversationId: string,
    _attachmentData: AttachmentData,
  ): Promise<ResourceResponse> {
    throw new NotSupportedError('uploadAttachment', CONNECTOR_ADVICE.uploadAttachment);
  }

  /** @deprecated in the SDK. Read the attachment from its contentUrl: always throws NotSupportedError. */
  override async getAttachmentInfo(
    _context: TurnContext,
    _attachmentId: string,
  ): Promise<AttachmentInfo> {
    throw new NotSupportedError('getAttachmentInfo', CONNECTOR_ADVICE.getAttachmentInfo);
  }

  /** @deprecated in the SDK. Read the attachment from its contentUrl: always throws NotSupportedError. */
  override async getAttachment(
    _context: TurnContext,
    _attachmentId: string,
    _viewId: string,
  ): Promise<NodeJS.ReadableStream> {
    throw new NotSupportedError('getAttachment', CONNECTOR_ADVICE.getAttachment);
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

const KEEP_NAME = new Set(['name']);

/** The claims identity of a proactive turn: the one given, or `{ aud: appId }`. */
function identityOf(
  appIdOrIdentity: AppIdOrIdentity,
): ReturnType<typeof CloudAdapter.createIdentity> {
  return typeof appIdOrIdentity === 'string' || appIdOrIdentity == null
    ? CloudAdapter.createIdentity(appIdOrIdentity ?? '')
    : appIdOrIdentity;
}

/**
 * The request as the core reads it. Node's http, Express and Restify give an IncomingMessage (a
 * stream, or with `rawBody`); an express-like request without a stream whose body was already
 * parsed cannot be verified, and is marked so (the core answers 500 saying how to keep it raw).
 */
function nodeRequestOf(request: NodeRequest | AgentsRequest): NodeRequest {
  const req = request as NodeRequest;
  const raw = [req.rawBody, req.body].some((b) => Buffer.isBuffer(b) || typeof b === 'string');
  if (
    raw ||
    typeof (req as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  ) {
    return req;
  }
  return Object.assign(Object.create(req) as NodeRequest, { readableEnded: true });
}

/**
 * The response as the core writes it: Node's ServerResponse (Express's and Restify's are), or
 * the SDK's express-like WebResponse (`status`, `setHeader`, `send`, `end`).
 */
function nodeResponseOf(res: ServerResponse | WebResponse): ServerResponse {
  if (res instanceof ServerResponse) return res;
  let status = 200;
  const shim = {
    get headersSent() {
      return res.headersSent;
    },
    get statusCode() {
      return status;
    },
    set statusCode(code: number) {
      status = code;
    },
    setHeader(name: string, value: string | number | readonly string[]) {
      res.setHeader(name, Array.isArray(value) ? value.join(', ') : String(value));
      return shim;
    },
    end(body?: string) {
      res.status(status);
      if (body !== undefined) res.send(body);
      res.end();
      return shim;
    },
  };
  return shim as unknown as ServerResponse;
}
