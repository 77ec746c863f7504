import { MessageBirdAgentsAdapter } from '../agents/index.js';
import { agentsSampleApp } from './agents-sample-bot.js';
import { type RunningSampleBase, runSample, type SampleOptions } from './sample-account.js';

/** The Agents SDK sample, running: the chat page's URL, the parts, and `close`. */
export interface RunningAgentsSample extends RunningSampleBase {
  adapter: MessageBirdAgentsAdapter;
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
  const { front, ...running } = await runSample(options, (setting) => {
    const adapter = new MessageBirdAgentsAdapter(setting.adapterOptions);
    const sample = agentsSampleApp({ adapter, ...setting.bot });
    return {
      adapter,
      handle: (request: Request) => adapter.handle(request, (context) => sample.app.run(context)),
      stop: () => sample.close(),
    };
  });
  return { ...running, adapter: front.adapter };
}
