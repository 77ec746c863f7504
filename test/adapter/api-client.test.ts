import { afterEach, describe, expect, it } from 'vitest';
import {
  DeliveryUnknownError,
  MessageBirdApiError,
  RetriesExhaustedError,
} from '../../src/adapter/index.js';
import { MessageBirdClient } from '../../src/core/api-client.js';
import { silentLogger } from '../../src/core/logger.js';
import type { SendRequest } from '../../src/messagebird/requests.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import {
  defaultAnswer,
  type FakeMessageBird,
  startFakeMessageBird,
} from '../support/fake-messagebird.js';

let fake: FakeMessageBird | undefined;
let client: MessageBirdClient | undefined;

afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

function clientFor(apiBaseUrl: string, timeoutMs = 2_000) {
  client = new MessageBirdClient({
    accessKey: KEYS.accessKey,
    apiBaseUrl,
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs },
    logger: silentLogger,
  });
  return client;
}

const text = (n: number, to: string = IDS.phone): SendRequest => ({
  to,
  from: IDS.channelId,
  type: 'text',
  content: { text: `message ${n}` },
});

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

function messagesPage(items: { id: string; trackId: string }[]) {
  return {
    offset: 0,
    limit: 20,
    count: items.length,
    totalCount: items.length,
    items: items.map((m) => ({
      id: m.id,
      conversationId: IDS.conversationId,
      channelId: IDS.channelId,
      direction: 'sent',
      status: 'accepted',
      type: 'text',
      content: { text: 'message 1' },
      createdDatetime: '2026-03-02T09:20:09Z',
      trackId: m.trackId,
    })),
  };
}

describe('MessageBirdClient retries', () => {
  it('retries a 503 and succeeds', async () => {
    fake = await startFakeMessageBird((r, i) =>
      i === 0 ? { status: 503, body: {} } : defaultAnswer(r),
    );
    const { id } = await clientFor(fake.apiBaseUrl).send(text(1));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.sends()).toHaveLength(2);
  });

  it('waits at least the Retry-After of a 429', async () => {
    const arrivals: number[] = [];
    fake = await startFakeMessageBird((r, i) => {
      arrivals.push(Date.now());
      return i === 0
        ? {
            status: 429,
            body: { errors: [{ code: 429, description: 'Too many requests' }] },
            headers: { 'Retry-After': '1' },
          }
        : defaultAnswer(r);
    });
    await clientFor(fake.apiBaseUrl).send(text(1));
    expect(arrivals).toHaveLength(2);
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up with RetriesExhaustedError after retries + 1 attempts', async () => {
    fake = await startFakeMessageBird(() => ({
      status: 503,
      body: { errors: [{ code: 0, description: 'down' }] },
    }));
    const error = await failure(clientFor(fake.apiBaseUrl).send(text(1)));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).toBe(4);
    expect(fake.sends()).toHaveLength(4);
  });

  it('retries when nothing listens (the request never left)', async () => {
    const closed = await startFakeMessageBird();
    const url = closed.apiBaseUrl;
    await closed.close();
    const error = await failure(clientFor(url).send(text(1)));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('does not repeat a send whose connection broke after it was written', async () => {
    fake = await startFakeMessageBird(() => ({ status: 202, drop: true }));
    const error = await failure(clientFor(fake.apiBaseUrl).send(text(1), 'track-1'));
    expect(error).toBeInstanceOf(DeliveryUnknownError);
    expect((error as DeliveryUnknownError).trackId).toBe('track-1');
    expect(fake.sends()).toHaveLength(1);
  });

  it('looks a broken send up by trackId and does not repeat it when MessageBird has it', async () => {
    const stored: { id: string; trackId: string }[] = [];
    fake = await startFakeMessageBird((r) => {
      if (r.method === 'POST') {
        stored.push({ id: 'f00df00df00df00df00df00df00df00d', trackId: r.body.trackId });
        return { status: 202, drop: true };
      }
      return { status: 200, body: messagesPage(stored) };
    });
    const { id } = await clientFor(fake.apiBaseUrl).send(text(1), 'track-7', IDS.conversationId);
    expect(id).toBe('f00df00df00df00df00df00df00df00d');
    expect(fake.sends()).toHaveLength(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/send',
      `GET /v1/conversations/${IDS.conversationId}/messages?limit=20`,
    ]);
  });

  it('sends again when the lookup shows the broken send did not go through', async () => {
    fake = await startFakeMessageBird((r, i) => {
      if (r.method === 'POST') return i === 0 ? { status: 202, drop: true } : defaultAnswer(r);
      return { status: 200, body: messagesPage([]) };
    });
    await clientFor(fake.apiBaseUrl).send(text(1), 'track-8', IDS.conversationId);
    expect(fake.sends()).toHaveLength(2);
    expect(fake.sends().map((b) => b.trackId)).toEqual(['track-8', 'track-8']);
  });

  it('does not repeat a send that timed out after it was written', async () => {
    fake = await startFakeMessageBird((r) => ({ ...defaultAnswer(r), delayMs: 400 }));
    const error = await failure(clientFor(fake.apiBaseUrl, 100).send(text(1)));
    expect(error).toBeInstanceOf(DeliveryUnknownError);
    expect(fake.sends()).toHaveLength(1);
  });

  it('repeats a GET whose connection broke', async () => {
    fake = await startFakeMessageBird((r, i) =>
      i === 0 ? { status: 200, drop: true } : defaultAnswer(r),
    );
    await clientFor(fake.apiBaseUrl).request({ method: 'GET', path: '/webhooks' });
    expect(fake.requests).toHaveLength(2);
  });
});

