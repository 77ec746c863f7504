import { rmSync } from 'node:fs';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type MessageBirdAdapter,
  type MessageBirdAdapterOptions,
  MessageBirdApiError,
  RetriesExhaustedError,
} from '../../../src/adapter/index.js';
import { BIRD_BODIES, BIRD_IDS, birdReceiver, birdTemplate } from '../../payloads/index.js';
import { birdContractAdapter } from '../support/bird-adapter.js';
import {
  BIRD_STATES,
  BIRD_TEMPLATE,
  BIRD_WINDOW_PARAMS,
  LOST_SEND_REFERENCE,
  UNKNOWN_CHANNEL_ID,
} from '../support/bird-interactions.js';
import { birdId, birdShapeOf, channelMessageShape } from '../support/bird-shape.js';
import { SIM_ACCESS_KEY, WRONG_ACCESS_KEY } from '../support/interactions.js';
import { CONSUMER, GENERATED_DIR, generatedPact, PROVIDERS } from '../support/pact-names.js';

/*
 * What the adapter with `api: 'bird'` asks of Bird's Channels API and what it needs back: the
 * botbuilder adapter a bot developer configures (pointed at the Pact mock server), sending
 * activities in a turn, so each request is the one it really makes.
 */

const { eachLike, like, regex } = MatchersV3;

const JSON_TYPE = regex('^application/json', 'application/json');
/** A dashed UUID inside a path. */
const UUID_PART = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** When the example message was created. */
const SENT_AT = '2026-03-02T09:21:00.871Z';
/** The reference of the example sends (the adapter puts a random UUID on each). */
const EXAMPLE_REFERENCE = '1b3d5f7a-9c2e-4b6d-8f0a-2c4e6a8b0d1f';

const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDERS.birdApi,
  dir: GENERATED_DIR,
  logLevel: 'warn',
});

/** `/workspaces/{ws}/channels/{ch}` + `suffix`: any workspace and channel UUID, ours as example. */
function channelPath(suffix = '', channelId: string = BIRD_IDS.channelId) {
  return regex(
    `^/workspaces/${UUID_PART}/channels/${UUID_PART}${suffix}$`,
    `/workspaces/${BIRD_IDS.workspaceId}/channels/${channelId}${suffix}`,
  );
}

/** The headers of every request: the access key (ours as example) and JSON accepted. */
function authHeaders(accessKey = SIM_ACCESS_KEY) {
  return {
    Authorization: regex(String.raw`^AccessKey \S+$`, `AccessKey ${accessKey}`),
    Accept: 'application/json',
  };
}

/** The headers of a send: with its JSON body. */
function sendHeaders(accessKey = SIM_ACCESS_KEY) {
  return { ...authHeaders(accessKey), 'Content-Type': JSON_TYPE };
}

/** A send to our contact as the adapter makes it: the body or template, and its reference. */
function sendRequest(part: { body: unknown } | { template: unknown }) {
  return birdShapeOf({ receiver: birdReceiver(), ...part, reference: EXAMPLE_REFERENCE });
}

/** The 202 answer: the accepted message, with what the adapter reads of it. */
const ACCEPTED = channelMessageShape(BIRD_IDS.sentMessageId, SENT_AT);

const conversation: Partial<ConversationReference> = {
  user: { id: BIRD_IDS.phone, name: BIRD_IDS.phone },
  conversation: {
    id: `${BIRD_IDS.channelId}:${BIRD_IDS.phone}`,
    isGroup: false,
    conversationType: 'personal',
    name: BIRD_IDS.phone,
  },
};

let adapter: MessageBirdAdapter | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await adapter?.close();
  adapter = undefined;
});

beforeAll(() => {
  // Pact merges into an existing file, so stale interactions would stay: start clean.
  rmSync(generatedPact(PROVIDERS.birdApi), { force: true });
});

/**
 * A Bird adapter on the mock server whose contact wrote a moment ago (its 24-hour window open),
 * counting the requests it makes.
 */
async function inWindow(url: string, extra: Partial<MessageBirdAdapterOptions<'bird'>> = {}) {
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  adapter = birdContractAdapter(url, { fetch: counting, ...extra });
  await adapter.windows.recordInbound(BIRD_IDS.phone, Date.now());
  return { adapter, requests };
}

/** Runs `send` in a proactive turn with the contact; answers what it sent, or throws its error. */
async function inTurn<T>(on: MessageBirdAdapter, send: (context: TurnContext) => Promise<T>) {
  let result: { value: T } | { error: unknown } | undefined;
  await on.continueConversationAsync('contract-tests', conversation, async (context) => {
    try {
      result = { value: await send(context) };
    } catch (error) {
      result = { error };
    }
  });
  if (!result) throw new Error('the turn did not run');
  if ('error' in result) throw result.error;
  return result.value;
}

