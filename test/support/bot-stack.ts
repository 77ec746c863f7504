import type { TurnContext } from 'botbuilder';
import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from './adapter.js';
import { type SimStack, startSimStack } from './sim-stack.js';

/** A bot as samples write it: whatever `bot.run(context)` or a turn handler does. */
export type Logic = (context: TurnContext) => Promise<void>;

/** The simulator and a bot behind the botbuilder adapter, as a user runs them, on 127.0.0.1. */
export interface BotStack extends SimStack<MessageBirdAdapter> {
  /** Errors the adapter's onTurnError saw, in order. */
  turnErrors: unknown[];
}

/**
 * The simulator and the bot on `adapter.process` behind a node:http server, with the default
 * options a README user has (plus test keys and quick retries). `onTurnError` records the error
 * and rethrows it, so the webhook is answered 500 as in production.
 */
export async function startBotStack(
  logic: Logic,
  options: Partial<MessageBirdAdapterOptions> = {},
): Promise<BotStack> {
  const turnErrors: unknown[] = [];
  const stack = await startSimStack(({ apiBaseUrl, webhookUrl }) => {
    const adapter = new MessageBirdAdapter({
      ...KEYS,
      channelId: IDS.channelId,
      apiBaseUrl,
      webhookUrl,
      retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
      logger: silentLogger,
      ...options,
    });
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
      throw error;
    };
    return { adapter, process: (req, res) => void adapter.process(req, res, logic) };
  });
  return Object.assign(stack, { turnErrors });
}
