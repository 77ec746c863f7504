import type { TurnContext } from 'botbuilder';
import express from 'express';
import { Hono } from 'hono';
import restify from 'restify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MessageBirdAdapter } from '../../src/adapter/index.js';
import { formatDatetime } from '../../src/messagebird/datetime.js';
import { signSignatureJwt } from '../../src/messagebird/signature-jwt.js';
import { IDS, INBOUND_EVENTS, STATUS_EVENTS } from '../payloads/index.js';
import { KEYS, testAdapter } from '../support/adapter.js';
import { type FakeMessageBird, startFakeMessageBird } from '../support/fake-messagebird.js';
import { type Listening, listen, listenHono } from '../support/servers.js';
import { postWebhook } from '../support/webhooks.js';

let fake: FakeMessageBird;
let adapter: MessageBirdAdapter;
const turns: string[] = [];
let failNext = 0;

/** An echo bot that fails on demand. */
async function bot(context: TurnContext) {
  turns.push(`${context.activity.type}:${context.activity.id}`);
  if (failNext > 0) {
    failNext--;
    throw new Error('the bot fell over');
  }
  if (context.activity.type === 'message')
    await context.sendActivity(`You said: ${context.activity.text}`);
}

const servers: Record<string, Listening> = {};

beforeAll(async () => {
  fake = await startFakeMessageBird();
  adapter = testAdapter(fake.apiBaseUrl);

  const hono = new Hono();
  hono.post('/api/messages', (c) => adapter.handle(c.req.raw, bot));
  hono.all('/api/messages', (c) => adapter.handle(c.req.raw, bot));
  servers.hono = await listenHono(hono);

  const app = express();
  app.post('/api/messages', (req, res) => adapter.process(req, res, bot));
  app.post('/api/parsed', express.json(), (req, res) => adapter.process(req, res, bot));
  app.post('/api/raw', express.raw({ type: '*/*', limit: '2mb' }), (req, res) =>
    adapter.process(req, res, bot),
  );
  servers.express = await listen(app);

  servers.node = await listen((req, res) => void adapter.process(req, res, bot));

  const rest = restify.createServer();
  rest.post('/api/messages', async (req: any, res: any) => {
    await adapter.process(req, res, bot);
  });
  rest.post('/api/parsed', restify.plugins.bodyParser(), async (req: any, res: any) => {
    await adapter.process(req, res, bot);
  });
  await new Promise<void>((resolve) => rest.listen(0, '127.0.0.1', () => resolve()));
  servers.restify = {
    url: rest.url.replace('[::]', '127.0.0.1'),
    close: () => new Promise<void>((resolve) => rest.close(() => resolve())),
  };
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  await adapter.close();
  await fake.close();
});

beforeEach(() => {
  turns.length = 0;
  failNext = 0;
  fake.requests.length = 0;
});

/** A fresh inbound text event with its own message id. */
let counter = 0;
function inbound(text = 'Where is my parcel?') {
  counter++;
  const body = structuredClone(INBOUND_EVENTS.text);
  body.message.id = `${counter.toString(16).padStart(8, '0')}${'a'.repeat(24)}`;
  body.message.content = { text };
  body.message.createdDatetime = formatDatetime(Date.now());
  return body;
}