/** The id the adapter answers for one activity sent in a turn. */
async function sendActivity(on: MessageBirdAdapter, activity: Partial<Activity> | string) {
  return (await inTurn(on, (context) => context.sendActivity(activity)))?.id;
}

describe('the adapter sends messages with POST /workspaces/{ws}/channels/{ch}/messages', () => {
  const imBack = (title: string, value: string) => ({ type: 'imBack', title, value });
  const cases: {
    name: string;
    activity: Partial<Activity> | string;
    body: Record<string, unknown>;
  }[] = [
    {
      name: 'a text',
      activity: 'Your **parcel** arrives tomorrow.',
      body: { type: 'text', text: { text: 'Your *parcel* arrives tomorrow.' } },
    },
    {
      name: 'a text with postback buttons',
      activity: {
        type: 'message',
        text: 'Confirm your order?',
        suggestedActions: {
          to: [],
          actions: [imBack('Yes', 'confirm-order-1042'), imBack('No', 'cancel-order-1042')],
        },
      },
      body: BIRD_BODIES.postbackButtons(),
    },
    {
      name: 'a list',
      activity: {
        type: 'message',
        text: 'Pick a time slot',
        suggestedActions: {
          to: [],
          actions: [
            imBack('09:00-12:00', 'slot-0900'),
            imBack('12:00-15:00', 'slot-1200'),
            imBack('15:00-18:00', 'slot-1500'),
            imBack('Tomorrow', 'slot-tomorrow'),
          ],
        },
        channelData: { listButton: 'Time slots' },
      },
      body: {
        type: 'list',
        list: {
          text: 'Pick a time slot',
          altText: 'Time slots',
          items: [
            {
              actions: [
                { type: 'postback', postback: { text: '09:00-12:00', payload: 'slot-0900' } },
                { type: 'postback', postback: { text: '12:00-15:00', payload: 'slot-1200' } },
                { type: 'postback', postback: { text: '15:00-18:00', payload: 'slot-1500' } },
                { type: 'postback', postback: { text: 'Tomorrow', payload: 'slot-tomorrow' } },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'an image with a caption',
      activity: {
        type: 'message',
        text: 'Your receipt',
        attachments: [
          { contentType: 'image/png', contentUrl: 'https://cdn.example.com/receipts/1042.png' },
        ],
      },
      body: {
        type: 'image',
        image: {
          images: [{ mediaUrl: 'https://cdn.example.com/receipts/1042.png' }],
          text: 'Your receipt',
        },
      },
    },
    {
      name: 'a document with its file name',
      activity: {
        type: 'message',
        attachments: [
          {
            contentType: 'application/pdf',
            contentUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
            name: 'INV-1042.pdf',
          },
        ],
      },
      body: {
        type: 'file',
        file: {
          files: [
            {
              contentType: 'application/pdf',
              mediaUrl: 'https://cdn.example.com/invoices/INV-1042.pdf',
              filename: 'INV-1042.pdf',
            },
          ],
        },
      },
    },
    {
      name: 'an audio file',
      activity: {
        type: 'message',
        attachments: [
          { contentType: 'audio/mpeg', contentUrl: 'https://cdn.example.com/jingles/thanks.mp3' },
        ],
      },
      body: BIRD_BODIES.audio(),
    },
    {
      name: 'a video file',
      activity: {
        type: 'message',
        attachments: [
          { contentType: 'video/mp4', contentUrl: 'https://cdn.example.com/howto/setup.mp4' },
        ],
      },
      body: BIRD_BODIES.video(),
    },
    {
      name: 'a location',
      activity: {
        type: 'message',
        entities: [{ type: 'GeoCoordinates', latitude: 52.370216, longitude: 4.895168 }],
      },
      body: {
        type: 'location',
        location: { coordinates: { latitude: 52.370216, longitude: 4.895168 } },
      },
    },
  ];

  for (const { name, activity, body } of cases) {
    it(`sends ${name} and answers Bird's message id`, async () => {
      await pact
        .addInteraction()
        .given(BIRD_STATES.contactInWindow, BIRD_WINDOW_PARAMS)
        .uponReceiving(`a request to send ${name}`)
        .withRequest('POST', channelPath('/messages'), (b) =>
          b.headers(sendHeaders()).jsonBody(sendRequest({ body })),
        )
        .willRespondWith(202, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(ACCEPTED))
        .executeTest(async (server) => {
          const { adapter, requests } = await inWindow(server.url);
          expect(await sendActivity(adapter, activity)).toBe(BIRD_IDS.sentMessageId);
          expect(requests).toHaveLength(1);
        });
    });
  }

  it('sends a template with its parameters by key, named or positional', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.approvedTemplate, {
        ...BIRD_TEMPLATE,
        variables: [...BIRD_TEMPLATE.variables],
      })
      .uponReceiving('a request to send a template with parameters by key')
      .withRequest('POST', channelPath('/messages'), (b) =>
        b.headers(sendHeaders()).jsonBody(sendRequest({ template: birdTemplate() })),
      )
      .willRespondWith(202, (b) => b.headers({ 'Content-Type': JSON_TYPE }).jsonBody(ACCEPTED))
      .executeTest(async (server) => {
        // A template goes out whatever the window: no contact wrote.
        adapter = birdContractAdapter(server.url);
        const on = adapter;
        for (const params of [{ order: '1042', name: 'Ana' }, ['Ana', '1042']]) {
          const sent = await inTurn(on, (context) =>
            on.sendTemplate(context, { name: BIRD_TEMPLATE.name, params }),
          );
          expect(sent?.id).toBe(BIRD_IDS.sentMessageId);
        }
      });
  });

  it('finds a send whose answer was lost by its reference among the channel’s latest messages, and does not send it again', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.sentWithReference, {
        ...BIRD_WINDOW_PARAMS,
        reference: LOST_SEND_REFERENCE,
      })
      .uponReceiving('a request for the channel’s latest messages')
      .withRequest('GET', channelPath('/messages'), (b) =>
        b.query({ limit: '100' }).headers(authHeaders()),
      )
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          results: MatchersV3.arrayContaining({
            ...channelMessageShape(BIRD_IDS.sentMessageId, SENT_AT),
            reference: LOST_SEND_REFERENCE,
          }),
        }),
      )
      .executeTest(async (server) => {
        vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue(LOST_SEND_REFERENCE);
        const requests: string[] = [];
        // The send is written, then its connection resets: whether Bird has it is unknown.
        const lostAnswer: typeof fetch = async (input, init) => {
          const method = init?.method ?? 'GET';
          requests.push(method);
          if (method === 'POST') {
            throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
          }
          return fetch(input, init);
        };
        const { adapter } = await inWindow(server.url, { fetch: lostAnswer });
        expect(await sendActivity(adapter, 'Only once')).toBe(BIRD_IDS.sentMessageId);
        expect(requests).toEqual(['POST', 'GET']);
      });
  });
});

