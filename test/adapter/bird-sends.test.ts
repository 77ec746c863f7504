import { createHash, createHmac } from 'node:crypto';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  DeliveryUnknownError,
  MessageBirdAdapter,
  type MessageBirdAdapterOptions,
  MessageBirdApiError,
  RetriesExhaustedError,
  type StatusValue,
  TemplateError,
  UnsupportedActivityError,
  WindowClosedError,
} from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  BIRD_ERROR_BODIES,
  BIRD_IDS,
  BIRD_WINDOW_CLOSED_REASON,
  birdAccepted,
  birdChannel,
  birdInbound,
  birdOutbound,
} from '../payloads/index.js';

/*
 * The botbuilder adapter on Bird's Channels API, against a fake Bird (an injected fetch): what it
 * sends, the 24-hour window, templates positional and named, retries, a broken send found by its
 * reference, Bird's errors and the credentials check.
 */

const HOUR = 60 * 60 * 1000;
const ACCESS_KEY = 'test_bird_access_key';
const base = `https://api.bird.com/workspaces/${BIRD_IDS.workspaceId}/channels/${BIRD_IDS.channelId}`;

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: any;
}

/** A fake Bird API: records requests; `next` answers override the default 202/200 ones. */
function fakeBird() {
  const requests: Seen[] = [];
  /** What Bird has (for the lookup of a broken send). */
  const stored: any[] = [];
  const next: ((seen: Seen) => Response | Promise<Response>)[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.method === 'GET' ? '' : await request.text();
    const seen: Seen = {
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(seen);
    const override = next.shift();
    if (override) return override(seen);
    if (request.method === 'POST') {
      const message = { ...birdAccepted(seen.body), id: crypto.randomUUID() };
      stored.unshift(message);
      return Response.json(message, { status: 202 });
    }
    if (request.url.startsWith(`${base}/messages`)) return Response.json({ results: stored });
    return Response.json(birdChannel());
  };
  return {
    fetch,
    requests,
    stored,
    next,
    posts: () => requests.filter((r) => r.method === 'POST'),
  };
}

const bird = fakeBird();
const adapters: MessageBirdAdapter[] = [];
function make(extra: Partial<MessageBirdAdapterOptions<'bird'>> = {}) {
  const adapter = new MessageBirdAdapter({
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    accessKey: ACCESS_KEY,
    signingKey: BIRD_IDS.signingKey,
    webhookUrl: BIRD_IDS.webhookUrl,
    logger: silentLogger,
    fetch: bird.fetch,
    retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 2000 },
    rateLimit: { perSecond: 1000, maxConcurrent: 10 },
    templates: [
      {
        name: 'order_update',
        projectId: BIRD_IDS.projectId,
        version: 'latest',
        language: 'en',
        variables: ['name', 'order'],
        content: 'Hi {{name}}, your order {{order}} is on its way.',
      },
    ],
    ...extra,
  });
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  adapters.push(adapter);
  return adapter;
}
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
});
beforeEach(() => {
  bird.requests.length = 0;
  bird.stored.length = 0;
  bird.next.length = 0;
});

const reference: Partial<ConversationReference> = {
  user: { id: BIRD_IDS.phone, name: BIRD_IDS.phone },
  conversation: {
    id: `${BIRD_IDS.channelId}:${BIRD_IDS.phone}`,
    isGroup: false,
    conversationType: 'personal',
    name: BIRD_IDS.phone,
  },
};

/** Runs `send` in a proactive turn and answers what it threw, if anything. */
async function proactive(adapter: MessageBirdAdapter, send: (c: TurnContext) => Promise<unknown>) {
  let thrown: unknown;
  await adapter.continueConversationAsync('app', reference, async (context) => {
    try {
      await send(context);
    } catch (error) {
      thrown = error;
    }
  });
  return thrown;
}

