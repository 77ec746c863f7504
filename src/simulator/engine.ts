import { BIRD_ERROR_CODES } from '../bird/errors.js';
import type { BirdSendRequest } from '../bird/send.js';
import type { BirdCreateSubscription } from '../bird/subscription.js';
import { MESSAGE_TYPES as MODELLED_TYPES } from '../messagebird/content.js';
import { toE164 } from '../messagebird/phone.js';
import type {
  ReplyRequest,
  SendRequest,
  StartConversationRequest,
} from '../messagebird/requests.js';
import type { CreateWebhookRequest, UpdateWebhookRequest } from '../messagebird/webhook.js';
import { placeholdersOf, readCategory } from '../whatsapp/index.js';
import {
  type BirdTemplateInput,
  birdBodyToContent,
  birdTemplateToContent,
  type EngineContent,
  type TemplateContent,
} from './bird/content-in.js';
import { BirdApiError, birdInvalid } from './bird/errors.js';
import { BirdFace } from './bird/face.js';
import { fromBirdId, newBirdId, toBirdId } from './bird/ids.js';
import { type CancelTimer, type TimerHandles, timerHandlesOf } from './clock.js';
import { ApiError, SIM_ERROR_CODES } from './errors.js';
import { type DeferredEvent, EventBus } from './events.js';
import { Faults } from './faults.js';
import { newId } from './ids.js';
import { type PlanInput, planOutbound } from './lifecycle.js';
import { logError } from './logger.js';
import type { ResolvedChannel, ResolvedOptions } from './options.js';
import type {
  BirdMessageExtras,
  BirdSubscriptionRecord,
  ContactRecord,
  ConversationRecord,
  MessageRecord,
  TemplateRecord,
  WebhookRecord,
} from './records.js';
import {
  inboundMetadata,
  type RenderedMessage,
  type renderContact,
  renderMessage,
  renderMessageAs,
  renderTemplate,
  type renderWebhookConversation,
} from './render.js';
import { RenderCache } from './render-cache.js';
import { type ResetKeep, Store } from './store.js';
import type { SubmitTemplateRequest } from './templates.js';
import { WebhookDelivery } from './webhook-delivery.js';

/** A validated `POST /_sim/inbound` body. */
export interface InboundInput {
  from: string | number;
  displayName?: string;
  type: string;
  content: Record<string, unknown>;
  replyTo?: string;
  channelId?: string;
}

type OutboundInput = Pick<SendRequest, 'type' | 'content'> & {
  reportUrl?: string;
  source?: Record<string, unknown>;
  tag?: string;
  trackId?: string;
  fallback?: { from: string; after?: string };
  /** What a Bird send carried beside its content. */
  bird?: BirdMessageExtras;
  /** A template send that cannot go out (unknown template, missing parameter): it fails so. */
  problem?: { code: number; description: string };
};

/**
 * One string each for every message of a type the simulator knows (those MessageBird's schemas
 * model, and the few more `/_sim/inbound` takes), so stored messages share them.
 */
const MESSAGE_TYPES = new Map(
  [...MODELLED_TYPES, 'sticker', 'contacts', 'event'].map((type) => [type, type]),
);

/** At most this many Bird subscriptions per event and filter combination (Bird's documented 5). */
export const BIRD_SUBSCRIPTIONS_PER_FILTER = 5;

const notFound = (what: string): ApiError =>
  new ApiError(404, SIM_ERROR_CODES.notFound, `${what} not found`);

/**
 * The simulated MessageBird: the rules over the store (one active conversation per contact,
 * windows, status lifecycles, templates) and the announcements they make (webhooks, events).
 * Routes call it; it knows nothing of HTTP beyond throwing ApiError.
 */