describe('verifyCredentials reads the channel: GET /workspaces/{ws}/channels/{ch}', () => {
  it('a WhatsApp channel: the key and the channel are confirmed', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.channelExists)
      .uponReceiving('a request for the channel')
      .withRequest('GET', channelPath(), (b) => b.headers(authHeaders()))
      .willRespondWith(200, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          id: birdId(BIRD_IDS.channelId),
          // The adapter asks only that the platform names WhatsApp (Pact matches the whole value).
          platformId: regex('(?i)^.*whatsapp.*$', 'whatsapp'),
        }),
      )
      .executeTest(async (server) => {
        adapter = birdContractAdapter(server.url);
        expect(await adapter.verifyCredentials()).toEqual({
          ok: true,
          accessKey: 'valid',
          channel: 'confirmed',
          problems: [],
        });
      });
  });

  it('404: the channel is not in the workspace, and the report names both ids', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.noSuchChannel)
      .uponReceiving('a request for a channel the workspace does not have')
      .withRequest('GET', channelPath('', UNKNOWN_CHANNEL_ID), (b) => b.headers(authHeaders()))
      .willRespondWith(404)
      .executeTest(async (server) => {
        adapter = birdContractAdapter(server.url, { channelId: UNKNOWN_CHANNEL_ID });
        const report = await adapter.verifyCredentials();
        expect(report).toMatchObject({ ok: false, accessKey: 'valid', channel: 'not-found' });
        expect(report.problems[0]).toContain(UNKNOWN_CHANNEL_ID);
        expect(report.problems[0]).toContain(BIRD_IDS.workspaceId);
      });
  });

  it('401: the key is invalid, and the report says where to copy one from', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.unknownAccessKey)
      .uponReceiving('a request for the channel with an access key the workspace does not have')
      .withRequest('GET', channelPath(), (b) => b.headers(authHeaders(WRONG_ACCESS_KEY)))
      .willRespondWith(401)
      .executeTest(async (server) => {
        adapter = birdContractAdapter(server.url, { accessKey: WRONG_ACCESS_KEY });
        const report = await adapter.verifyCredentials();
        expect(report).toMatchObject({ ok: false, accessKey: 'invalid', channel: 'unknown' });
        expect(report.problems[0]).toMatch(/accessKey/);
        expect(report.problems.join(' ')).not.toContain(WRONG_ACCESS_KEY);
      });
  });
});

