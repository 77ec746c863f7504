import { type InProcessEntry, inProcessEntry } from '../core/in-process.js';
import { silentLogger } from '../core/logger.js';
import type { ApiName, MessageBirdAdapterOptions } from '../core/options.js';
import { STATUS_EVENT_NAME, type StatusValue } from '../core/to-activity.js';
import type { Instant } from '../messagebird/instant.js';
import { toE164 } from '../messagebird/phone.js';
import { fromBirdId, toBirdId } from '../simulator/bird/ids.js';
import { type Clock, createClock } from '../simulator/clock.js';
import { DEFAULT_BIRD_CHANNEL_ID, DEFAULT_BIRD_WORKSPACE_ID } from '../simulator/options.js';
import type { RenderedMessage } from '../simulator/render.js';
import type { StatusSchedule } from '../simulator/schedule.js';
import { startSimulator } from '../simulator/server.js';
import { createSimulator, type Simulator } from '../simulator/simulator.js';
import { choicesOf, type TranscriptActivity } from '../simulator/transcript.js';
import type { DeliveryLogEntry } from '../simulator/webhook-delivery.js';
import type { FrontAdapter, FrontContext, TestChatAdapter } from './fronts.js';
import { type KnownTemplate, type ReceivedMessage, toReceivedMessage } from './received-message.js';

/** What the simulator the kit runs does differently from its defaults. */
export interface TestSimulatorOptions {
  /** Templates of the adapter's `templates` left PENDING (not approved): sends of them fail 2001. */
  unapprovedTemplates?: string[];
  /** When the virtual clock starts; now by default. It only moves with `chat.advance()`. */
  start?: Instant;
  /** When statuses follow a send, in virtual ms; all at once by default, stopping at `delivered`. */
  schedule?: Partial<StatusSchedule>;
  /** The customer-service window; WhatsApp's 24 hours by default. */
  windowMs?: number;
  /** Numbers that are not on WhatsApp: sends to them fail with 302. */
  notOnWhatsapp?: string[];
}

/** What both fronts' test chats take. */
interface CommonOptions {
  /**
   * Adapter options; keys, the channel id, `apiBaseUrl`, `webhookUrl` and `fetch` are filled in.
   * Its `templates` are registered and approved in the simulator. `api: 'bird'` runs the bot
   * over the simulator's Bird face (Channels API; `workspaceId` filled in too).
   */
  adapter?: Partial<MessageBirdAdapterOptions<ApiName>>;
  /** Simulator settings. */
  simulator?: TestSimulatorOptions;
  /** Run the simulator and the bot on 127.0.0.1 ports instead of in memory; false by default. */
  sockets?: boolean;
}

/** A botbuilder bot: `logic` is what `adapter.handle(request, logic)` runs. */
export interface BotbuilderTestChatOptions extends CommonOptions {
  front?: 'botbuilder';
  logic: (context: FrontContext<'botbuilder'>) => Promise<unknown> | unknown;
}

/** An Agents SDK agent: `logic` is typically `(context) => app.run(context)`. */
export interface AgentsTestChatOptions extends CommonOptions {
  front: 'agents';
  logic: (context: FrontContext<'agents'>) => Promise<unknown> | unknown;
}

/** What `createTestChat` takes. */
export type TestChatOptions = BotbuilderTestChatOptions | AgentsTestChatOptions;

/** A delivery status the bot was told of (a `messagebird/status` event activity). */
export interface TestStatus {
  messageId: string;
  status: string;
  error?: { code: number; description?: string };
}

/** How far `chat.advance()` moves the virtual clock. */
export interface Duration {
  hours?: number;
  minutes?: number;
  seconds?: number;
}