export class Engine {
  readonly store = new Store();
  readonly events: EventBus;
  readonly faults: Faults;
  readonly delivery: WebhookDelivery;
  /** The Channels API's view of this engine: Bird ids, ChannelMessages, Bird's webhooks. */
  readonly bird: BirdFace;
  /**
   * The clock's closure-free timers, when it has them (clock.ts): the pending status changes are
   * then found in the clock itself (`cancelAll`), with nothing kept per message here.
   */
  readonly #handles: TimerHandles | undefined;
  /** On another Clock: each message's pending status change, by message id. */
  readonly #timers = new Map<string, CancelTimer>();
  /** A message's next planned status is due (one function for every message). */
  readonly #due = (message: MessageRecord): void => {
    if (!this.#handles) this.#timers.delete(message.id);
    this.#advanceLifecycle(message);
  };
  /** Rendered contacts and conversations, reused while unchanged. */
  readonly #rendered = new RenderCache();
  /** The store's template lookup, as lifecycle plans take it. */
  readonly #templateOf = (name: string, language: string) => this.store.template(name, language);
  #changed: () => void = () => {};

  /** Creates the engine over resolved options. */
  constructor(readonly options: ResolvedOptions) {
    this.events = new EventBus((error, event) =>
      logError(
        options.logger,
        `a listener of simulator events threw on ${event.type} (event ${event.id}); the other listeners still got it`,
        error,
      ),
    );
    this.faults = new Faults(options.seed);
    this.delivery = new WebhookDelivery(options, this.faults, this.events);
    this.bird = new BirdFace(this);
    this.#handles = timerHandlesOf(options.clock);
  }

  /** Runs `#due(message)` at `at`, through a closure-free timer when the clock has them. */
  #setTimer(at: number, message: MessageRecord): void {
    if (this.#handles) this.#handles.set(at, this.#due, message);
    else
      this.#timers.set(
        message.id,
        this.clock.setTimer(at, () => this.#due(message)),
      );
  }

  /** The virtual clock. */
  get clock() {
    return this.options.clock;
  }

  /** Calls `listener` after every change of state (persistence listens). */
  onChange(listener: () => void): void {
    this.#changed = listener;
  }

  /** The channel with this id, if the simulator plays it. */
  channel(id: string) {
    return this.options.channels.find((c) => c.id === id);
  }

