/**
 * What both samples (botbuilder and the Agents SDK) share: their ports and options, the simulator
 * on a free port when the chosen one is busy, and the account they use in it (template, webhook).
 * Loads no bot SDK.
 */
import type { ApiName, MessageBirdAdapterOptions } from '../core/options.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../simulator/index.js';
import { adapterLogger } from './adapter-logger.js';
import { BOT_PATHS, botApp } from './bot-app.js';
import type { BusinessClock } from './business-clock.js';
import { SampleStartError } from './errors.js';
import { type Listening, listen } from './listen.js';
import { sampleMedia } from './media.js';
import { SAMPLE_BIRD_PROJECT_ID, sampleBirdTemplates, sampleTemplates } from './templates.js';

/** The bot's port unless `PORT` says otherwise. */
export const DEFAULT_BOT_PORT = 3978;
/** The simulator's port unless `SIMULATOR_PORT` says otherwise. */
export const DEFAULT_SIMULATOR_PORT = 4010;

/** The webhook events the sample bot subscribes to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
];

/** The Bird webhook events the sample bot subscribes to (one subscription each). */
export const BIRD_WEBHOOK_EVENTS = ['whatsapp.inbound', 'whatsapp.outbound'] as const;

/** How `startSample` runs the bot and the simulator; every field is optional. */
export interface SampleOptions {
  /**
   * The API the adapter speaks to the simulator: `conversations` (MessageBird's Conversations API
   * at `/v1`, the default) or `bird` (Bird's Channels API, `npm start -- --bird`).
   */
  api?: ApiName;
  /** The bot's port; 3978 by default, 0 for any free one. */
  port?: number;
  /** The simulator's port (the chat page's); 4010 by default, 0 for any free one. */
  simulatorPort?: number;
  /** The interface both listen on; 127.0.0.1 by default. */
  host?: string;
  /** Take free ports when the chosen ones are busy; true by default. */
  fallbackPorts?: boolean;
  /** More simulator options (clock, schedule, persistence…). */
  simulator?: SimulatorOptions;
  /** How long a reminder takes, on the simulator's clock; a day and five minutes by default. */
  reminderDelayMs?: number;
  /** Where the bot and the adapter log; `console.log` by default. */
  log?: (line: string) => void;
}

/** A call to the simulator as the sample's account; a 409 (already there) is fine. */
export async function simulatorCall(
  sim: RunningSimulator,
  path: string,
  body: unknown,
  key: string,
) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `AccessKey ${key}` },
    body: JSON.stringify(body),
  });
  if (!response.ok && response.status !== 409) {
    throw new Error(
      `the simulator refused ${path}: HTTP ${response.status} ${await response.text()}`,
    );
  }
}

/** The simulator on the chosen port, or a free one when that is busy (unless told not to). */
export async function startSimulatorOn(options: SampleOptions): Promise<RunningSimulator> {
  const port = options.simulatorPort ?? DEFAULT_SIMULATOR_PORT;
  const host = options.host ?? '127.0.0.1';
  try {
    return await startSimulator({ ...options.simulator, port, host });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    if (options.fallbackPorts === false) {
      throw new SampleStartError(
        'PORT_IN_USE',
        `port ${port} on ${host} is in use: stop what uses it, or set SIMULATOR_PORT to a free port (0 picks one)`,
      );
    }
    return startSimulator({ ...options.simulator, port: 0, host });
  }
}

/** Submits and approves the sample's template, and registers the bot's webhook, in the simulator. */
export async function prepareAccount(
  simulator: RunningSimulator,
  accessKey: string,
  webhookUrl: string,
): Promise<void> {
  for (const template of sampleTemplates(simulator.templateNamespace)) {
    const { namespace: _namespace, ...submitted } = template;
    await simulatorCall(simulator, '/_sim/templates', submitted, accessKey);
    await approve(simulator, template, accessKey);
  }
  await simulatorCall(
    simulator,
    '/v1/webhooks',
    { channelId: simulator.channelId, events: WEBHOOK_EVENTS, url: webhookUrl },
    accessKey,
  );
}

