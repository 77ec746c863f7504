import type { TurnContext } from 'botbuilder';
import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../src/adapter/index.js';
import type { SimulatorOptions } from '../../src/simulator/options.js';
import { startSimulator } from '../../src/simulator/server.js';
import { IDS } from '../payloads/index.js';
import { listen } from '../support/servers.js';
import { recordingLogger, SECRET_KEYS } from './support.js';

/**
 * The simulator and a bot behind the adapter, each on its own socket of 127.0.0.1, with a webhook
 * for all four events registered in the simulator.
 */
export async function startStack(
  bot: (context: TurnContext) => Promise<void>,
  options: { simulator?: SimulatorOptions; adapter?: Partial<MessageBirdAdapterOptions> } = {},
) {
  const sim = await startSimulator({
    ...SECRET_KEYS,
    channelId: IDS.channelId,
    webhookRetry: { attempts: 10, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 1_000 },
    ...options.simulator,
  });
  let webhookUrl = '';
  const server = await listen((req, res) => void adapter.process(req, res, bot));
  webhookUrl = `${server.url}/api/messages`;
  const adapter = new MessageBirdAdapter({
    ...SECRET_KEYS,
    channelId: IDS.channelId,
    apiBaseUrl: `${sim.url}/v1`,
    webhookUrl,
    logger: recordingLogger,
    rateLimit: { perSecond: 2_000, maxConcurrent: 50 },
    retry: { retries: 8, baseDelayMs: 5, maxDelayMs: 100, timeoutMs: 5_000 },
    ...options.adapter,
  });
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const response = await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: {
      Authorization: `AccessKey ${SECRET_KEYS.accessKey}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      channelId: IDS.channelId,
      url: webhookUrl,
      events: [
        'message.created',
        'message.updated',
        'conversation.created',
        'conversation.updated',
      ],
    }),
  });
  if (response.status !== 201)
    throw new Error(`webhook registration failed: ${await response.text()}`);
  return {
    sim,
    adapter,
    /** The conversation reference of a contact, for proactive sends. */
    reference: (phone: string, conversationId: string) => ({
      user: { id: phone, name: phone, role: 'user' },
      bot: { id: IDS.channelId, name: 'bot', role: 'bot' },
      conversation: {
        id: conversationId,
        isGroup: false,
        conversationType: 'personal',
        name: phone,
      },
    }),
    async close() {
      await server.close();
      await adapter.close();
      await sim.close();
    },
  };
}

/** A contact number for index i. */
export const contact = (i: number) => `+3165${String(1_000_000 + i).slice(-7)}`;