  #channelOrThrow(id: string, parameter: string) {
    const channel = this.channel(id);
    if (!channel) {
      throw new ApiError(400, SIM_ERROR_CODES.badRequest, 'Channel not found', parameter);
    }
    return channel;
  }

  /** Reads a recipient: a contact id, or a phone number (creating the contact). */
  #recipient(to: string): ContactRecord {
    if (/^[0-9a-f]{32}$/.test(to)) {
      const contact = this.store.contacts.get(to);
      if (!contact) throw new ApiError(404, SIM_ERROR_CODES.notFound, 'Contact not found', 'to');
      return contact;
    }
    const phone = toE164(to);
    return this.store.contactByPhone(phone) ?? this.store.addContact(phone, this.clock.now());
  }

  /** The contact's active conversation, or a new one (announced with `conversation.created`). */
  #conversationFor(contact: ContactRecord, channelId: string) {
    const active = this.store.activeConversationOf(contact.id);
    if (active) {
      if (!active.channelIds.includes(channelId)) active.channelIds.push(channelId);
      active.lastUsedChannelId = channelId;
      return { conversation: active, created: false };
    }
    const conversation = this.store.addConversation(contact.id, channelId, this.clock.now());
    this.#publishConversation('conversation.created', conversation);
    return { conversation, created: true };
  }

  /** `POST /v1/send`: the contact's active conversation (or a new one) gets the message. */
  send(request: SendRequest) {
    this.#channelOrThrow(request.from, 'from');
    const contact = this.#recipient(request.to);
    const { conversation } = this.#conversationFor(contact, request.from);
    const message = this.#outbound(conversation, contact, request.from, request);
    const answer: { id: string; status: 'accepted'; fallback?: { id: string } } = {
      id: message.id,
      status: 'accepted',
    };
    if (message.fallback) answer.fallback = { id: message.fallback.id };
    return answer;
  }

  /** `POST /v1/conversations/start`: resumes the active conversation or opens one. */
  start(request: StartConversationRequest) {
    this.#channelOrThrow(request.channelId, 'channelId');
    const contact = this.#recipient(request.to);
    const { conversation, created } = this.#conversationFor(contact, request.channelId);
    this.#outbound(conversation, contact, request.channelId, request);
    return { conversation, created };
  }

  /** `POST /v1/conversations/{id}/messages`: a message in an existing conversation. */
  reply(conversationId: string, request: ReplyRequest): MessageRecord {
    const conversation = this.store.conversations.get(conversationId);
    if (!conversation) throw notFound('Conversation');
    const channelId = request.channelId ?? conversation.lastUsedChannelId;
    this.#channelOrThrow(channelId, 'channelId');
    const contact = this.store.contacts.get(conversation.contactId);
    if (!contact) throw notFound('Contact');
    if (!conversation.channelIds.includes(channelId)) conversation.channelIds.push(channelId);
    conversation.lastUsedChannelId = channelId;
    return this.#outbound(conversation, contact, channelId, request);
  }

  #outbound(
    conversation: ConversationRecord,
    contact: ContactRecord,
    channelId: string,
    input: OutboundInput,
  ): MessageRecord {
    const now = this.clock.now();
    const channel = this.#channelOrThrow(channelId, 'channelId');
    const content = input.content as Record<string, unknown>;
    // Every message is kept: the channel's own id string and a shared type string, not the copies
    // each request body carries.
    const type = MESSAGE_TYPES.get(input.type) ?? input.type;
    const plan: PlanInput = {
      type,
      content,
      contact,
      channelId: channel.id,
      now,
      schedule: this.options.schedule,
      windowMs: this.options.windowMs,
      notOnWhatsapp: this.options.notOnWhatsapp,
      template: this.#templateOf,
    };
    if (input.problem) plan.problem = input.problem;
    const message: MessageRecord = {
      id: newId(),
      conversationId: conversation.id,
      channelId: channel.id,
      direction: 'sent',
      status: 'accepted',
      type,
      content,
      from: channel.businessNumber,
      to: contact.phone,
      createdAt: now,
      updatedAt: now,
      seq: this.store.nextSeq(),
      origin: 'api',
      plan: planOutbound(plan),
    };
    // Optional fields by assignment: spreads inside the literal take V8's slow path.
    if (input.source) message.source = input.source;
    if (input.tag) message.tag = input.tag;
    if (input.trackId) message.trackId = input.trackId;
    if (input.reportUrl) message.reportUrl = input.reportUrl;
    if (input.fallback) message.fallback = { id: newId(), ...input.fallback };
    if (input.bird) message.bird = input.bird;
    this.store.messages.set(message.id, message);
    if (this.options.echoOutbound) this.#publishMessage('message.created', message);
    else {
      this.#announce('message.created', message);
      this.bird.publish('message.created', message);
    }
    this.#advanceLifecycle(message);
    this.#changed();
    return message;
  }

  /** Applies every planned status that is due, then sets a timer for the next one. */
  #advanceLifecycle(message: MessageRecord): void {
    // A message has no pending status change here: it is new, or its change just fired, or its
    // lifecycle resumes at start. (Another Clock's timers are still checked, as before.)
    const pending = this.#timers.get(message.id);
    if (pending) {
      pending();
      this.#timers.delete(message.id);
    }
    for (;;) {
      const step = message.plan[0];
      if (!step) return;
      if (step.at > this.clock.now()) {
        this.#setTimer(step.at, message);
        return;
      }
      message.plan.shift();
      message.status = step.status;
      message.updatedAt = this.clock.now();
      if (step.error) message.error = step.error;
      this.#publishMessage('message.updated', message);
      this.#changed();
    }
  }

  /** `POST /_sim/inbound`: the contact writes; opens their window and maybe a new conversation. */
  inbound(input: InboundInput): MessageRecord {
    const channelId = input.channelId ?? (this.options.channels[0]?.id as string);
    const channel = this.#channelOrThrow(channelId, 'channelId');
    let phone: string;
    try {
      phone = toE164(input.from);
    } catch (error) {
      throw new ApiError(422, SIM_ERROR_CODES.invalidParameter, (error as Error).message, 'from');
    }
    // The message answered, by its id in either API's form (Bird's is the same id, dashed).
    let replyTo = input.replyTo;
    if (replyTo !== undefined && !this.store.messages.has(replyTo)) {
      const record = fromBirdId(replyTo);
      if (record === undefined || !this.store.messages.has(record)) {
        throw new ApiError(
          422,
          SIM_ERROR_CODES.invalidParameter,
          `replyTo: no message ${replyTo} (give the id MessageBird's or Bird's API answered for it)`,
          'replyTo',
        );
      }
      replyTo = record;
    }
    const now = this.clock.now();
    let contact = this.store.contactByPhone(phone);
    if (!contact) contact = this.store.addContact(phone, now, input.displayName);
    else if (input.displayName && input.displayName !== contact.displayName) {
      contact.displayName = input.displayName;
      contact.updatedAt = now;
    }
    const { conversation } = this.#conversationFor(contact, channelId);
    contact.lastInboundAt[channelId] = now;
    conversation.lastReceivedAt = now;
    const message: MessageRecord = {
      id: newId(),
      conversationId: conversation.id,
      channelId,
      direction: 'received',
      status: 'received',
      type: input.type,
      content: input.content,
      from: phone,
      to: channel.businessNumber,
      createdAt: now,
      updatedAt: now,
      seq: this.store.nextSeq(),
      ...(replyTo ? { replyTo: { id: replyTo } } : {}),
      metadata: inboundMetadata(input.displayName ?? contact.displayName, replyTo),
      plan: [],
    };
    this.store.messages.set(message.id, message);
    this.#publishMessage('message.created', message);
    this.#changed();
    return message;
  }

  /** `PATCH /v1/conversations/{id}`: archive or reactivate (one active conversation per contact). */
  updateConversation(id: string, status: 'active' | 'archived'): ConversationRecord {
    const conversation = this.store.conversations.get(id);
    if (!conversation) throw notFound('Conversation');
    if (conversation.status === status) return conversation;
    if (status === 'active') {
      const other = this.store.activeConversationOf(conversation.contactId);
      if (other) {
        throw new ApiError(
          422,
          SIM_ERROR_CODES.invalidParameter,
          `the contact already has an active conversation (${other.id}): archive it first`,
          'status',
        );
      }
    }
    conversation.status = status;
    conversation.updatedAt = this.clock.now();
    this.#publishConversation('conversation.updated', conversation);
    this.#changed();
    return conversation;
  }

  /** `POST /v1/webhooks`. */
  createWebhook(request: CreateWebhookRequest): WebhookRecord {
    this.#channelOrThrow(request.channelId, 'channelId');
    const now = this.clock.now();
    const webhook: WebhookRecord = {
      id: newId(),
      channelId: request.channelId,
      url: request.url,
      events: [...request.events],
      status: 'enabled',
      settings: request.settings ?? null,
      createdAt: now,
      updatedAt: now,
      seq: this.store.nextSeq(),
    };
    this.store.webhooks.set(webhook.id, webhook);
    this.events.emit('webhook', { action: 'created', id: webhook.id });
    this.#changed();
    return webhook;
  }

  /** `PATCH /v1/webhooks/{id}`. */
  updateWebhook(id: string, request: UpdateWebhookRequest): WebhookRecord {
    const webhook = this.store.webhooks.get(id);
    if (!webhook) throw notFound('Webhook');
    if (request.events) webhook.events = [...request.events];
    if (request.url) webhook.url = request.url;
    if (request.status) webhook.status = request.status;
    if (request.settings !== undefined) webhook.settings = request.settings;
    webhook.updatedAt = this.clock.now();
    this.events.emit('webhook', { action: 'updated', id });
    this.#changed();
    return webhook;
  }

  /** `DELETE /v1/webhooks/{id}`. */
  deleteWebhook(id: string): void {
    if (!this.store.webhooks.delete(id)) throw notFound('Webhook');
    this.events.emit('webhook', { action: 'deleted', id });
    this.#changed();
  }

  /**
   * `POST /workspaces/{ws}/channels/{ch}/messages`: a Bird send on a channel played on Bird. The
   * body or template becomes WhatsApp content (bird/content-in.ts; a body WhatsApp cannot show is
   * a 422 naming the Bird field), the contact's active conversation (or a new one) gets it, and it
   * follows the same lifecycle as a `/v1` send; the request is kept to answer it as it was sent.
   */
  sendBird(channel: ResolvedChannel, request: BirdSendRequest): MessageRecord {
    const contact = this.#birdReceiver(request.receiver.contacts);
    let content: EngineContent | TemplateContent;
    if (request.template) {
      content = birdTemplateToContent(request.template as BirdTemplateInput, (p, l, v) =>
        this.store.birdTemplate(p, l, v),
      );
    } else {
      content = birdBodyToContent(request.body as NonNullable<BirdSendRequest['body']>);
    }
    const extras: BirdMessageExtras = {};
    if (request.body) extras.body = request.body as Record<string, unknown>;
    if (request.template) extras.template = request.template as Record<string, unknown>;
    if (request.reference !== undefined) extras.reference = request.reference;
    if (request.meta) extras.meta = request.meta;
    if (request.replyTo) {
      const id = fromBirdId(request.replyTo.id);
      const answered = id ? this.store.messages.get(id) : undefined;
      if (!answered || answered.channelId !== channel.id) {
        throw birdInvalid('replyTo.id', `no message ${request.replyTo.id} on this channel`);
      }
      extras.replyTo = toBirdId(answered.id);
    }
    const { conversation } = this.#conversationFor(contact, channel.id);
    return this.#outbound(conversation, contact, channel.id, {
      type: content.type as OutboundInput['type'],
      content: content.content as OutboundInput['content'],
      bird: extras,
      ...('problem' in content && content.problem ? { problem: content.problem } : {}),
    });
  }

  /** The one contact a Bird send is for: by phone number (created if new) or by Bird contact id. */
  #birdReceiver(contacts: BirdSendRequest['receiver']['contacts']): ContactRecord {
    if (contacts.length !== 1) {
      throw birdInvalid(
        'receiver.contacts',
        'the simulator sends a WhatsApp message to one contact at a time: give exactly one',
      );
    }
    const receiver = contacts[0] as Record<string, unknown>;
    if (typeof receiver.identifierValue === 'string') {
      const key = receiver.identifierKey;
      if (key !== undefined && key !== 'phonenumber') {
        throw birdInvalid(
          'receiver.contacts.0.identifierKey',
          `WhatsApp reaches a contact by "phonenumber", not "${String(key)}"`,
        );
      }
      const phone = toE164(receiver.identifierValue);
      return this.store.contactByPhone(phone) ?? this.store.addContact(phone, this.clock.now());
    }
    const id = fromBirdId(String(receiver.id));
    const contact = id ? this.store.contacts.get(id) : undefined;
    if (!contact) {
      throw birdInvalid('receiver.contacts.0.id', `no contact ${String(receiver.id)}`);
    }
    return contact;
  }

  /**
   * `POST /organizations/{org}/workspaces/{ws}/webhook-subscriptions`. A sixth subscription for the
   * same event and filters is refused with 409 (Bird documents at most 5 per filter combination).
   */
  createBirdSubscription(request: BirdCreateSubscription): BirdSubscriptionRecord {
    const eventFilters = (request.eventFilters ?? []).map((f) => ({ key: f.key, value: f.value }));
    const same = filterKey(request.event, eventFilters);
    const twins = this.store
      .listBirdSubscriptions()
      .filter((s) => filterKey(s.event, s.eventFilters) === same).length;
    if (twins >= BIRD_SUBSCRIPTIONS_PER_FILTER) {
      throw new BirdApiError(
        409,
        BIRD_ERROR_CODES.conflict,
        `there are already ${BIRD_SUBSCRIPTIONS_PER_FILTER} subscriptions to ${request.event} with these eventFilters: delete one first`,
      );
    }
    const now = this.clock.now();
    const subscription: BirdSubscriptionRecord = {
      id: newBirdId(),
      organizationId: this.options.bird.organizationId,
      workspaceId: this.options.bird.workspaceId,
      service: 'channels',
      event: request.event,
      url: request.url,
      eventFilters,
      status: 'active',
      createdAt: now,
      updatedAt: now,
      seq: this.store.nextSeq(),
    };
    if (request.signingKey !== undefined) subscription.signingKey = request.signingKey;
    if (request.template !== undefined) subscription.template = request.template as string;
    this.store.birdSubscriptions.set(subscription.id, subscription);
    this.events.emit('webhook', { action: 'created', id: subscription.id, api: 'bird' });
    this.#changed();
    return subscription;
  }

  /** `DELETE …/webhook-subscriptions/{id}`; false when there is none. */
  deleteBirdSubscription(id: string): boolean {
    const key = id.toLowerCase();
    if (!this.store.birdSubscriptions.delete(key)) return false;
    this.events.emit('webhook', { action: 'deleted', id: key, api: 'bird' });
    this.#changed();
    return true;
  }

  /** `POST /_sim/templates`: a new template, PENDING (or APPROVED with approveTemplatesOnSubmit). */
  submitTemplate(request: SubmitTemplateRequest): { template: TemplateRecord; warnings: string[] } {
    if (this.store.template(request.name, request.language)) {
      throw new ApiError(
        409,
        SIM_ERROR_CODES.invalidParameter,
        `template "${request.name}" (${request.language}) already exists`,
        'name',
      );
    }
    // SubmitTemplateRequest checked both; read again for the category and the parameter count.
    const category = readCategory(request.category);
    if (!category) {
      throw new ApiError(422, SIM_ERROR_CODES.invalidParameter, 'unknown category', 'category');
    }
    const placeholders = placeholdersOf(request.content);
    if ('problem' in placeholders) {
      throw new ApiError(422, SIM_ERROR_CODES.invalidParameter, placeholders.problem, 'content');
    }
    const bird = this.#birdTemplateFields(request, placeholders.count);
    const now = this.clock.now();
    const template: TemplateRecord = {
      name: request.name,
      language: request.language,
      category: category.category,
      content: request.content,
      namespace: request.namespace ?? this.options.templateNamespace,
      status: this.options.approveTemplatesOnSubmit ? 'APPROVED' : 'PENDING',
      parameterCount: placeholders.count,
      ...bird,
      createdAt: now,
      updatedAt: now,
    };
    this.store.putTemplate(template);
    this.events.emit('template', renderTemplate(template));
    this.#changed();
    return { template, warnings: category.warning ? [category.warning] : [] };
  }

  /**
   * A submission's Bird fields: the project (one template per project and language), its version
   * (the project's own when another language has one, else new) and the variable names, one per
   * placeholder.
   */
  #birdTemplateFields(
    request: SubmitTemplateRequest,
    parameterCount: number,
  ): Pick<TemplateRecord, 'projectId' | 'versionId' | 'variables'> {
    const { projectId: given, version, variables } = request;
    if (variables !== undefined) {
      if (variables.length !== parameterCount) {
        throw new ApiError(
          422,
          SIM_ERROR_CODES.invalidParameter,
          `the content has ${parameterCount} placeholders but variables names ${variables.length}: name {{1}}…{{${parameterCount}}} in order`,
          'variables',
        );
      }
      if (new Set(variables).size !== variables.length) {
        throw new ApiError(
          422,
          SIM_ERROR_CODES.invalidParameter,
          'variable names must be distinct',
          'variables',
        );
      }
    }
    if (given === undefined) {
      if (version !== undefined) {
        throw new ApiError(
          422,
          SIM_ERROR_CODES.invalidParameter,
          'a version belongs to a Bird project: give projectId too',
          'version',
        );
      }
      return variables ? { variables: [...variables] } : {};
    }
    if (variables === undefined && parameterCount > 0) {
      throw new ApiError(
        422,
        SIM_ERROR_CODES.missingParameter,
        `a Bird template sends its parameters by name: give variables, the names of {{1}}…{{${parameterCount}}} in order, such as ["name", "order"]`,
        'variables',
      );
    }
    const projectId = given.toLowerCase();
    const siblings = [...this.store.templates.values()].filter((t) => t.projectId === projectId);
    if (siblings.some((t) => t.language === request.language)) {
      throw new ApiError(
        409,
        SIM_ERROR_CODES.invalidParameter,
        `project ${projectId} already has a template in ${request.language}`,
        'projectId',
      );
    }
    const versionId = version?.toLowerCase() ?? siblings[0]?.versionId ?? newBirdId();
    return { projectId, versionId, variables: [...(variables ?? [])] };
  }

  /** The template with this name and language, or a 404 ApiError. */
  findTemplate(name: string, language: string): TemplateRecord {
    const template = this.store.template(name, language);
    if (!template) throw notFound('Template');
    return template;
  }

  /** Approves or rejects a template. */
  reviewTemplate(name: string, language: string, approve: boolean, reason?: string) {
    const template = this.findTemplate(name, language);
    template.status = approve ? 'APPROVED' : 'REJECTED';
    if (approve) delete template.rejectedReason;
    else template.rejectedReason = reason ?? 'rejected in the simulator';
    template.updatedAt = this.clock.now();
    this.events.emit('template', renderTemplate(template));
    this.#changed();
    return template;
  }

  /** The transcript of one contact (by E.164, msisdn or contact id), oldest first. */
  transcript(contactRef: string | undefined, direction?: string): MessageRecord[] {
    let contactIds: Set<string> | undefined;
    if (contactRef) {
      let contact = this.store.contacts.get(contactRef);
      if (!contact) {
        try {
          contact = this.store.contactByPhone(toE164(contactRef));
        } catch {
          contact = undefined;
        }
      }
      if (!contact) return [];
      contactIds = new Set([contact.id]);
    }
    return [...this.store.messages.values()]
      .filter((m) => {
        if (direction && m.direction !== direction) return false;
        if (!contactIds) return true;
        const conversation = this.store.conversations.get(m.conversationId);
        return conversation !== undefined && contactIds.has(conversation.contactId);
      })
      .sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  }

  /** Forgets state (keeping webhooks or templates if asked), timers and the delivery log. */
  reset(keep: readonly ResetKeep[] = []): void {
    this.cancelTimers();
    this.store.reset(keep);
    this.delivery.clearLog();
    this.events.emit('reset', { keep });
    this.#changed();
  }

  /** Sets timers for messages whose lifecycle is not over (after loading a saved state). */
  resumeLifecycles(): void {
    for (const message of this.store.messages.values()) {
      if (message.plan.length > 0) this.#advanceLifecycle(message);
    }
  }

  /** Cancels every lifecycle timer. */
  cancelTimers(): void {
    this.#handles?.cancelAll(this.#due);
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #messagePayload(type: 'message.created' | 'message.updated', message: MessageRecord) {
    const conversation = this.store.conversations.get(message.conversationId);
    const contact = conversation && this.store.contacts.get(conversation.contactId);
    const payload: {
      type: typeof type;
      contact?: Readonly<ReturnType<typeof renderContact>>;
      conversation?: Readonly<ReturnType<typeof renderWebhookConversation>>;
      message?: RenderedMessage;
    } = { type };
    if (contact) payload.contact = this.#rendered.contact(contact);
    if (conversation) payload.conversation = this.#rendered.conversation(conversation);
    payload.message = renderMessage(message);
    return payload;
  }

  #publishMessage(type: 'message.created' | 'message.updated', message: MessageRecord): void {
    if (this.store.webhooks.size === 0) this.#announce(type, message);
    else {
      const payload = this.#messagePayload(type, message);
      this.events.emit(type, payload);
      this.#deliver(type, message.channelId, message.conversationId, payload, message.id);
    }
    this.bird.publish(type, message);
  }

  /**
   * A message event on the bus: made at once when something listens; otherwise a draft holding
   * the message's state of now, whose payload the chat page's payload log makes if it is asked.
   */
  #announce(type: 'message.created' | 'message.updated', message: MessageRecord): void {
    if (this.events.listened) {
      this.events.emit(type, this.#messagePayload(type, message));
      return;
    }
    const conversation = this.store.conversations.get(message.conversationId);
    const contact = conversation && this.store.contacts.get(conversation.contactId);
    this.events.emitDeferred(
      new MessageDraft(
        type,
        message,
        contact && this.#rendered.contact(contact),
        conversation && this.#rendered.conversation(conversation),
      ),
    );
  }

  /**
   * `conversation.created` / `conversation.updated`: `{type, contact, conversation}` with the
   * webhook form of the conversation (MessageBird does not publish these payloads; our reading).
   */
  #publishConversation(
    type: 'conversation.created' | 'conversation.updated',
    conversation: ConversationRecord,
  ): void {
    const contact = this.store.contacts.get(conversation.contactId);
    const payload = {
      type,
      ...(contact ? { contact: this.#rendered.contact(contact) } : {}),
      conversation: this.#rendered.conversation(conversation),
    };
    this.events.emit(type, payload);
    this.#deliver(type, conversation.lastUsedChannelId, conversation.id, payload);
  }

  #deliver(
    event: string,
    channelId: string,
    conversationId: string,
    payload: unknown,
    messageId?: string,
  ): void {
    // Every publish comes here: no list to make and sort when there is no webhook at all.
    if (this.store.webhooks.size === 0) return;
    let body: string | undefined;
    for (const webhook of this.store.listWebhooks()) {
      if (webhook.status !== 'enabled' || webhook.channelId !== channelId) continue;
      if (!webhook.events.includes(event)) continue;
      // Serialised once, and only when some webhook wants it.
      body ??= JSON.stringify(payload);
      this.delivery.enqueue({
        webhookId: webhook.id,
        url: webhook.url,
        event,
        conversationId,
        ...(messageId ? { messageId } : {}),
        body,
      });
    }
  }
}