async function approve(
  simulator: RunningSimulator,
  template: { name: string; language: string },
  accessKey: string,
): Promise<void> {
  await simulatorCall(
    simulator,
    `/_sim/templates/${template.name}/${template.language}/approve`,
    {},
    accessKey,
  );
}

/** The path of the simulator's Bird webhook subscriptions. */
export function birdSubscriptionsPath(simulator: RunningSimulator): string {
  const { organizationId, workspaceId } = simulator.bird;
  return `/organizations/${organizationId}/workspaces/${workspaceId}/webhook-subscriptions`;
}

/**
 * What `npm start -- --bird` sets up in the simulator's Bird face: the reminder template in its
 * Studio project (`projectId`, and `variables` naming `{{1}}` and `{{2}}`), approved, and one
 * webhook subscription per event (`whatsapp.inbound`, `whatsapp.outbound`) for the bot's URL,
 * filtered to the channel and signed with `signingKey`, as a bot's owner creates them in Bird. A
 * subscription already there (a persisted simulator) is not made twice.
 */
export async function prepareBirdAccount(
  simulator: RunningSimulator,
  keys: { accessKey: string; signingKey: string },
  webhookUrl: string,
  projectId: string = SAMPLE_BIRD_PROJECT_ID,
): Promise<void> {
  for (const template of sampleBirdTemplates(projectId)) {
    const { version: _version, ...submitted } = template;
    await simulatorCall(simulator, '/_sim/templates', submitted, keys.accessKey);
    await approve(simulator, template, keys.accessKey);
  }
  const path = birdSubscriptionsPath(simulator);
  const listed = await fetch(`${simulator.url}${path}?limit=100`, {
    headers: { Authorization: `AccessKey ${keys.accessKey}` },
  });
  if (!listed.ok) {
    throw new Error(
      `the simulator refused GET ${path}: HTTP ${listed.status} ${await listed.text()}`,
    );
  }
  const existing = ((await listed.json()) as { results: SubscriptionSeen[] }).results;
  const channelFilter = { key: 'channelId', value: simulator.bird.channelId };
  for (const event of BIRD_WEBHOOK_EVENTS) {
    const there = existing.some(
      (s) =>
        s.event === event &&
        s.url === webhookUrl &&
        s.eventFilters?.some((f) => f.key === channelFilter.key && f.value === channelFilter.value),
    );
    if (there) continue;
    await simulatorCall(
      simulator,
      path,
      {
        service: 'channels',
        event,
        url: webhookUrl,
        signingKey: keys.signingKey,
        eventFilters: [channelFilter],
      },
      keys.accessKey,
    );
  }
}

interface SubscriptionSeen {
  event: string;
  url: string;
  eventFilters?: { key: string; value: string }[];
}

/** Runs `fn` once; later calls answer the first call's promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}

/** What a front is given to make its adapter and bot: the sample's adapter options and bot options. */
export interface SampleSetting {
  /**
   * The adapter options of the sample: the simulator's keys and channel, the webhook URL, the
   * template; with `api: 'bird'`, the simulator's Bird workspace and channel.
   */
  adapterOptions: MessageBirdAdapterOptions<ApiName>;
  /** What both sample bots take besides their adapter. */
  bot: SampleBotSetting;
}

/** The options both sample bots (botbuilder and Agents SDK) take besides their adapter. */
export interface SampleBotSetting {
  /** Where the bot's media are served. */
  mediaBaseUrl: string;
  /** The simulator's clock, for reminders. */
  clock: BusinessClock;
  /** Where the bot writes what happens. */
  log: (line: string) => void;
  /** How long before a reminder; the bots' default when absent. */
  reminderDelayMs?: number;
}

/** What a front makes: its adapter, how it handles a webhook, and how its bot stops. */
export interface SampleFront<A extends { close(): Promise<void> }> {
  adapter: A;
  /** Handles one MessageBird webhook: `(request) => adapter.handle(request, logic)`. */
  handle(request: Request): Promise<Response>;
  /** Stops the bot's own timers (reminders). */
  stop(): void;
}

