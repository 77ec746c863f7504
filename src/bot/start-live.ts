import { type CredentialsReport, MessageBirdAdapter } from '../adapter/index.js';
import { adapterLogger } from './adapter-logger.js';
import { BOT_PATHS, botApp } from './bot-app.js';
import type { LiveConfig } from './env.js';
import { SampleStartError } from './errors.js';
import { listen } from './listen.js';
import { sampleMedia } from './media.js';
import { DEFAULT_BOT_PORT } from './sample-account.js';
import { SampleBot } from './sample-bot.js';
import { sampleTemplates } from './templates.js';
import { turnErrorHandler } from './turn-error.js';

/** The sample bot running against MessageBird. */
export interface RunningLive {
  /** Where the bot listens locally. */
  botUrl: string;
  /** The public URL MessageBird posts to. */
  webhookUrl: string;
  /** What the credentials check found. */
  credentials: CredentialsReport;
  /** Stops the bot and the adapter. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the sample bot against MessageBird's real API: checks the access key and channel id
 * first (a wrong one is refused here with what to fix), then serves the webhook. The simulator is
 * not started.
 *
 * @example
 * const live = await startLive(readStartConfig(process.env) as LiveConfig);
 */
export async function startLive(
  config: LiveConfig,
  log: (line: string) => void = (line) => console.log(line),
): Promise<RunningLive> {
  const adapter = new MessageBirdAdapter({
    accessKey: config.accessKey,
    channelId: config.channelId,
    signingKey: config.signingKey,
    webhookUrl: config.webhookUrl,
    ...(config.apiBaseUrl ? { apiBaseUrl: config.apiBaseUrl } : {}),
    templates: config.templateNamespace ? sampleTemplates(config.templateNamespace) : [],
    logger: adapterLogger(log),
  });
  adapter.onTurnError = turnErrorHandler(log);
  const credentials = await adapter.verifyCredentials();
  if (!credentials.ok) {
    await adapter.close();
    throw new SampleStartError('CREDENTIALS_REJECTED', credentials.problems.join(' '));
  }
  const bot = new SampleBot({
    adapter,
    mediaBaseUrl: `${new URL(config.webhookUrl).origin}${BOT_PATHS.media}`,
    reminderTemplate: config.templateNamespace !== undefined,
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