/** A WhatsApp contact talking to the bot. Each action resolves once everything it caused is done. */
export interface TestContact {
  /** E.164, such as `+5511987654321`. */
  readonly phone: string;
  /** The contact's WhatsApp display name. */
  readonly name: string;
  /** What the contact received from the bot, oldest first; statuses are live. */
  readonly messages: readonly ReceivedMessage[];
  /** The newest message the contact received, if any. */
  lastMessage(): ReceivedMessage | undefined;
  /** Writes a text; resolves with what the bot sent back. */
  says(text: string): Promise<ReceivedMessage[]>;
  /** Taps a reply button or list row of the newest interactive message, by its title. */
  taps(title: string): Promise<ReceivedMessage[]>;
  /** Sends a picture. */
  sendsImage(url: string, options?: { caption?: string }): Promise<ReceivedMessage[]>;
  /** Sends a video. */
  sendsVideo(url: string, options?: { caption?: string }): Promise<ReceivedMessage[]>;
  /** Sends a voice message or audio file. */
  sendsAudio(url: string): Promise<ReceivedMessage[]>;
  /** Sends a document. */
  sendsFile(url: string, options?: { caption?: string }): Promise<ReceivedMessage[]>;
  /** Shares a location. */
  sendsLocation(latitude: number, longitude: number): Promise<ReceivedMessage[]>;
  /** Sends any WhatsApp message as MessageBird's webhook carries it (`type` and `content`). */
  sends(
    type: string,
    content: Record<string, unknown>,
    options?: { replyTo?: string },
  ): Promise<ReceivedMessage[]>;
}

/** A bot behind the adapter and the simulator, for tests. */
export interface TestChat<Adapter> {
  /** The adapter the bot runs on (for proactive turns and templates). */
  readonly adapter: Adapter;
  /** The simulator (its `app`, `clock`, `deliveries()`…). */
  readonly simulator: Simulator;
  /** The virtual clock: give it to a bot that schedules things. */
  readonly clock: Clock;
  /** The delivery statuses the bot was told of, oldest first. */
  readonly statuses: readonly TestStatus[];
  /** A contact, by phone number (any form), with a display name. The same number gives the same contact. */
  contact(phone: string, options?: { name?: string }): TestContact;
  /** Moves the virtual clock; resolves once the webhooks and turns it caused are done. */
  advance(duration: Duration): Promise<void>;
  /** A contact's conversation as a Bot Framework transcript (a JSON array of activities). */
  transcript(contact: TestContact | string): TranscriptActivity[];
  /** Stops the adapter and the simulator. */
  close(): Promise<void>;
}

/** What the kit needs of either front's adapter. */
interface RunningFront extends TestChatAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: the front's context, either SDK's
  handle(request: Request, logic: (context: any) => Promise<void>): Promise<Response>;
}

const IN_MEMORY_API = 'https://messagebird.test/v1';
const IN_MEMORY_BIRD_API = 'https://bird.test';
const IN_MEMORY_WEBHOOK = 'https://bot.test/api/messages';
/** The Bird events a Bird test chat subscribes to. */
const BIRD_EVENTS = ['whatsapp.inbound', 'whatsapp.outbound'];
const ALL_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
];

/**
 * Runs a bot behind the adapter of its front (botbuilder's `MessageBirdAdapter` by default, the
 * Agents SDK's with `front: 'agents'`) against the simulator: in memory (webhooks reach
 * `adapter.handle` through the simulator's `fetch`, API calls reach the simulator's `app.fetch`,
 * still signed and verified), or on 127.0.0.1 ports with `sockets: true`. A contact then talks to
 * the bot as on WhatsApp. A turn error (the bot's own, a `WindowClosedError`, an unsupported
 * activity) rejects the action that caused it, with its stack.
 *
 * @example
 * const chat = await createTestChat({ logic: (context) => bot.run(context) });
 * const ana = chat.contact('+5511987654321', { name: 'Ana' });
 * await ana.says('hi');
 * ana.lastMessage()?.text;
 * await chat.close();
 */