/** A sample, running: the chat page's URL, its simulator, and `close`. */
export interface RunningSampleBase {
  /** The API the adapter speaks to the simulator. */
  api: ApiName;
  /**
   * The API's base path the adapter calls: `${simulator.url}/v1`, or on Bird
   * `${simulator.url}/workspaces/{workspaceId}/channels/{channelId}`.
   */
  apiUrl: string;
  /** The simulator's chat page: open it in a browser. */
  chatUrl: string;
  /** The bot's base URL. */
  botUrl: string;
  /** The URL the simulator posts webhooks to. */
  webhookUrl: string;
  simulator: RunningSimulator;
  /** Stops the bot, the simulator and the adapter. Idempotent. */
  close(): Promise<void>;
}

/** What `runSample` answers: the running sample and what the front made. */
export interface RunningSampleOf<F> extends RunningSampleBase {
  front: F;
}

/**
 * Starts a sample on either front: the simulator (with its chat page), the bot's HTTP app, the
 * adapter and bot that `makeFront` makes with the sample's options, the template approved and the
 * webhook registered (with `api: 'bird'`, on the simulator's Bird face: the template in its
 * project and two webhook subscriptions). No account, no configuration.
 */
export async function runSample<A extends { close(): Promise<void> }, F extends SampleFront<A>>(
  options: SampleOptions,
  makeFront: (setting: SampleSetting) => F,
): Promise<RunningSampleOf<F>> {
  const log = options.log ?? ((line: string) => console.log(line));
  const api = options.api ?? 'conversations';
  const accessKey = options.simulator?.accessKey ?? DEFAULT_ACCESS_KEY;
  const signingKey = options.simulator?.signingKey ?? DEFAULT_SIGNING_KEY;
  const simulator = await startSimulatorOn(options);
  let server: Listening | undefined;
  let front: F | undefined;
  const stop = async () => {
    front?.stop();
    await simulator.close();
    await server?.close();
    await front?.adapter.close();
  };
  try {
    const app = botApp({
      webhook: async (request) =>
        front ? front.handle(request) : new Response('starting', { status: 503 }),
      media: sampleMedia(),
    });
    server = await listen(app, {
      port: options.port ?? DEFAULT_BOT_PORT,
      host: options.host ?? '127.0.0.1',
      portVariable: 'PORT',
      fallback: options.fallbackPorts !== false,
    });
    const webhookUrl = `${server.url}${BOT_PATHS.webhook}`;
    const shared = {
      accessKey,
      signingKey,
      channelName: 'Sample Coffee Bar',
      webhookUrl,
      logger: adapterLogger(log),
    };
    const adapterOptions: MessageBirdAdapterOptions<ApiName> =
      api === 'bird'
        ? {
            ...shared,
            api: 'bird',
            workspaceId: simulator.bird.workspaceId,
            channelId: simulator.bird.channelId,
            apiBaseUrl: simulator.url,
            templates: sampleBirdTemplates(SAMPLE_BIRD_PROJECT_ID),
          }
        : {
            ...shared,
            channelId: simulator.channelId,
            apiBaseUrl: `${simulator.url}/v1`,
            templates: sampleTemplates(simulator.templateNamespace),
          };
    front = makeFront({
      adapterOptions,
      bot: {
        mediaBaseUrl: `${server.url}${BOT_PATHS.media}`,
        clock: simulator.clock,
        log,
        ...(options.reminderDelayMs !== undefined
          ? { reminderDelayMs: options.reminderDelayMs }
          : {}),
      },
    });
    if (api === 'bird') {
      await prepareBirdAccount(simulator, { accessKey, signingKey }, webhookUrl);
    } else {
      await prepareAccount(simulator, accessKey, webhookUrl);
    }
    return {
      api,
      apiUrl:
        api === 'bird'
          ? `${simulator.url}/workspaces/${simulator.bird.workspaceId}/channels/${simulator.bird.channelId}`
          : `${simulator.url}/v1`,
      chatUrl: `${simulator.url}/`,
      botUrl: server.url,
      webhookUrl,
      simulator,
      front,
      close: once(stop),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