/** Posts a webhook signed as Bird signs it (node:crypto, written here), and collects the turns. */
async function deliver(
  adapter: MessageBirdAdapter,
  payload: unknown,
  logic: (context: TurnContext) => Promise<void> = async () => {},
) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const hash = createHash('sha256').update(body).digest();
  const signature = createHmac('sha256', BIRD_IDS.signingKey)
    .update(Buffer.concat([Buffer.from(`${timestamp}\n${BIRD_IDS.webhookUrl}\n`), hash]))
    .digest('base64');
  const turns: TurnContext['activity'][] = [];
  const response = await adapter.handle(
    new Request(BIRD_IDS.webhookUrl, {
      method: 'POST',
      body,
      headers: {
        'messagebird-signature': signature,
        'messagebird-request-timestamp': timestamp,
      },
    }),
    async (context) => {
      turns.push(context.activity);
      await logic(context);
    },
  );
  return { status: response.status, turns };
}

/** The contact writes (now, or `ago` ms before): opens its window. */
const contactWrites = (adapter: MessageBirdAdapter, ago = 0) =>
  deliver(
    adapter,
    birdInbound(
      { type: 'text', text: { text: 'Hi' } },
      { id: crypto.randomUUID(), createdAt: new Date(Date.now() - ago).toISOString() },
    ),
  );

describe('sends through Bird', () => {
  it('replies in the turn: one POST per message, AccessKey auth, the contact by phone number, our reference', async () => {
    const adapter = make();
    const replies: string[] = [];
    const { status } = await deliver(
      adapter,
      birdInbound(
        { type: 'text', text: { text: 'Hi' } },
        { id: crypto.randomUUID(), createdAt: new Date().toISOString() },
      ),
      async (context) => {
        if (context.activity.type !== 'message') return;
        const response = await context.sendActivity('Your **parcel** arrives tomorrow.');
        replies.push(response?.id ?? '');
      },
    );
    expect(status).toBe(200);
    expect(bird.requests).toHaveLength(1);
    const [post] = bird.posts();
    expect(post).toMatchObject({
      url: `${base}/messages`,
      authorization: `AccessKey ${ACCESS_KEY}`,
      body: {
        receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: BIRD_IDS.phone }] },
        body: { type: 'text', text: { text: 'Your *parcel* arrives tomorrow.' } },
      },
    });
    expect(post?.body.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(replies).toEqual([bird.stored[0].id]);
  });

  it('sends nothing for what WhatsApp cannot show, naming the field', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    const error = await proactive(adapter, (c) =>
      c.sendActivity({ type: 'message', attachments: [{ contentType: 'image/png' }] }),
    );
    expect(error).toBeInstanceOf(UnsupportedActivityError);
    expect((error as UnsupportedActivityError).field).toMatch(/attachments\[0\]/);
    expect(bird.requests).toHaveLength(0);
  });
});

