import { MessageBirdAdapter } from '../adapter/index.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../simulator/index.js';
import { adapterLogger } from './adapter-logger.js';
import { BOT_PATHS, botApp } from './bot-app.js';
import { SampleStartError } from './errors.js';
import { type Listening, listen } from './listen.js';
import { sampleMedia } from './media.js';
import { SampleBot } from './sample-bot.js';
import { sampleTemplates } from './templates.js';
import { turnErrorHandler } from './turn-error.js';

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

/** How `startSample` runs the bot and the simulator; every field is optional. */
export interface SampleOptions {
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

/** The sample, running: the chat page's URL, the parts, and `close`. */
export interface RunningSample {
  /** The simulator's chat page: open it in a browser. */
  chatUrl: string;
  /** The bot's base URL. */
  botUrl: string;
  /** The URL the simulator posts webhooks to. */
  webhookUrl: string;
  simulator: RunningSimulator;
  adapter: MessageBirdAdapter;
  bot: SampleBot;
  /** Stops the bot, the simulator and the adapter. Idempotent. */
  close(): Promise<void>;
}

async function simulatorCall(sim: RunningSimulator, path: string, body: unknown, key: string) {
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

async function startSimulatorOn(options: SampleOptions): Promise<RunningSimulator> {
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

/**
 * Starts what `npm start` starts without credentials: the simulator (with its chat page), the
 * sample bot on the adapter pointed at it, the bot's template submitted and approved, and the
 * bot's webhook registered. No account, no configuration.
 *
 * @example
 * const sample = await startSample({ port: 0, simulatorPort: 0 });
 * console.log(`Chat with the bot at ${sample.chatUrl}`);
 * await sample.close();
 */
export async function startSample(options: SampleOptions = {}): Promise<RunningSample> {
  const log = options.log ?? ((line: string) => console.log(line));
  const accessKey = options.simulator?.accessKey ?? DEFAULT_ACCESS_KEY;
  const signingKey = options.simulator?.signingKey ?? DEFAULT_SIGNING_KEY;
  const simulator = await startSimulatorOn(options);
  let server: Listening | undefined;
  let adapter: MessageBirdAdapter | undefined;
  let bot: SampleBot | undefined;
  const stop = async () => {
    bot?.close();
    await simulator.close();
    await server?.close();
    await adapter?.close();
  };
  try {
    const app = botApp({
      webhook: async (request) => {
        if (!adapter || !bot) return new Response('starting', { status: 503 });
        const running = bot;
        return adapter.handle(request, (context) => running.run(context));
      },
      media: sampleMedia(),
    });
    server = await listen(app, {
      port: options.port ?? DEFAULT_BOT_PORT,
      host: options.host ?? '127.0.0.1',
      portVariable: 'PORT',
      fallback: options.fallbackPorts !== false,
    });
    const webhookUrl = `${server.url}${BOT_PATHS.webhook}`;
    adapter = new MessageBirdAdapter({
      accessKey,
      signingKey,
      channelId: simulator.channelId,
      channelName: 'Sample Coffee Bar',
      webhookUrl,
      apiBaseUrl: `${simulator.url}/v1`,
      templates: sampleTemplates(simulator.templateNamespace),
      logger: adapterLogger(log),
    });
    adapter.onTurnError = turnErrorHandler(log);
    bot = new SampleBot({
      adapter,
      mediaBaseUrl: `${server.url}${BOT_PATHS.media}`,
      clock: simulator.clock,
      log,
      ...(options.reminderDelayMs !== undefined
        ? { reminderDelayMs: options.reminderDelayMs }
        : {}),
    });
    for (const template of sampleTemplates(simulator.templateNamespace)) {
      const { namespace: _namespace, ...submitted } = template;
      await simulatorCall(simulator, '/_sim/templates', submitted, accessKey);
      await simulatorCall(
        simulator,
        `/_sim/templates/${template.name}/${template.language}/approve`,
        {},
        accessKey,
      );
    }
    await simulatorCall(
      simulator,
      '/v1/webhooks',
      { channelId: simulator.channelId, events: WEBHOOK_EVENTS, url: webhookUrl },
      accessKey,
    );
    const running: RunningSample = {
      chatUrl: `${simulator.url}/`,
      botUrl: server.url,
      webhookUrl,
      simulator,
      adapter,
      bot,
      close: once(stop),
    };
    return running;
  } catch (error) {
    await stop();
    throw error;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}
