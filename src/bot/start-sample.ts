import { MessageBirdAdapter } from '../adapter/index.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  type RunningSimulator,
} from '../simulator/index.js';
import { adapterLogger } from './adapter-logger.js';
import { BOT_PATHS, botApp } from './bot-app.js';
import { type Listening, listen } from './listen.js';
import { sampleMedia } from './media.js';
import {
  DEFAULT_BOT_PORT,
  once,
  prepareAccount,
  type SampleOptions,
  startSimulatorOn,
} from './sample-account.js';
import { SampleBot } from './sample-bot.js';
import { sampleTemplates } from './templates.js';
import { turnErrorHandler } from './turn-error.js';

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
    await prepareAccount(simulator, accessKey, webhookUrl);
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