export function createTestChat(
  options: BotbuilderTestChatOptions,
): Promise<TestChat<FrontAdapter<'botbuilder'>>>;
export function createTestChat(
  options: AgentsTestChatOptions,
): Promise<TestChat<FrontAdapter<'agents'>>>;
export async function createTestChat(options: TestChatOptions): Promise<TestChat<TestChatAdapter>> {
  if (typeof options?.logic !== 'function') {
    throw new TypeError('createTestChat: give logic, such as (context) => bot.run(context)');
  }
  const given = options.adapter ?? {};
  const simOptions = options.simulator ?? {};
  const bird = given.api === 'bird';
  const keys = {
    accessKey: given.accessKey ?? 'test_kit_access_key',
    signingKey: given.signingKey ?? 'test_kit_signing_key',
    channelId:
      given.channelId ?? (bird ? DEFAULT_BIRD_CHANNEL_ID : '2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6'),
  };
  const workspaceId = given.workspaceId ?? DEFAULT_BIRD_WORKSPACE_ID;
  const clock = createClock({
    mode: 'manual',
    ...(simOptions.start ? { start: simOptions.start } : {}),
  });
  const templates = (given.templates ?? []).map(knownTemplate);

  const turnErrors: unknown[] = [];
  const statuses: TestStatus[] = [];
  const payloads = new Map<string, unknown>();
  const received = new Map<string, ReceivedMessage>();
  /** The interactive part of each interactive message sent, as WhatsApp shows it (both APIs). */
  const interactiveParts = new Map<
    string,
    { part: Parameters<typeof choicesOf>[0]; recordId: string }
  >();
  const byContact = new Map<string, ReceivedMessage[]>();
  /** Webhook deliveries the bot did not answer 2xx, oldest first (the simulator's log is capped). */
  const failedDeliveries: DeliveryLogEntry[] = [];
  let inFlight = 0;
  let activity = 0;

  // biome-ignore lint/suspicious/noExplicitAny: the front's context, either SDK's
  const run = async (context: any): Promise<void> => {
    const incoming = context.activity as { type?: string; name?: string; value?: unknown };
    if (incoming.type === 'event' && incoming.name === STATUS_EVENT_NAME) {
      const value = incoming.value as StatusValue;
      statuses.push({
        messageId: value.messageId,
        status: value.status,
        ...(value.error ? { error: value.error } : {}),
      });
    }
    await options.logic(context);
  };

  let adapter: RunningFront | undefined;
  const handle = (request: Request): Promise<Response> => {
    if (!adapter) return Promise.resolve(new Response('starting', { status: 503 }));
    return adapter.handle(request, run);
  };
  /** The adapter's in-process entry: the pipeline `handle` runs, without Request and Response. */
  let deliver: InProcessEntry | undefined;

  const simulatorBase = {
    accessKey: keys.accessKey,
    signingKey: keys.signingKey,
    ...(bird
      ? {
          birdChannelId: keys.channelId,
          birdWorkspaceId: workspaceId,
          birdRateLimits: false as const,
        }
      : { channelId: keys.channelId }),
    clock,
    schedule: { pending: 0, sent: 0, delivered: 0, read: null, failed: 0, ...simOptions.schedule },
    webhookRetry: { attempts: 1, timeoutMs: 120_000 },
    ...(simOptions.windowMs !== undefined ? { windowMs: simOptions.windowMs } : {}),
    ...(simOptions.notOnWhatsapp ? { notOnWhatsapp: simOptions.notOnWhatsapp } : {}),
  };
  let simulator: Simulator;
  let apiBaseUrl = bird ? IN_MEMORY_BIRD_API : IN_MEMORY_API;
  let webhookUrl = IN_MEMORY_WEBHOOK;
  let apiFetch: typeof fetch;
  let stopServer = async () => {};
  if (options.sockets) {
    const running = await startSimulator(simulatorBase);
    simulator = running;
    apiBaseUrl = bird ? running.url : `${running.url}/v1`;
    apiFetch = globalThis.fetch;
    const { serve } = await import('@hono/node-server');
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: handle, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
      started.once('error', reject);
    });
    const port = (server.address() as { port: number }).port;
    webhookUrl = `http://127.0.0.1:${port}/api/messages`;
    stopServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
  } else {
    simulator = createSimulator({
      ...simulatorBase,
      // Webhooks go through the adapter's pipeline (body limit, signature, schema, duplicates, the
      // turn) as `handle` runs it, minus the Request's and the Response's web streams: the
      // simulator reads only the answer's status.
      fetch: async (input, init) => {
        const body = init?.body;
        const plain =
          body === undefined ||
          body === null ||
          typeof body === 'string' ||
          body instanceof Uint8Array;
        if (!deliver || typeof input !== 'string' || !plain) {
          return handle(new Request(input, init));
        }
        const answer = await deliver(
          { method: init?.method ?? 'GET', url: input, headers: init?.headers, body },
          run,
        );
        return new Response(null, { status: answer.status, headers: answer.headers });
      },
    });
    // The simulator's routes never look at a request's signal (nor did they when it was given):
    // a Request without it does not follow the adapter's timeout signal with a signal of its own.
    apiFetch = async (input, init) => {
      const { signal: _timeout, ...rest } = init ?? {};
      return simulator.app.fetch(new Request(input, rest));
    };
  }
  const sim = simulator;

  // What contacts receive, with live statuses; the request each came from.
  sim.subscribe((event) => {
    activity += 1;
    if (event.type === 'delivery') {
      const entry = event.data as DeliveryLogEntry;
      if (!entry.ok) failedDeliveries.push(entry);
      return;
    }
    if (event.type !== 'message.created' && event.type !== 'message.updated') return;
    const message = (event.data as { message?: RenderedMessage }).message;
    if (message?.direction !== 'sent') return;
    const known = received.get(message.id);
    if (known) {
      known.status = message.status;
      if (message.error) known.error = message.error;
      return;
    }
    const shown = toReceivedMessage(message, templates);
    // The bot knows a message by the id its API answered: on Bird, the record's id dashed.
    if (bird) shown.id = toBirdId(message.id);
    if (message.type === 'interactive') {
      const part = (message.content as { interactive?: Parameters<typeof choicesOf>[0] })
        .interactive;
      if (part) interactiveParts.set(shown.id, { part, recordId: message.id });
    }
    const payload = payloads.get(message.id);
    if (payload !== undefined) shown.payload = payload;
    received.set(message.id, shown);
    const list = byContact.get(message.to) ?? [];
    list.push(shown);
    byContact.set(message.to, list);
  });

  const trackedFetch: typeof fetch = async (input, init) => {
    inFlight += 1;
    try {
      let response = await apiFetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const send = bird ? url.endsWith('/messages') : url.endsWith('/send');
      if (init?.method === 'POST' && send && response.status < 300) {
        // Read once: the adapter gets the same answer in a new Response (a clone tees the stream).
        const text = await response.text();
        response = new Response(response.body === null ? null : text, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        const answer = JSON.parse(text) as { id?: string };
        if (answer.id && typeof init.body === 'string') {
          const payload = JSON.parse(init.body) as unknown;
          // A message's Bird id is its id in the simulator's store, dashed.
          const id = (bird ? fromBirdId(answer.id) : undefined) ?? answer.id;
          payloads.set(id, payload);
          const shown = received.get(id);
          if (shown) shown.payload = payload;
        }
      }
      return response;
    } finally {
      inFlight -= 1;
    }
  };

  const adapterOptions = {
    logger: silentLogger,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 },
    // A test sends faster than MessageBird allows; waiting for real time here would only slow it.
    rateLimit: { perSecond: 1_000_000, maxConcurrent: 1_000 },
    ...given,
    ...keys,
    ...(bird ? { workspaceId } : {}),
    apiBaseUrl,
    webhookUrl,
    fetch: trackedFetch,
  } as MessageBirdAdapterOptions<ApiName>;
  try {
    if (options.front === 'agents') {
      const { MessageBirdAgentsAdapter } = await import('../agents/messagebird-agents-adapter.js');
      const agents = new MessageBirdAgentsAdapter(adapterOptions);
      agents.onTurnError = async (_context, error) => {
        turnErrors.push(error);
        throw error;
      };
      adapter = agents;
    } else {
      const { MessageBirdAdapter } = await import('../adapter/messagebird-adapter.js');
      const botbuilder = new MessageBirdAdapter(adapterOptions);
      botbuilder.onTurnError = async (_context, error) => {
        turnErrors.push(error);
        throw error;
      };
      adapter = botbuilder;
    }
    if (!options.sockets) deliver = inProcessEntry(adapter);
    await setUpAccount(sim, {
      ...keys,
      bird: bird ? { workspaceId } : undefined,
      webhookUrl,
      templates,
      unapproved: simOptions.unapprovedTemplates ?? [],
    });
  } catch (error) {
    await adapter?.close();
    await stopServer();
    await sim.close();
    throw error;
  }
  const ready = adapter;

  /**
   * Waits until nothing is left to do: no delivery queued, no API call in flight, and no event
   * during two turns of the event loop. (A timer's turn instead of the second would cost a
   * millisecond a call: Node waits at least that long for any timer.)
   */
  const settle = async (): Promise<void> => {
    for (;;) {
      const before = activity;
      await sim.idle();
      await new Promise((resolve) => setImmediate(resolve));
      if (inFlight > 0 || activity !== before) continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (inFlight === 0 && activity === before) return;
    }
  };

  /** Runs an action, waits for what it caused, and rejects with the first turn error it caused. */
  const act = async (action: () => void): Promise<void> => {
    const errorsBefore = turnErrors.length;
    const failuresBefore = failedDeliveries.length;
    action();
    await settle();
    if (turnErrors.length > errorsBefore) throw turnErrors[errorsBefore];
    const failed = failedDeliveries[failuresBefore];
    if (failed) {
      throw new Error(
        `the bot answered the ${failed.event} webhook ${failed.status ?? failed.error ?? 'with an error'}`,
      );
    }
  };

  const contacts = new Map<string, TestContact>();
  const contact = (phoneGiven: string, contactOptions: { name?: string } = {}): TestContact => {
    const phone = toE164(phoneGiven);
    const existing = contacts.get(phone);
    if (existing) return existing;
    const name = contactOptions.name ?? phone;
    const messages = (): ReceivedMessage[] => byContact.get(phone) ?? [];
    const write = async (
      type: string,
      content: Record<string, unknown>,
      replyTo?: string,
    ): Promise<ReceivedMessage[]> => {
      const before = messages().length;
      await act(() => {
        sim.inbound({ from: phone, displayName: name, type, content, replyTo });
      });
      return messages().slice(before);
    };
    const media = (kind: string, url: string, caption?: string) =>
      write(kind, { [kind]: { url, ...(caption !== undefined ? { caption } : {}) } });
    const created: TestContact = {
      phone,
      name,
      get messages() {
        return messages();
      },
      lastMessage: () => messages().at(-1),
      says: (text) => write('text', { text }),
      async taps(title) {
        const interactive = [...messages()].reverse().find((m) => m.buttons || m.rows);
        if (!interactive) {
          throw new Error(`${name} cannot tap "${title}": no message with buttons or a list came`);
        }
        const known = interactiveParts.get(interactive.id);
        const part = known?.part ?? { type: 'button' };
        const choices = choicesOf(part);
        const choice = choices.find((c) => c.title === title);
        if (!choice) {
          const kind = interactive.rows ? 'rows' : 'buttons';
          throw new Error(
            `${name} cannot tap "${title}": the newest interactive message ("${interactive.text ?? ''}") has the ${kind} ${choices.map((c) => `"${c.title}"`).join(', ')}`,
          );
        }
        const type = part.type === 'list' ? 'list_reply' : 'button_reply';
        return write(
          'interactive',
          { interactive: { type, reply: { id: choice.id, text: choice.title } } },
          known?.recordId ?? interactive.id,
        );
      },
      sendsImage: (url, o) => media('image', url, o?.caption),
      sendsVideo: (url, o) => media('video', url, o?.caption),
      sendsAudio: (url) => media('audio', url),
      sendsFile: (url, o) => media('file', url, o?.caption),
      sendsLocation: (latitude, longitude) =>
        write('location', { location: { latitude, longitude } }),
      sends: (type, content, o) => write(type, content, o?.replyTo),
    };
    contacts.set(phone, created);
    return created;
  };

  let closing: Promise<void> | undefined;
  return {
    adapter: ready,
    simulator: sim,
    clock,
    statuses,
    contact,
    async advance(duration) {
      const seconds =
        (duration.hours ?? 0) * 3600 + (duration.minutes ?? 0) * 60 + (duration.seconds ?? 0);
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError('advance: give hours, minutes or seconds, not negative');
      }
      await act(() => {
        sim.advance(seconds);
      });
    },
    transcript: (who) => sim.transcript(typeof who === 'string' ? toE164(who) : who.phone),
    close() {
      closing ??= (async () => {
        await settle().catch(() => {});
        await ready.close();
        await stopServer();
        await sim.close();
      })();
      return closing;
    },
  };
}

