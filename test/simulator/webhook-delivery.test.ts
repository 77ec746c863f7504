import { createSecretKey } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignatureJwt, WebhookPayload } from '../../src/messagebird/index.js';
import { createClock, type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { IDS, SENDS } from '../payloads/index.js';
import { ACCESS_KEY, SIGNING_KEY } from './helpers.js';

const officialVerifier = createRequire(import.meta.url)(
  'messagebird/lib/webhook-signature-jwt.js',
) as {
  verify(
    url: string,
    body: Buffer,
    jwt: string,
    key: ReturnType<typeof createSecretKey>,
  ): Promise<unknown>;
};

/** One request the receiver got, with what both verifiers said about its signature. */
interface Received {
  url: string;
  body: Buffer;
  jwt: string;
  payload: any;
}

type Behaviour = (n: number, res: ServerResponse) => void;

/** A webhook receiver on 127.0.0.1 that records requests and answers as `behaviour` says. */
async function startReceiver(behaviour: Behaviour) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({
        url: `http://${req.headers.host}${req.url}`,
        body,
        jwt: String(req.headers['messagebird-signature-jwt'] ?? ''),
        payload: JSON.parse(body.toString('utf8')),
      });
      behaviour(received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/messagebird?tenant=acme`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ok: Behaviour = (_, res) => res.writeHead(200).end('ok');

let sim: RunningSimulator | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await sim?.close();
  await receiver?.close();
  sim = undefined;
  receiver = undefined;
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${(sim as RunningSimulator).url}${path}`, {
    method,
    headers: { Authorization: `AccessKey ${ACCESS_KEY}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

async function subscribeReceiver() {
  const res = await api('POST', '/v1/webhooks', {
    channelId: IDS.channelId,
    url: (receiver as { url: string }).url,
    events: ['message.created', 'message.updated', 'conversation.created', 'conversation.updated'],
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Checks one delivery with our verifier and MessageBird's official one. */
async function expectSigned(delivery: Received) {
  await verifySignatureJwt({
    jwt: delivery.jwt,
    url: delivery.url,
    body: delivery.body,
    signingKey: SIGNING_KEY,
  });
  await officialVerifier.verify(
    delivery.url,
    delivery.body,
    delivery.jwt,
    createSecretKey(Buffer.from(SIGNING_KEY, 'utf8')),
  );
  v.parse(WebhookPayload, delivery.payload);
}

describe('webhook delivery over a real socket', () => {
  it('signs every delivery so both verifiers accept it, and retries while the receiver fails', async () => {
    receiver = await startReceiver((n, res) => {
      if (n === 1) res.writeHead(503).end('busy');
      else if (n === 2) res.socket?.destroy();
      else res.writeHead(204).end();
    });
    sim = await startSimulator({
      channelId: IDS.channelId,
      signingKey: SIGNING_KEY,
      clock: createClock({ mode: 'manual' }),
      webhookRetry: { attempts: 5, baseDelayMs: 10, timeoutMs: 2000 },
    });
    const webhookId = await subscribeReceiver();
    await api('POST', '/_sim/inbound', { from: IDS.phone, type: 'text', content: { text: 'hi' } });
    await sim.idle();

    expect(receiver.received.map((r) => r.payload.type)).toEqual([
      'conversation.created',
      'conversation.created',
      'conversation.created',
      'message.created',
    ]);
    for (const delivery of receiver.received) await expectSigned(delivery);
    expect(new Set(receiver.received.map((r) => r.jwt)).size).toBe(4);

    const log = (await api('GET', `/_sim/webhooks/deliveries?webhookId=${webhookId}`)).body.items;
    expect(log.map((e: any) => [e.event, e.attempt, e.status ?? 'no answer', e.ok])).toEqual([
      ['conversation.created', 1, 503, false],
      ['conversation.created', 2, 'no answer', false],
      ['conversation.created', 3, 204, true],
      ['message.created', 1, 204, true],
    ]);
    expect(log[1].error).toBeTruthy();
  });

  it('gives up after the configured attempts, then delivers the next event; timeouts count as failures', async () => {
    receiver = await startReceiver((n, res) => {
      if (n === 1) return; // never answers: the attempt times out
      if (n <= 3) res.writeHead(500).end();
      else res.writeHead(200).end();
    });
    sim = await startSimulator({
      channelId: IDS.channelId,
      signingKey: SIGNING_KEY,
      clock: createClock({ mode: 'manual' }),
      webhookRetry: { attempts: 3, baseDelayMs: 5, timeoutMs: 300 },
    });
    await subscribeReceiver();
    await api('POST', '/_sim/inbound', { from: IDS.phone, type: 'text', content: { text: 'hi' } });
    await sim.idle();
    const log = sim.deliveries();
    expect(log.map((e) => [e.event, e.attempt, e.ok])).toEqual([
      ['conversation.created', 1, false],
      ['conversation.created', 2, false],
      ['conversation.created', 3, false],
      ['message.created', 1, true],
    ]);
    expect(log[0]?.error).toMatch(/timed out/);
  });

  it('keeps signatures valid on the real clock after the virtual clock moved a day', async () => {
    receiver = await startReceiver(ok);
    sim = await startSimulator({
      channelId: IDS.channelId,
      businessNumber: IDS.businessPhone,
      signingKey: SIGNING_KEY,
      clock: createClock({ mode: 'manual' }),
      webhookRetry: { attempts: 2, baseDelayMs: 5, timeoutMs: 2000 },
    });
    await subscribeReceiver();
    await api('POST', '/_sim/templates', {
      name: 'shipping_update',
      language: 'en',
      category: 'UTILITY',
      content: 'Hi {{1}}, {{2}} due {{3}}',
      namespace: '5ba2d0b7_f2c6_433b_a66e_57b009ceb6ff',
    });
    await api('POST', '/_sim/templates/shipping_update/en/approve');
    await api('POST', '/_sim/inbound', { from: IDS.phone, type: 'text', content: { text: 'hi' } });
    await api('POST', '/_sim/clock/advance', { seconds: 24 * 3600 + 60 });
    const text = await api('POST', '/v1/send', SENDS.text());
    const template = await api('POST', '/v1/send', SENDS.templateParams());
    await api('POST', '/_sim/clock/advance', { seconds: 10 });
    await sim.idle();

    for (const delivery of receiver.received) await expectSigned(delivery);
    const updates = (id: string) =>
      receiver?.received
        .filter((r) => r.payload.type === 'message.updated' && r.payload.message.id === id)
        .map((r) => r.payload.message);
    const failed = updates(text.body.id)?.at(-1);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 470 } });
    expect(updates(template.body.id)?.map((m) => m.status)).toEqual([
      'pending',
      'sent',
      'delivered',
      'read',
    ]);
  });

  it('drops connections as a fault, and ends event streams on close', async () => {
    sim = await startSimulator({ clock: createClock({ mode: 'manual' }) });
    const events = await fetch(`${sim.url}/_sim/events`);
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await api('PUT', '/_sim/faults', { dropConnection: 1 });
    await expect(api('GET', '/v1/conversations')).rejects.toThrow();
    await sim.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
    sim = undefined;
  });
});
