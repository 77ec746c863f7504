import { MessageBirdAgentsAdapter } from '../agents/index.js';
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGNING_KEY,
  type RunningSimulator,
} from '../simulator/index.js';
import { adapterLogger } from './adapter-logger.js';
import { agentsSampleApp } from './agents-sample-bot.js';
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
import { sampleTemplates } from './templates.js';

/** The Agents SDK sample, running: the chat page's URL, the parts, and `close`. */
export interface RunningAgentsSample {
  /** The simulator's chat page: open it in a browser. */
  chatUrl: string;
  /** The bot's base URL. */
  botUrl: string;
  /** The URL the simulator posts webhooks to. */
  webhookUrl: string;
  simulator: RunningSimulator;
  adapter: MessageBirdAgentsAdapter;
  /** Stops the agent, the simulator and the adapter. Idempotent. */
  close(): Promise<void>;
}

/**
 * What `npm start -- --agents` starts: the simulator with its chat page and the same sample written
 * as a Microsoft 365 Agents SDK `AgentApplication`, on `MessageBirdAgentsAdapter`. No account, no
 * configuration; botbuilder is not loaded.
 *
 * @example
 * const sample = await startAgentsSample({ port: 0, simulatorPort: 0 });
 * console.log(`Chat with the agent at ${sample.chatUrl}`);
 */
export async function startAgentsSample(options: SampleOptions = {}): Promise<RunningAgentsSample> {
  const log = options.log ?? ((line: string) => console.log(line));
  const accessKey = options.simulator?.accessKey ?? DEFAULT_ACCESS_KEY;
  const signingKey = options.simulator?.signingKey ?? DEFAULT_SIGNING_KEY;
  const simulator = await startSimulatorOn(options);
  let server: Listening | undefined;
  let adapter: MessageBirdAgentsAdapter | undefined;
  let sample: ReturnType<typeof agentsSampleApp> | undefined;
  const stop = async () => {
    sample?.close();
    await simulator.close();
    await server?.close();
    await adapter?.close();
  };
  try {
    const app = botApp({
      webhook: async (request) => {
        if (!adapter || !sample) return new Response('starting', { status: 503 });
        const running = sample.app;
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
    adapter = new MessageBirdAgentsAdapter({
      accessKey,
      signingKey,
      channelId: simulator.channelId,
      channelName: 'Sample Coffee Bar',
      webhookUrl,
      apiBaseUrl: `${simulator.url}/v1`,
      templates: sampleTemplates(simulator.templateNamespace),
      logger: adapterLogger(log),
    });
    sample = agentsSampleApp({
      adapter,
      mediaBaseUrl: `${server.url}${BOT_PATHS.media}`,
      clock: simulator.clock,
      log,
      ...(options.reminderDelayMs !== undefined
        ? { reminderDelayMs: options.reminderDelayMs }
        : {}),
    });
    await prepareAccount(simulator, accessKey, webhookUrl);
    return {
      chatUrl: `${simulator.url}/`,
      botUrl: server.url,
      webhookUrl,
      simulator,
      adapter,
      close: once(stop),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