describe('the 24-hour window on Bird', () => {
  it('lets free-form messages through after the contact wrote, and refuses them after 24 hours', async () => {
    const adapter = make();
    await contactWrites(adapter, 25 * HOUR); // a delivery Bird retried from yesterday
    const error = await proactive(adapter, (c) => c.sendActivity('Still there?'));
    expect(error).toBeInstanceOf(WindowClosedError);
    expect(bird.posts()).toHaveLength(0);
    await contactWrites(adapter);
    expect(await proactive(adapter, (c) => c.sendActivity('Welcome back!'))).toBeUndefined();
    expect(bird.posts()).toHaveLength(1);
  });

  it('learns the window closed from a sending_failed naming it, and tells the bot 470', async () => {
    const adapter = make();
    await contactWrites(adapter);
    const { turns } = await deliver(
      adapter,
      birdOutbound('sending_failed', {
        id: crypto.randomUUID(),
        reason: BIRD_WINDOW_CLOSED_REASON,
      }),
    );
    expect(turns).toHaveLength(1);
    expect(turns[0]?.value as StatusValue).toMatchObject({
      status: 'failed',
      birdStatus: 'sending_failed',
      error: { code: 470 },
    });
    bird.requests.length = 0;
    const error = await proactive(adapter, (c) => c.sendActivity('Reminder: your order'));
    expect(error).toBeInstanceOf(WindowClosedError);
    expect((error as WindowClosedError).message).toMatch(/window closed/);
    expect(bird.posts()).toHaveLength(0);
    // A template is what WhatsApp allows outside the window.
    expect(
      await proactive(adapter, (c) =>
        adapter.sendTemplate(c, { name: 'order_update', params: ['Ana', '1042'] }),
      ),
    ).toBeUndefined();
    expect(bird.posts()[0]?.body.template).toBeDefined();
  });

  it('keeps the window open after another failure', async () => {
    const adapter = make();
    await contactWrites(adapter);
    await deliver(
      adapter,
      birdOutbound('delivery_failed', { id: crypto.randomUUID(), reason: 'Insufficient credit' }),
    );
    expect(await proactive(adapter, (c) => c.sendActivity('Hello'))).toBeUndefined();
  });

  it('sends the fallback template outside the window when one is set', async () => {
    const adapter = make({
      window: { fallbackTemplate: { name: 'order_update', params: ['Ana', '1042'] } },
    });
    expect(await proactive(adapter, (c) => c.sendActivity('Free-form'))).toBeUndefined();
    expect(bird.posts()[0]?.body).toMatchObject({
      template: { projectId: BIRD_IDS.projectId, version: 'latest', locale: 'en' },
    });
    expect(bird.posts()[0]?.body.body).toBeUndefined();
  });
});

describe('templates on Bird', () => {
  const expected = {
    projectId: BIRD_IDS.projectId,
    version: 'latest',
    locale: 'en',
    parameters: [
      { type: 'string', key: 'name', value: 'Ana' },
      { type: 'string', key: 'order', value: '1042' },
    ],
  };

  it.each([
    ['positional', ['Ana', '1042']],
    ['named', { order: '1042', name: 'Ana' }],
  ])(
    'sends %s params as the template’s variables, the rendered text in the activity',
    async (_kind, params) => {
      const adapter = make();
      let sentText = '';
      adapter.use({
        onTurn: async (context, next) => {
          context.onSendActivities(async (_c, activities, send) => {
            sentText = activities[0]?.text ?? '';
            return send();
          });
          await next();
        },
      });
      await proactive(adapter, (c) =>
        adapter.sendTemplate(c, { name: 'order_update', params: params as never }),
      );
      expect(bird.posts()).toHaveLength(1);
      expect(bird.posts()[0]?.body).toEqual({
        receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: BIRD_IDS.phone }] },
        template: expected,
        reference: expect.any(String),
      });
      expect(sentText).toBe('Hi Ana, your order 1042 is on its way.');
    },
  );

  it.each([
    [['Ana'], /takes 2 parameters \(name, order\) but 1 was given/],
    [{ name: 'Ana' }, /no value for order/],
    [{ name: 'Ana', order: '1', city: 'x' }, /params\.city: not one of its variables/],
  ])('refuses %j before any request', async (params, message) => {
    const adapter = make();
    const error = await proactive(adapter, (c) =>
      adapter.sendTemplate(c, { name: 'order_update', params: params as never }),
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toMatch(message);
    expect(bird.requests).toHaveLength(0);
  });
});