/** A template of the adapter's options: its text for the kit, its registration for the simulator. */
interface AccountTemplate extends KnownTemplate {
  language: string;
  /** The `POST /_sim/templates` body. */
  registration: Record<string, unknown>;
}

/** The `{{variable}}` or `{{1}}` placeholders of a Bird template's text. */
const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * A template definition of either API as the kit registers it. A Bird definition may leave out its
 * text (Bird keeps it in Studio): the kit then registers `name: {{1}}, {{2}}…`, one placeholder per
 * variable, and a `{{variable}}` text is registered by place, as the simulator takes it.
 */
function knownTemplate(
  definition: NonNullable<MessageBirdAdapterOptions<ApiName>['templates']>[number],
): AccountTemplate {
  if (!('projectId' in definition)) {
    const language = definition.language ?? 'en';
    return {
      name: definition.name,
      language,
      content: definition.content,
      registration: {
        name: definition.name,
        language,
        category: definition.category,
        content: definition.content,
        namespace: definition.namespace,
      },
    };
  }
  const variables = definition.variables ?? [];
  const language = (definition.language ?? 'en').replace('-', '_');
  const content =
    definition.content?.replace(VARIABLE, (whole, name: string) => {
      const place = variables.indexOf(name);
      return place < 0 ? whole : `{{${place + 1}}}`;
    }) ??
    (variables.length > 0
      ? `${definition.name}: ${variables.map((_, i) => `{{${i + 1}}}`).join(', ')}`
      : definition.name);
  return {
    name: definition.name,
    language,
    content,
    registration: {
      name: definition.name,
      language,
      category: definition.category ?? 'UTILITY',
      content,
      projectId: definition.projectId,
      ...(variables.length > 0 ? { variables } : {}),
      ...(definition.version && definition.version !== 'latest'
        ? { version: definition.version }
        : {}),
    },
  };
}