describe('MessageBirdClient errors', () => {
  it('fails at once on a 422 with MessageBird’s code, description and parameter', async () => {
    fake = await startFakeMessageBird(() => ({
      status: 422,
      body: {
        errors: [{ code: 10, description: 'recipient is not a valid number', parameter: 'to' }],
      },
    }));
    const error = (await failure(clientFor(fake.apiBaseUrl).send(text(1)))) as MessageBirdApiError;
    expect(error).toBeInstanceOf(MessageBirdApiError);
    expect(error).toMatchObject({
      code: 'MESSAGEBIRD_API_ERROR',
      status: 422,
      apiCode: 10,
      description: 'recipient is not a valid number',
      parameter: 'to',
    });
    expect(fake.sends()).toHaveLength(1);
  });

  it('says to check the access key on a 401, without printing it', async () => {
    fake = await startFakeMessageBird(() => ({
      status: 401,
      body: {
        errors: [
          {
            code: 2,
            description: 'Request not allowed (incorrect access_key)',
            parameter: 'access_key',
          },
        ],
      },
    }));
    const error = (await failure(clientFor(fake.apiBaseUrl).send(text(1)))) as MessageBirdApiError;
    expect(error.message).toMatch(/check accessKey/);
    expect(error.message).not.toContain(KEYS.accessKey);
    expect(JSON.stringify(error)).not.toContain(KEYS.accessKey);
  });
});

describe('MessageBirdClient order', () => {
  it('keeps one contact’s messages in order while retrying some of them', async () => {
    const tries = new Map<string, number>();
    const accepted = new Map<string, string[]>();
    fake = await startFakeMessageBird((r) => {
      const { to, content } = r.body as { to: string; content: { text: string } };
      const key = `${to} ${content.text}`;
      const attempt = (tries.get(key) ?? 0) + 1;
      tries.set(key, attempt);
      // Every even-numbered message fails its first attempt.
      if (Number(content.text.split(' ')[1]) % 2 === 0 && attempt === 1)
        return { status: 503, body: {} };
      accepted.set(to, [...(accepted.get(to) ?? []), content.text]);
      return defaultAnswer(r);
    });
    const c = clientFor(fake.apiBaseUrl);
    const other = '+31687654321';
    await Promise.all(
      Array.from({ length: 12 }, (_, n) => [c.send(text(n)), c.send(text(n, other))]).flat(),
    );
    const expected = Array.from({ length: 12 }, (_, n) => `message ${n}`);
    expect(accepted.get(IDS.phone)).toEqual(expected);
    expect(accepted.get(other)).toEqual(expected);
    expect(fake.sends()).toHaveLength(24 + 12);
  });
});