describe('retries and the never-twice rule on Bird', () => {
  it('waits as a 429 asks and sends once', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    bird.next.push(() =>
      Response.json(BIRD_ERROR_BODIES.messageOnly(), {
        status: 429,
        headers: { 'Retry-After': '0' },
      }),
    );
    expect(await proactive(adapter, (c) => c.sendActivity('Hello'))).toBeUndefined();
    expect(bird.posts()).toHaveLength(2);
    expect(bird.stored).toHaveLength(1);
  });

  it('retries 5xx and gives up with RetriesExhaustedError', async () => {
    const adapter = make({ retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    await contactWrites(adapter);
    for (let i = 0; i < 2; i++) {
      bird.next.push(() =>
        Response.json({ code: 'InternalServerError', message: 'oops' }, { status: 503 }),
      );
    }
    const error = await proactive(adapter, (c) => c.sendActivity('Hello'));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(bird.posts()).toHaveLength(2);
  });

  it('finds a send whose connection broke after it was written by its reference, and does not repeat it', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    bird.next.push((seen) => {
      bird.stored.unshift({ ...birdAccepted(seen.body), id: 'kept-by-bird' });
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    });
    let id: string | undefined;
    expect(
      await proactive(adapter, async (c) => {
        id = (await c.sendActivity('Only once'))?.id;
      }),
    ).toBeUndefined();
    expect(bird.posts()).toHaveLength(1);
    expect(bird.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(bird.requests[1]?.url).toBe(`${base}/messages?limit=100`);
    expect(id).toBe('kept-by-bird');
  });

  it('repeats a broken send Bird does not have', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    bird.next.push(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    });
    expect(await proactive(adapter, (c) => c.sendActivity('Lost once'))).toBeUndefined();
    expect(bird.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'POST']);
    expect(bird.stored).toHaveLength(1);
  });

  it('fails with DeliveryUnknownError when the broken send cannot be looked up', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    bird.next.push(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    });
    for (let i = 0; i < 3; i++) {
      bird.next.push(() => Response.json({ message: 'no' }, { status: 400 }));
    }
    const error = await proactive(adapter, (c) => c.sendActivity('Maybe'));
    expect(error).toBeInstanceOf(DeliveryUnknownError);
    expect(bird.posts()).toHaveLength(1);
  });

  it('keeps one contact’s messages in order', async () => {
    const adapter = make();
    await contactWrites(adapter);
    bird.requests.length = 0;
    bird.next.push(async (seen) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return Response.json(birdAccepted(seen.body), { status: 202 });
    });
    await Promise.all([
      proactive(adapter, (c) => c.sendActivity('first')),
      proactive(adapter, (c) => c.sendActivity('second')),
    ]);
    expect(bird.posts().map((p) => p.body.body.text.text)).toEqual(['first', 'second']);
  });
});

describe('Bird’s errors', () => {
  it.each([
    [401, BIRD_ERROR_BODIES.unauthorized(), /Invalid access key \[Unauthorized\].*check accessKey/],
    [
      404,
      BIRD_ERROR_BODIES.nested(),
      /channel not found \[NotFound\].*check workspaceId .* and channelId/,
    ],
    [
      422,
      BIRD_ERROR_BODIES.validation(),
      /did not pass validation \[InvalidPayload\] \(parameter receiver\.contacts\.0\.identifierValue\)/,
    ],
  ])(
    'turns a %i into a MessageBirdApiError that says what to check',
    async (status, body, message) => {
      const adapter = make();
      await contactWrites(adapter);
      bird.next.push(() => Response.json(body, { status }));
      const error = await proactive(adapter, (c) => c.sendActivity('Hello'));
      expect(error).toBeInstanceOf(MessageBirdApiError);
      expect((error as MessageBirdApiError).status).toBe(status);
      expect((error as MessageBirdApiError).message).toMatch(message);
      expect((error as MessageBirdApiError).message).not.toContain(ACCESS_KEY);
    },
  );
});

