import { MessageBirdAdapter } from '../adapter/index.js';
import { type RunningSampleBase, runSample, type SampleOptions } from './sample-account.js';
import { SampleBot } from './sample-bot.js';
import { turnErrorHandler } from './turn-error.js';

/** The sample, running: the chat page's URL, the parts, and `close`. */
export interface RunningSample extends RunningSampleBase {
  adapter: MessageBirdAdapter;
  bot: SampleBot;
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
  const { front, ...running } = await runSample(options, (setting) => {
    const adapter = new MessageBirdAdapter(setting.adapterOptions);
    adapter.onTurnError = turnErrorHandler(setting.bot.log);
    const bot = new SampleBot({ adapter, ...setting.bot });
    return {
      adapter,
      bot,
      handle: (request: Request) => adapter.handle(request, (context) => bot.run(context)),
      stop: () => bot.close(),
    };
  });
  return { ...running, adapter: front.adapter, bot: front.bot };
}
