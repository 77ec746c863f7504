import { createHash, createHmac } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MessageBirdAdapter,
  type MessageBirdAdapterOptions,
  STATUS_EVENT_NAME,
  type StatusValue,
} from '../../src/adapter/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { signSignatureJwt } from '../../src/messagebird/index.js';
import {
  BIRD_IDS,
  BIRD_INBOUND,
  birdAccepted,
  birdInbound,
  birdOutbound,
  birdReadInteraction,
  INBOUND_EVENTS,
} from '../payloads/index.js';

/*
 * Bird's webhooks through the botbuilder adapter: signed by an implementation of Bird's documented
 * algorithm written here (node:crypto only, none of the package's code), every attack refused, and
 * a retry hours later (Bird keeps the first timestamp) run once.
 */

const url: string = BIRD_IDS.webhookUrl;
const signingKey: string = BIRD_IDS.signingKey;
const HOUR = 3600;

/** Bird's signature, from the docs' steps: base64 HMAC-SHA256(key, `ts\nurl\n` + raw SHA-256(body)). */
function birdSignature(key: string, signedUrl: string, body: string, timestamp: number | string) {
  const bodyHash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest();
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${signedUrl}\n`, 'utf8'), bodyHash]);
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(message).digest('base64');
}

const now = () => Math.floor(Date.now() / 1000);

/** Sent by our fake Bird API: the sends' 202 answers. */
const sent: unknown[] = [];
const fetch: typeof globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const body = await request.json();
  sent.push(body);
  return Response.json(birdAccepted(body as Record<string, unknown>), { status: 202 });
};

const options = (extra: Partial<MessageBirdAdapterOptions<'bird'>> = {}) =>
  new MessageBirdAdapter({
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    accessKey: 'test_bird_access_key',
    signingKey,
    webhookUrl: url,
    logger: silentLogger,
    fetch,
    retry: { retries: 0 },
    templates: [
      {
        name: 'order_update',
        projectId: BIRD_IDS.projectId,
        language: 'en',
        variables: ['name', 'order'],
      },
    ],
    ...extra,
  });
const adapter = options();
const strict = options({ signature: { maxAgeSeconds: HOUR } });
for (const a of [adapter, strict]) {
  a.onTurnError = async (_context, error) => {
    throw error;
  };
}
afterAll(async () => {
  await adapter.close();
  await strict.close();
});

let turns: TurnContext['activity'][] = [];
let failNext = false;
const logic = async (context: TurnContext) => {
  turns.push(context.activity);
  if (failNext) {
    failNext = false;
    throw new Error('the bot broke');
  }
};
beforeEach(() => {
  turns = [];
  failNext = false;
});

/** A fresh inbound message (its own id), as the raw body Bird would send. */
function inbound(text = 'Hi! Is my order on its way?'): string {
  return JSON.stringify(birdInbound({ type: 'text', text: { text } }, { id: crypto.randomUUID() }));
}

async function post(
  body: string,
  headers: Record<string, string>,
  target = adapter,
  method = 'POST',
) {
  // The request reaches the bot on an internal address: webhookUrl is what Bird signed.
  const response = await target.handle(
    new Request('http://10.0.0.7:3978/api/bird', {
      method,
      body: method === 'GET' ? undefined : body,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
    logic,
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      status?: string;
      error?: { code?: string; reason?: string; message?: string; field?: string };
    },
  };
}

const signed = (body: string, timestamp: number = now(), signedUrl = url, key = signingKey) => ({
  'messagebird-signature': birdSignature(key, signedUrl, body, timestamp),
  'messagebird-request-timestamp': String(timestamp),
});

describe('Bird webhook signatures through the adapter', () => {
  it('accepts a webhook signed as Bird documents it and runs the bot once', async () => {
    const body = inbound();
    const { status, body: answer } = await post(body, signed(body));
    expect(status).toBe(200);
    expect(answer.status).toBe('ok');
    // The contact's first message: a conversationUpdate comes first, as on MessageBird.
    expect(turns.map((t) => t.type)).toEqual(['conversationUpdate', 'message']);
    expect(turns[0]?.membersAdded).toEqual([
      { id: BIRD_IDS.phone, name: BIRD_IDS.phone, role: 'user' },
    ]);
    expect(turns[1]).toMatchObject({
      type: 'message',
      channelId: 'whatsapp',
      text: 'Hi! Is my order on its way?',
      from: { id: BIRD_IDS.phone },
    });
  });

  const attacks: [string, string, () => [string, Record<string, string>]][] = [
    ['no signature', 'signature-missing', () => [inbound(), {}]],
    [
      'a MessageBird JWT instead of Bird’s signature',
      'signature-missing',
      () => [inbound(), { 'MessageBird-Signature-JWT': 'eyJhbGciOiJIUzI1NiJ9.e30.x' }],
    ],
    [
      'no timestamp',
      'timestamp-missing',
      () => {
        const body = inbound();
        return [body, { 'messagebird-signature': signed(body)['messagebird-signature'] }];
      },
    ],
    [
      'a timestamp that is no number',
      'timestamp-malformed',
      () => {
        const body = inbound();
        return [body, { ...signed(body), 'messagebird-request-timestamp': 'yesterday' }];
      },
    ],
    [
      'another key',
      'bad-signature',
      () => {
        const body = inbound();
        return [body, signed(body, now(), url, 'not-our-signing-key')];
      },
    ],
    [
      'the key base64-decoded (Bird uses its bytes as they are)',
      'bad-signature',
      () => {
        const body = inbound();
        const decoded = Buffer.from(signingKey, 'base64').toString('latin1');
        return [body, signed(body, now(), url, decoded)];
      },
    ],
    [
      'a tampered body',
      'bad-signature',
      () => {
        const body = inbound();
        return [body.replace('Hi!', 'Hey'), signed(body)];
      },
    ],
    ['a body added to an empty signed one', 'bad-signature', () => [inbound(), signed('')]],
    [
      'the request URL instead of webhookUrl',
      'bad-signature',
      () => {
        const body = inbound();
        return [body, signed(body, now(), 'http://10.0.0.7:3978/api/bird')];
      },
    ],
    [
      'the path only instead of the full URL',
      'bad-signature',
      () => {
        const body = inbound();
        return [body, signed(body, now(), '/api/bird')];
      },
    ],
    [
      'a timestamp changed after signing',
      'bad-signature',
      () => {
        const body = inbound();
        const ts = now();
        return [body, { ...signed(body, ts), 'messagebird-request-timestamp': String(ts + 1) }];
      },
    ],
    [
      'the body’s hex digest hashed instead of its raw bytes',
      'bad-signature',
      () => {
        const body = inbound();
        const ts = now();
        const hex = createHash('sha256').update(body).digest('hex');
        const signature = createHmac('sha256', signingKey)
          .update(`${ts}\n${url}\n${hex}`)
          .digest('base64');
        return [
          body,
          { 'messagebird-signature': signature, 'messagebird-request-timestamp': String(ts) },
        ];
      },
    ],
    [
      'the HMAC in hex instead of base64',
      'bad-signature',
      () => {
        const body = inbound();
        const ts = now();
        const hex = Buffer.from(birdSignature(signingKey, url, body, ts), 'base64').toString('hex');
        return [
          body,
          { 'messagebird-signature': hex, 'messagebird-request-timestamp': String(ts) },
        ];
      },
    ],
    [
      'a timestamp older than 24 hours',
      'too-old',
      () => {
        const body = inbound();
        return [body, signed(body, now() - 25 * HOUR)];
      },
    ],
    [
      'a timestamp from the future',
      'in-the-future',
      () => {
        const body = inbound();
        return [body, signed(body, now() + 600)];
      },
    ],
  ];

  it.each(attacks)(
    'refuses %s with 401 (%s) and never runs the bot',
    async (_name, reason, make) => {
      const [body, headers] = make();
      const { status, body: answer } = await post(body, headers);
      expect(status).toBe(401);
      expect(answer.error).toMatchObject({ code: 'SIGNATURE_INVALID', reason });
      expect(answer.error?.message).not.toContain(signingKey);
      expect(turns).toHaveLength(0);
    },
  );

  it('runs a replayed request once: the second is a duplicate', async () => {
    const body = inbound();
    const headers = signed(body);
    expect((await post(body, headers)).status).toBe(200);
    const replay = await post(body, headers);
    expect(replay).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(turns).toHaveLength(1);
  });
});

describe('Bird retries with their first timestamp', () => {
  it('accepts a retry three hours old once, and does not run its duplicate again', async () => {
    const body = inbound('Still there?');
    const headers = signed(body, now() - 3 * HOUR);
    expect((await post(body, headers)).status).toBe(200);
    expect((await post(body, headers)).body.status).toBe('duplicate');
    expect(turns.map((t) => t.text)).toEqual(['Still there?']);
  });

  it('runs a retry of a delivery the bot failed on, hours later, with the old timestamp', async () => {
    const body = inbound('Where is my parcel?');
    const headers = signed(body, now() - 5 * HOUR);
    failNext = true;
    expect((await post(body, headers)).status).toBe(500);
    expect((await post(body, headers)).status).toBe(200);
    expect((await post(body, headers)).body.status).toBe('duplicate');
    expect(turns).toHaveLength(2);
  });

  it('takes its freshness from signature.maxAgeSeconds', async () => {
    const body = inbound();
    const old = await post(body, signed(body, now() - 3 * HOUR), strict);
    expect(old.status).toBe(401);
    expect(old.body.error?.reason).toBe('too-old');
    expect((await post(body, signed(body, now() - 60), strict)).status).toBe(200);
  });
});

describe('Bird deliveries, one turn each', () => {
  it('tells each status of a message once, as its own delivery', async () => {
    const message = { id: crypto.randomUUID() };
    for (const status of ['sent', 'delivered', 'delivered', 'read']) {
      const body = JSON.stringify(birdOutbound(status, message));
      await post(body, signed(body));
    }
    expect(turns.map((t) => (t.value as StatusValue).status)).toEqual([
      'sent',
      'delivered',
      'read',
    ]);
    expect(turns.every((t) => t.type === 'event' && t.name === STATUS_EVENT_NAME)).toBe(true);
  });

  it('tells a read once when it comes as a status and as an interaction', async () => {
    // The adapter sent the message, so it knows whom the interaction is about.
    sent.length = 0;
    await adapter.continueConversationAsync(
      'app',
      {
        user: { id: BIRD_IDS.phone, name: BIRD_IDS.phone },
        conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' },
      },
      async (context) => {
        await adapter.sendTemplate(context, { name: 'order_update', params: ['Ana', '1042'] });
      },
    );
    expect(sent).toHaveLength(1);
    turns = [];
    const interaction = JSON.stringify(birdReadInteraction());
    expect((await post(interaction, signed(interaction))).body.status).toBe('ok');
    const status = JSON.stringify(birdOutbound('read'));
    expect((await post(status, signed(status))).body.status).toBe('duplicate');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      from: { id: BIRD_IDS.phone },
      value: { messageId: BIRD_IDS.sentMessageId, status: 'read' },
    });
  });

  it('tells a read whose interaction came before the send’s answer (contact not known yet)', async () => {
    const message = { id: crypto.randomUUID() };
    const interaction = JSON.stringify({
      ...birdReadInteraction(),
      payload: { ...birdReadInteraction().payload, messageId: message.id },
    });
    expect((await post(interaction, signed(interaction))).body.status).toBe('ignored');
    const status = JSON.stringify(birdOutbound('read', message));
    expect((await post(status, signed(status))).body.status).toBe('ok');
    expect(turns.map((t) => (t.value as StatusValue).status)).toEqual(['read']);
  });

  it('answers the echo of our own send (accepted) without a turn', async () => {
    const body = JSON.stringify(birdOutbound('accepted', { id: crypto.randomUUID() }));
    expect((await post(body, signed(body))).body.status).toBe('ignored');
    expect(turns).toHaveLength(0);
  });
});

describe('Bird webhooks the adapter refuses', () => {
  it('answers 405 to another method', async () => {
    const { status, body } = await post('', {}, adapter, 'GET');
    expect(status).toBe(405);
    expect(body.error?.message).toMatch(/Bird webhooks are POST requests/);
  });

  it('answers 400 to a body that is not JSON, signed or not', async () => {
    const body = '{"service":';
    const { status, body: answer } = await post(body, signed(body));
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('MALFORMED_JSON');
  });

  it('answers 400 naming the field to a signed body that is no Bird webhook', async () => {
    const body = JSON.stringify(INBOUND_EVENTS.text);
    const { status, body: answer } = await post(body, signed(body));
    expect(status).toBe(400);
    expect(answer.error?.code).toBe('INVALID_PAYLOAD');
    expect(turns).toHaveLength(0);
  });

  it('does not take a MessageBird-signed webhook on a Bird adapter', async () => {
    const body = JSON.stringify(BIRD_INBOUND.text());
    const jwt = await signSignatureJwt({ url, body, signingKey });
    const { status } = await post(body, { 'MessageBird-Signature-JWT': jwt });
    expect(status).toBe(401);
  });
});