describe('verifyCredentials on Bird', () => {
  it('confirms a key and channel with GET /workspaces/{ws}/channels/{ch}', async () => {
    const report = await make().verifyCredentials();
    expect(report).toEqual({ ok: true, accessKey: 'valid', channel: 'confirmed', problems: [] });
    expect(bird.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${base}`]);
  });

  it('says the key is bad on 401', async () => {
    bird.next.push(() => Response.json(BIRD_ERROR_BODIES.unauthorized(), { status: 401 }));
    const report = await make().verifyCredentials();
    expect(report).toMatchObject({ ok: false, accessKey: 'invalid', channel: 'unknown' });
    expect(report.problems[0]).toMatch(/accessKey/);
  });

  it('names the workspace and channel on 404', async () => {
    bird.next.push(() => Response.json(BIRD_ERROR_BODIES.nested(), { status: 404 }));
    const report = await make().verifyCredentials();
    expect(report).toMatchObject({ ok: false, accessKey: 'valid', channel: 'not-found' });
    expect(report.problems[0]).toMatch(/workspaceId.*channelId/);
  });

  it('says when the channel is not WhatsApp, and when Bird cannot be reached', async () => {
    bird.next.push(() => Response.json(birdChannel({ platformId: 'sms-messagebird' })));
    const sms = await make().verifyCredentials();
    expect(sms.problems[0]).toMatch(/sms-messagebird channel, not WhatsApp/);
    const down = make({ retry: { retries: 0 } });
    bird.next.push(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    expect(await down.verifyCredentials()).toMatchObject({ ok: false, accessKey: 'unknown' });
  });
});

describe('Bird options', () => {
  const valid = {
    api: 'bird' as const,
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    accessKey: ACCESS_KEY,
    signingKey: BIRD_IDS.signingKey,
  };
  const configurationError = (options: unknown) => {
    try {
      new MessageBirdAdapter(options as MessageBirdAdapterOptions<'bird'>);
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected an error');
  };

  it('fills in Bird’s base URL and a 24-hour signature age', async () => {
    const adapter = make();
    expect(adapter.options).toMatchObject({
      api: 'bird',
      apiBaseUrl: 'https://api.bird.com',
      signature: { maxAgeSeconds: 86_400, leewaySeconds: 60 },
    });
  });

  it.each([
    [{ workspaceId: undefined }, 'workspaceId', /required with api: "bird"/],
    [{ workspaceId: 'my-workspace' }, 'workspaceId', /is not a Bird workspace id/],
    [{ channelId: '7d3a9c1e5b2f48a6b0c4e8f1a2d3c4b5' }, 'channelId', /not a Bird channel id.*UUID/],
    [{ accessKey: undefined }, 'accessKey', /required: .*Bird: Settings → Security → Access keys/],
    [{ signingKey: '' }, 'signingKey', /is empty: .*webhook subscription/],
    [{ api: 'channels' }, 'api', /"conversations" .* or "bird"/],
  ])('refuses %j, naming %s and the fix', (override, field, message) => {
    const error = configurationError({ ...valid, ...override });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(ACCESS_KEY);
  });

  it('ignores workspaceId on the Conversations API (an empty environment variable, say)', async () => {
    const conversations = new MessageBirdAdapter({
      accessKey: ACCESS_KEY,
      signingKey: 'x',
      channelId: BIRD_IDS.channelId,
      workspaceId: '',
      logger: silentLogger,
    });
    expect(conversations.options.apiBaseUrl).toBe('https://conversations.messagebird.com/v1');
    await conversations.close();
  });

  it('refuses a Conversations API template with api bird, and a Bird one without', () => {
    const conversationsTemplate = {
      name: 'shipping_update',
      category: 'UTILITY',
      namespace: 'ns',
      content: 'Hi {{1}}',
    };
    expect(configurationError({ ...valid, templates: [conversationsTemplate] })).toBeInstanceOf(
      TemplateError,
    );
    const error = configurationError({
      accessKey: ACCESS_KEY,
      signingKey: 'x',
      channelId: BIRD_IDS.channelId,
      templates: [{ name: 'order_update', projectId: BIRD_IDS.projectId }],
    });
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(/Bird templates need api: "bird"/);
  });
});
