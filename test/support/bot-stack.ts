import type { TurnContext } from 'botbuilder';
import { MessageBirdAdapter, type MessageBirdAdapterOptions } from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { createClock } from '../../src/simulator/clock.js';
import type { RenderedMessage } from '../../src/simulator/render.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/server.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from './adapter.js';
import { listen } from './servers.js';

/** A bot as samples write it: whatever `bot.run(context)` or a turn handler does. */
export type Logic = (context: TurnContext) => Promise<void>;

/** The simulator and a bot behind the adapter, as a user runs them, on sockets of 127.0.0.1. */
export interface BotStack {
  sim: RunningSimulator;
  adapter: MessageBirdAdapter;
  /** Errors the adapter's onTurnError saw, in order. */
  turnErrors: unknown[];
  /** The contact writes `text`; resolves once every webhook it caused was delivered. */
  say(phone: string, text: string): Promise<RenderedMessage>;
  /** The contact taps a reply button (or list row) of the interactive message `replyTo`. */
  tap(phone: string, replyTo: RenderedMessage, title: string): Promise<RenderedMessage>;
  /** What the contact sees from the bot (sent messages), oldest first. */
  sent(phone: string): Promise<RenderedMessage[]>;
  close(): Promise<void>;
}

/**
 * Starts the simulator (a real socket, a manual clock, statuses stopping at `delivered`) and the
 * bot on `adapter.process` behind a node:http server, with the default options a README user has
 * (plus test keys and quick retries), and registers the bot's webhook for every event.
 * `onTurnError` records the error and rethrows it, so the webhook is answered 500 as in production.
 */
export async function startBotStack(
  logic: Logic,
  options: Partial<MessageBirdAdapterOptions> = {},
): Promise<BotStack> {
  const sim = await startSimulator({
    ...KEYS,
    channelId: IDS.channelId,
    clock: createClock({ mode: 'manual' }),
    schedule: { read: null },
    webhookRetry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20, timeoutMs: 5_000 },
  });
  let adapter: MessageBirdAdapter | undefined;
  const server = await listen((req, res) => {
    void adapter?.process(req, res, logic);
  });
  adapter = new MessageBirdAdapter({
    ...KEYS,
    channelId: IDS.channelId,
    apiBaseUrl: `${sim.url}/v1`,
    webhookUrl: `${server.url}/api/messages`,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
    logger: silentLogger,
    ...options,
  });
  const turnErrors: unknown[] = [];
  adapter.onTurnError = async (_context, error) => {
    turnErrors.push(error);
    throw error;
  };
  const registered = await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      channelId: IDS.channelId,
      url: `${server.url}/api/messages`,
      events: [
        'message.created',
        'message.updated',
        'conversation.created',
        'conversation.updated',
      ],
    }),
  });
  if (registered.status !== 201) throw new Error(`webhook: ${await registered.text()}`);
  const ready = adapter;

  const write = async (
    phone: string,
    type: string,
    content: Record<string, unknown>,
    replyTo?: string,
  ) => {
    const message = sim.inbound({ from: phone, displayName: 'Ada', type, content, replyTo });
    await sim.idle();
    return message;
  };
  return {
    sim,
    adapter: ready,
    turnErrors,
    say: (phone, text) => write(phone, 'text', { text }),
    tap(phone, replyTo, title) {
      const interactive = (replyTo.content as { interactive: InteractiveContent }).interactive;
      const choices =
        interactive.type === 'button'
          ? (interactive.action.buttons ?? []).map((b) => ({ id: b.id, title: b.title }))
          : (interactive.action.sections ?? []).flatMap((s) => s.rows);
      const choice = choices.find((c) => c.title === title);
      if (!choice) throw new Error(`no button "${title}" in ${JSON.stringify(choices)}`);
      const reply = { id: choice.id, text: choice.title };
      const type = interactive.type === 'button' ? 'button_reply' : 'list_reply';
      return write(phone, 'interactive', { interactive: { type, reply } }, replyTo.id);
    },
    async sent(phone) {
      const response = await fetch(
        `${sim.url}/_sim/messages?contact=${encodeURIComponent(phone)}&direction=sent`,
      );
      return ((await response.json()) as { items: RenderedMessage[] }).items;
    },
    async close() {
      await server.close();
      await ready.close();
      await sim.close();
    },
  };
}

/** The interactive content the adapter sends, as far as tapping needs it. */
interface InteractiveContent {
  type: 'button' | 'list';
  action: {
    buttons?: { id: string; title: string }[];
    sections?: { rows: { id: string; title: string }[] }[];
  };
}