describe('the adapter handles Bird’s error answers', () => {
  const text = { type: 'text', text: { text: 'Hello' } };

  it('401: a MessageBirdApiError with Bird’s message and code that says to check accessKey', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.unknownAccessKey)
      .uponReceiving('a request to send a text with an access key the workspace does not have')
      .withRequest('POST', channelPath('/messages'), (b) =>
        b.headers(sendHeaders(WRONG_ACCESS_KEY)).jsonBody(sendRequest({ body: text })),
      )
      .willRespondWith(401, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          code: 'Unauthorized',
          message: like('Invalid access key'),
        }),
      )
      .executeTest(async (server) => {
        const { adapter } = await inWindow(server.url, { accessKey: WRONG_ACCESS_KEY });
        const error = await sendActivity(adapter, 'Hello').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MessageBirdApiError);
        expect(error).toMatchObject({ status: 401 });
        expect((error as Error).message).toMatch(/Invalid access key \[Unauthorized\]/);
        expect((error as Error).message).toContain('check accessKey');
        expect((error as Error).message).not.toContain(WRONG_ACCESS_KEY);
      });
  });

  it('422: the refused field named as the parameter, and not retried', async () => {
    const actions = ['Mon', 'Tue', 'Wed', 'Thu'].map((day) => ({
      type: 'postback',
      postback: { text: day, payload: `day-${day.toLowerCase()}` },
    }));
    const tooMany = { type: 'text', text: { text: 'Which day?', actions } };
    await pact
      .addInteraction()
      .given(BIRD_STATES.contactInWindow, BIRD_WINDOW_PARAMS)
      .uponReceiving('a request to send a text with four postback buttons')
      .withRequest('POST', channelPath('/messages'), (b) =>
        b.headers(sendHeaders()).jsonBody(sendRequest({ body: tooMany })),
      )
      .willRespondWith(422, (b) =>
        b.headers({ 'Content-Type': JSON_TYPE }).jsonBody({
          code: 'InvalidPayload',
          message: like('body.text.actions: WhatsApp shows at most 3 reply buttons'),
          details: {
            'body.text.actions': eachLike(like('WhatsApp shows at most 3 reply buttons')),
          },
        }),
      )
      .executeTest(async (server) => {
        // channelData.bird goes to Bird as it is (Bird's schema allows any number of actions).
        const { adapter, requests } = await inWindow(server.url, { retry: { retries: 2 } });
        const error = await sendActivity(adapter, {
          type: 'message',
          channelData: { bird: { body: tooMany } },
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MessageBirdApiError);
        expect(error).toMatchObject({ status: 422, parameter: 'body.text.actions' });
        expect((error as Error).message).toMatch(/at most 3 reply buttons \[InvalidPayload\]/);
        expect(requests).toHaveLength(1);
      });
  });

  it('429: waits the Retry-After it is given, then gives up with the 429 once retries are spent', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.rateLimitExhausted)
      .uponReceiving('a request to send a text past the rate limit')
      .withRequest('POST', channelPath('/messages'), (b) =>
        b.headers(sendHeaders()).jsonBody(sendRequest({ body: text })),
      )
      // Bird documents no body for a 429: the adapter needs only the status and Retry-After.
      .willRespondWith(429, (b) => b.headers({ 'Retry-After': regex(String.raw`^\d+$`, '1') }))
      .executeTest(async (server) => {
        const { adapter, requests } = await inWindow(server.url, {
          retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
        });
        const started = performance.now();
        const error = await sendActivity(adapter, 'Hello').catch((e: unknown) => e);
        expect(performance.now() - started).toBeGreaterThanOrEqual(950);
        expect(error).toBeInstanceOf(RetriesExhaustedError);
        expect(error).toMatchObject({ attempts: 2 });
        expect((error as RetriesExhaustedError).lastError).toMatchObject({ status: 429 });
        expect(requests).toHaveLength(2);
      });
  });

  it('5xx: retried, then a RetriesExhaustedError carrying the 503', async () => {
    await pact
      .addInteraction()
      .given(BIRD_STATES.serverError)
      .uponReceiving('a request to send a text while Bird fails')
      .withRequest('POST', channelPath('/messages'), (b) =>
        b.headers(sendHeaders()).jsonBody(sendRequest({ body: text })),
      )
      .willRespondWith(503)
      .executeTest(async (server) => {
        const { adapter, requests } = await inWindow(server.url, {
          retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
        });
        const error = await sendActivity(adapter, 'Hello').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RetriesExhaustedError);
        expect(error).toMatchObject({ attempts: 2 });
        expect((error as RetriesExhaustedError).lastError).toMatchObject({ status: 503 });
        expect(requests).toHaveLength(2);
      });
  });
});