describe.each([
  ['Hono (fetch Request)', 'hono', '/api/messages'],
  ['Express', 'express', '/api/messages'],
  ['Express with express.raw()', 'express', '/api/raw'],
  ['node:http', 'node', '/api/messages'],
  ['Restify', 'restify', '/api/messages'],
  ['Restify with bodyParser (req.rawBody)', 'restify', '/api/parsed'],
])('%s', (_name, server, path) => {
  const url = () => `${servers[server]?.url}${path}`;

  it('runs the bot on a signed webhook and answers 200 after the reply was sent', async () => {
    const event = inbound();
    const { status } = await postWebhook(url(), event, KEYS.signingKey);
    expect(status).toBe(200);
    expect(turns).toEqual([`message:${event.message.id}`]);
    expect(fake.sends()).toEqual([
      expect.objectContaining({
        to: IDS.phone,
        from: IDS.channelId,
        type: 'text',
        content: { text: 'You said: Where is my parcel?' },
      }),
    ]);
    expect(fake.requests[0]?.headers.authorization).toBe(`AccessKey ${KEYS.accessKey}`);
  });

  it('answers 401 and never runs the bot when the signature is wrong', async () => {
    const { status, body } = await postWebhook(url(), inbound(), 'another-signing-key');
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 'SIGNATURE_INVALID', reason: 'bad-signature' });
    expect(turns).toEqual([]);
  });

  it('answers 401 without a signature', async () => {
    const response = await fetch(url(), { method: 'POST', body: JSON.stringify(inbound()) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).error.reason).toBe('signature-missing');
    expect(turns).toEqual([]);
  });

  it('runs the bot once for a duplicate delivery', async () => {
    const event = inbound();
    expect((await postWebhook(url(), event, KEYS.signingKey)).status).toBe(200);
    const again = await postWebhook(url(), event, KEYS.signingKey);
    expect(again).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(turns).toHaveLength(1);
    expect(fake.sends()).toHaveLength(1);
  });

  it('answers 500 when the bot fails, and handles the redelivery', async () => {
    const event = inbound();
    failNext = 1;
    expect((await postWebhook(url(), event, KEYS.signingKey)).status).toBe(500);
    expect((await postWebhook(url(), event, KEYS.signingKey)).status).toBe(200);
    expect(turns).toHaveLength(2);
    expect(fake.sends()).toHaveLength(1);
  });

  it('answers 400 for malformed JSON, signed', async () => {
    const { status, body } = await postWebhook(
      url(),
      '{"type": "message.created",',
      KEYS.signingKey,
    );
    expect(status).toBe(400);
    // Restify's bodyParser refuses malformed JSON itself, before the adapter sees it.
    if (path !== '/api/parsed') expect(body.error.code).toBe('MALFORMED_JSON');
    expect(turns).toEqual([]);
  });

  it('answers 400 naming the field for a payload that is not MessageBird’s', async () => {
    const event = inbound() as any;
    delete event.message.id;
    const { status, body } = await postWebhook(url(), event, KEYS.signingKey);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'message.id' });
  });

  it('answers 413 for a body over the limit', async () => {
    const big = { ...inbound(), padding: 'x'.repeat(1024 * 1024) };
    const { status } = await postWebhook(url(), big, KEYS.signingKey);
    expect(status).toBe(413);
    expect(turns).toEqual([]);
  });

  it('turns a status update into an event turn without sending anything', async () => {
    const event = STATUS_EVENTS.delivered();
    event.message.id = inbound().message.id;
    const { status } = await postWebhook(url(), event, KEYS.signingKey);
    expect(status).toBe(200);
    expect(turns).toEqual([`event:${event.message.id}:delivered`]);
    expect(fake.sends()).toEqual([]);
  });
});

describe('the HTTP edge, framework specifics', () => {
  it('answers 405 to GET (Hono)', async () => {
    const response = await fetch(`${servers.hono?.url}/api/messages`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers 405 to PUT (node:http)', async () => {
    const response = await fetch(`${servers.node?.url}/api/messages`, {
      method: 'PUT',
      body: '{}',
    });
    expect(response.status).toBe(405);
  });

  it('says how to keep the raw body when express.json() parsed it', async () => {
    const { status, body } = await postWebhook(
      `${servers.express?.url}/api/parsed`,
      inbound(),
      KEYS.signingKey,
    );
    expect(status).toBe(500);
    expect(body.error.code).toBe('RAW_BODY_UNAVAILABLE');
    expect(body.error.message).toMatch(/express\.raw/);
    expect(turns).toEqual([]);
  });

  it('refuses a replayed token: same body, same signature, sent again', async () => {
    const url = `${servers.hono?.url}/api/messages`;
    const body = JSON.stringify(inbound());
    const jwt = await signSignatureJwt({ url, body, signingKey: KEYS.signingKey });
    const send = () =>
      fetch(url, { method: 'POST', body, headers: { 'MessageBird-Signature-JWT': jwt } });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).error.reason).toBe('jti-replayed');
    expect(turns).toHaveLength(1);
  });
});

describe('webhookUrl: the public URL behind a proxy', () => {
  it('verifies against webhookUrl, not the URL the request arrived on', async () => {
    const publicUrl = 'https://bot.example.com/api/messages?tenant=acme';
    const proxied = testAdapter(fake.apiBaseUrl, { webhookUrl: publicUrl });
    const app = new Hono();
    app.post('/internal', (c) => proxied.handle(c.req.raw, bot));
    const server = await listenHono(app);
    try {
      const ok = await postWebhook(`${server.url}/internal`, inbound(), KEYS.signingKey, {
        signUrl: publicUrl,
      });
      expect(ok.status).toBe(200);
      const wrong = await postWebhook(`${server.url}/internal`, inbound(), KEYS.signingKey);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.reason).toBe('url-hash-mismatch');
      expect(wrong.body.error.message).toMatch(/webhookUrl/);
    } finally {
      await server.close();
      await proxied.close();
    }
  });
});