/**
 * Registers the bot's webhook (on Bird, its subscriptions to `whatsapp.inbound` and
 * `whatsapp.outbound`), and submits (and approves) the adapter's templates.
 */
async function setUpAccount(
  sim: Simulator,
  account: {
    accessKey: string;
    channelId: string;
    signingKey: string;
    bird: { workspaceId: string } | undefined;
    webhookUrl: string;
    templates: readonly AccountTemplate[];
    unapproved: readonly string[];
  },
): Promise<void> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await sim.app.request(path, {
      method,
      headers: {
        Authorization: `AccessKey ${account.accessKey}`,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`test chat set-up: ${method} ${path}: ${await response.text()}`);
    }
  };
  if (account.bird) {
    const path = `/organizations/${sim.bird.organizationId}/workspaces/${account.bird.workspaceId}/webhook-subscriptions`;
    for (const event of BIRD_EVENTS) {
      await call('POST', path, {
        service: 'channels',
        event,
        url: account.webhookUrl,
        signingKey: account.signingKey,
        eventFilters: [{ key: 'channelId', value: account.channelId }],
      });
    }
  } else {
    await call('POST', '/v1/webhooks', {
      channelId: account.channelId,
      url: account.webhookUrl,
      events: ALL_EVENTS,
    });
  }
  for (const template of account.templates) {
    await call('POST', '/_sim/templates', template.registration);
    if (!account.unapproved.includes(template.name)) {
      await call('POST', `/_sim/templates/${template.name}/${template.language}/approve`);
    }
  }
}