/**
 * A message event not yet made: the message, its changing fields as they are now, and the contact
 * and conversation as rendered now (renderings are frozen and made anew when their record
 * changes), so that `data()` makes, whenever it is called, the payload `#messagePayload` made then.
 */
class MessageDraft implements DeferredEvent {
  id = 0;
  at = '';
  readonly status: MessageRecord['status'];
  readonly updatedAt: number;
  readonly error: MessageRecord['error'];
  #data: unknown;

  constructor(
    readonly type: 'message.created' | 'message.updated',
    readonly message: MessageRecord,
    readonly contact: Readonly<ReturnType<typeof renderContact>> | undefined,
    readonly conversation: Readonly<ReturnType<typeof renderWebhookConversation>> | undefined,
  ) {
    this.status = message.status;
    this.updatedAt = message.updatedAt;
    this.error = message.error;
  }

  get messageId(): string {
    return this.message.id;
  }

  data(): unknown {
    if (this.#data !== undefined) return this.#data;
    const payload: {
      type: 'message.created' | 'message.updated';
      contact?: Readonly<ReturnType<typeof renderContact>>;
      conversation?: Readonly<ReturnType<typeof renderWebhookConversation>>;
      message?: RenderedMessage;
    } = { type: this.type };
    if (this.contact) payload.contact = this.contact;
    if (this.conversation) payload.conversation = this.conversation;
    payload.message = renderMessageAs(this.message, this);
    this.#data = payload;
    return payload;
  }
}

/** An event and its filters, in a stable order, to count subscriptions per combination. */
function filterKey(event: string, filters: readonly { key: string; value: string }[]): string {
  const sorted = filters.map((f) => `${f.key}=${f.value.toLowerCase()}`).sort();
  return `${event}|${sorted.join('&')}`;
}
