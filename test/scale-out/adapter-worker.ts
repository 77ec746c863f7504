/**
 * One bot instance for the scale-out tests, run in its own process: an adapter sharing Redis with
 * its siblings, an echo bot, a node:http server on 127.0.0.1. Talks to the test over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { MessageBirdAdapter } from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the scale-out worker needs ${name}`);
  return value;
}
const adapter = new MessageBirdAdapter({
  accessKey: need('ACCESS_KEY'),
  signingKey: need('SIGNING_KEY'),
  channelId: need('CHANNEL_ID'),
  apiBaseUrl: need('API_BASE_URL'),
  redis: { url: need('REDIS_URL'), prefix: need('PREFIX') },
  rateLimit: { perSecond: Number(need('PER_SECOND')), maxConcurrent: 5 },
  retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 3_000 },
  logger: silentLogger,
});
adapter.onTurnError = async (_context, error) => {
  throw error;
};

const send = (message: unknown) => process.send?.(message);

async function bot(context: TurnContext) {
  send({ event: 'turn', id: context.activity.id, type: context.activity.type });
  if (context.activity.type === 'message')
    await context.sendActivity(`${need('NAME')} heard: ${context.activity.text}`);
}

const server = createServer((req, res) => void adapter.process(req, res, bot));
server.listen(0, '127.0.0.1', () => {
  send({
    event: 'ready',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
  });
});

process.on(
  'message',
  async (message: { cmd: string; to?: string; count?: number; tag?: string }) => {
    if (message.cmd === 'send') {
      const results = await Promise.all(
        Array.from(
          { length: message.count ?? 1 },
          (_, i) =>
            new Promise<string>((resolve) => {
              adapter
                .continueConversationAsync(
                  '',
                  {
                    user: { id: message.to ?? '', name: '' },
                    conversation: {
                      id: 'c',
                      isGroup: false,
                      conversationType: 'personal',
                      name: '',
                    },
                  },
                  async (context) => {
                    try {
                      await context.sendActivity(`${need('NAME')} ${message.tag ?? ''} ${i}`);
                      resolve('sent');
                    } catch (error) {
                      resolve((error as { code?: string }).code ?? String(error));
                    }
                  },
                )
                .catch((error: unknown) => resolve(String(error)));
            }),
        ),
      );
      send({ event: 'sent', results });
    } else if (message.cmd === 'close') {
      server.close();
      await adapter.close();
      send({ event: 'closed' });
      process.exit(0);
    }
  },
);
