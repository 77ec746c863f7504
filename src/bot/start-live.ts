import {
  type ApiName,
  type CredentialsReport,
  MessageBirdAdapter,
  type MessageBirdAdapterOptions,
} from '../adapter/index.js';
import { adapterLogger } from './adapter-logger.js';
import { BOT_PATHS, botApp } from './bot-app.js';
import { ENV, type LiveConfig } from './env.js';
import { SampleStartError } from './errors.js';
import { listen } from './listen.js';
import { sampleMedia } from './media.js';
import { DEFAULT_BOT_PORT } from './sample-account.js';
import { SampleBot } from './sample-bot.js';
import { sampleBirdTemplates, sampleTemplates } from './templates.js';
import { turnErrorHandler } from './turn-error.js';

/** The sample bot running against MessageBird. */
export interface RunningLive {
  /** Where the bot listens locally. */
  botUrl: string;
  /** The public URL MessageBird (or Bird) posts to. */
  webhookUrl: string;
  /** Whether the reminder template is configured (a namespace, or on Bird a project id). */
  reminderTemplate: boolean;
  /** What the credentials check found. */
  credentials: CredentialsReport;
  /** Stops the bot and the adapter. Idempotent. */
  close(): Promise<void>;
}

/** The adapter options of a live configuration: MessageBird's Conversations API or Bird's. */
export function liveAdapterOptions(
  config: LiveConfig,
  log: (line: string) => void,
): MessageBirdAdapterOptions<ApiName> {
  const shared = {
    accessKey: config.accessKey,
    channelId: config.channelId,
    signingKey: config.signingKey,
    webhookUrl: config.webhookUrl,
    ...(config.apiBaseUrl ? { apiBaseUrl: config.apiBaseUrl } : {}),
    logger: adapterLogger(log),
  };
  if (config.api === 'bird') {
    return {
      ...shared,
      api: 'bird',
      workspaceId: config.workspaceId,
      templates: config.templateProjectId ? sampleBirdTemplates(config.templateProjectId) : [],
    };
  }
  return {
    ...shared,
    templates: config.templateNamespace ? sampleTemplates(config.templateNamespace) : [],
  };
}

/**
 * Starts the sample bot against the real API, MessageBird's Conversations API or Bird's Channels
 * API (`config.api`): checks the access key and channel first (a wrong one is refused here with
 * what to fix), then serves the webhook. The simulator is not started.
 *
 * @example
 * const live = await startLive(readStartConfig(process.env) as LiveConfig);
 */
export async function startLive(
  config: LiveConfig,
  log: (line: string) => void = (line) => console.log(line),
): Promise<RunningLive> {
  const adapter = new MessageBirdAdapter(liveAdapterOptions(config, log));
  const reminderTemplate =
    config.api === 'bird'
      ? config.templateProjectId !== undefined
      : config.templateNamespace !== undefined;
  adapter.onTurnError = turnErrorHandler(log);
  const credentials = await adapter.verifyCredentials();
  if (!credentials.ok) {
    await adapter.close();
    const where =
      config.api === 'bird'
        ? ` (npm start reads accessKey from ${ENV.accessKey}, workspaceId from ${ENV.birdWorkspaceId}, channelId from ${ENV.birdChannelId} or ${ENV.channelId}, apiBaseUrl from ${ENV.birdApiBaseUrl})`
        : '';
    throw new SampleStartError('CREDENTIALS_REJECTED', `${credentials.problems.join(' ')}${where}`);
  }
  const bot = new SampleBot({
    adapter,
    mediaBaseUrl: `${new URL(config.webhookUrl).origin}${BOT_PATHS.media}`,
    reminderTemplate,
    log,
  });
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(
      botApp({
        webhook: (request) => adapter.handle(request, (context) => bot.run(context)),
        media: sampleMedia(),
      }),
      {
        port: config.port ?? DEFAULT_BOT_PORT,
        host: config.host,
        portVariable: 'PORT',
        fallback: false,
      },
    );
  } catch (error) {
    await adapter.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    botUrl: server.url,
    webhookUrl: config.webhookUrl,
    reminderTemplate,
    credentials,
    close() {
      closing ??= (async () => {
        bot.close();
        await server.close();
        await adapter.close();
      })();
      return closing;
    },
  };
}
