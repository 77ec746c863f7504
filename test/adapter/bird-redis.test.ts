import { createHash, createHmac } from 'node:crypto';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter, WindowClosedError } from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  BIRD_IDS,
  BIRD_WINDOW_CLOSED_REASON,
  birdAccepted,
  birdInbound,
  birdOutbound,
} from '../payloads/index.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';

/*
 * Two Bird adapters (two instances of one bot) sharing Redis: the same stores as on the
 * Conversations API hold Bird's duplicates and windows across instances.
 */

let redis: TestRedis;
let a: MessageBirdAdapter;
let b: MessageBirdAdapter;
const posts: unknown[] = [];
const prefix = `bird-test-${crypto.randomUUID().slice(0, 8)}:`;

const fetch: typeof globalThis.fetch = async (_input, init) => {
  const body = JSON.parse(String(init?.body ?? '{}'));
  posts.push(body);
  return Response.json(birdAccepted(body), { status: 202 });
};

function instance() {
  const adapter = new MessageBirdAdapter({
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    accessKey: 'test_bird_access_key',
    signingKey: BIRD_IDS.signingKey,
    webhookUrl: BIRD_IDS.webhookUrl,
    logger: silentLogger,
    fetch,
    redis: { url: redis.url, prefix },
    rateLimit: { perSecond: 100, maxConcurrent: 5 },
  });
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return adapter;
}

beforeAll(async () => {
  redis = await startRedis();
  a = instance();
  b = instance();
}, 30_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.stop();
});

function signed(payload: unknown, ageSeconds = 0): Request {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds);
  const signature = createHmac('sha256', BIRD_IDS.signingKey)
    .update(`${timestamp}\n${BIRD_IDS.webhookUrl}\n`)
    .update(createHash('sha256').update(body).digest())
    .digest('base64');
  return new Request(BIRD_IDS.webhookUrl, {
    method: 'POST',
    body,
    headers: { 'messagebird-signature': signature, 'messagebird-request-timestamp': timestamp },
  });
}

let turns = 0;
const logic = async (context: TurnContext) => {
  if (context.activity.type === 'message') turns++;
};

const reference: Partial<ConversationReference> = {
  user: { id: BIRD_IDS.phone, name: BIRD_IDS.phone },
  conversation: {
    id: `${BIRD_IDS.channelId}:${BIRD_IDS.phone}`,
    isGroup: false,
    conversationType: 'personal',
    name: BIRD_IDS.phone,
  },
};

async function send(adapter: MessageBirdAdapter, text: string) {
  let thrown: unknown;
  await adapter.continueConversationAsync('', reference, async (context: TurnContext) => {
    try {
      await context.sendActivity(text);
    } catch (error) {
      thrown = error;
    }
  });
  return thrown;
}

describe('Bird on two instances sharing Redis', () => {
  it('runs a delivery once, whichever instance Bird’s retry reaches', async () => {
    const payload = birdInbound(
      { type: 'text', text: { text: 'Hi' } },
      { id: crypto.randomUUID(), createdAt: new Date().toISOString() },
    );
    expect((await a.handle(signed(payload, 3 * 3600), logic)).status).toBe(200);
    const retry = await b.handle(signed(payload, 3 * 3600), logic);
    expect(await retry.json()).toEqual({ status: 'duplicate' });
    expect(turns).toBe(1);
  });

  it('shares the window: opened through one instance, closed through the other', async () => {
    // The contact wrote (the delivery above, through a): b may answer.
    expect(await send(b, 'Hello from b')).toBeUndefined();
    const failure = birdOutbound('sending_failed', {
      id: crypto.randomUUID(),
      reason: BIRD_WINDOW_CLOSED_REASON,
    });
    expect((await b.handle(signed(failure), logic)).status).toBe(200);
    const before = posts.length;
    expect(await send(a, 'Hello from a')).toBeInstanceOf(WindowClosedError);
    expect(posts.length).toBe(before);
  });
});
