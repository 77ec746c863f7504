/**
 * Adapter turns per second in process: a signed webhook through verification, translation, an
 * echo bot and the outbound request to an in-process fake MessageBird, against a bare Hono handler
 * doing the same JWT verification, JSON parse and one fetch. No sockets: fetch is routed to the
 * fake's Hono app for both, so the figure is the adapter's own work.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { MessageBirdAdapter, silentLogger } from '../src/adapter/index.js';
import { formatDatetime, signSignatureJwt, verifySignatureJwt } from '../src/messagebird/index.js';
import { INBOUND_EVENTS } from '../test/payloads/index.js';
import { fmt, type Row } from './table.js';

const KEYS = { accessKey: 'bench_access', signingKey: 'bench_signing' };
const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const URL_ = 'https://bot.example.com/api/messages';
const API = 'http://messagebird.invalid/v1';
const CONCURRENCY = 32;
/** Slices per side, and requests per slice. */
const SLICES = Number(process.env.BENCH_TURNS_SLICES ?? 10);
const SLICE_SIZE = 2_000;

const fake = new Hono();
fake.post('/v1/send', async (c) => {
  await c.req.json();
  return c.json({ id: randomBytes(16).toString('hex'), status: 'accepted' }, 202);
});

let sequence = 0;

/** Signed requests, prepared up front so signing is not measured; ids differ so none is a duplicate. */
async function requests(count: number): Promise<Request[]> {
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const event = structuredClone(INBOUND_EVENTS.text) as unknown as {
      message: Record<string, unknown>;
      contact: Record<string, unknown>;
    };
    const from = `+3165${String(1_000_000 + (i % 500)).slice(-7)}`;
    event.message.id = (sequence++).toString(16).padStart(32, '0');
    event.message.createdDatetime = formatDatetime(Date.now());
    event.message.from = from;
    event.contact.msisdn = Number(from.slice(1));
    const body = JSON.stringify(event);
    const jwt = await signSignatureJwt({
      url: URL_,
      body,
      signingKey: KEYS.signingKey,
      lifetimeSeconds: 600,
    });
    out.push(
      new Request(URL_, {
        method: 'POST',
        body,
        // As MessageBird's requests (and Node's HTTP servers) carry it.
        headers: {
          'MessageBird-Signature-JWT': jwt,
          'Content-Length': String(Buffer.byteLength(body)),
        },
      }),
    );
  }
  return out;
}

/** Runs prepared requests, CONCURRENCY at a time; answers the seconds it took. */
async function timed(handle: (request: Request) => Promise<Response>, prepared: Request[]) {
  let next = 0;
  const worker = async () => {
    while (next < prepared.length) {
      const response = await handle(prepared[next++] as Request);
      if (response.status !== 200)
        throw new Error(`answered ${response.status}: ${await response.text()}`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - start) / 1000;
}

/**
 * Both sides in alternating slices of the same size (who goes first alternates too), after a
 * warm-up slice each, so that the shared machine's drift and the garbage either leaves behind fall
 * on both alike. Answers each side's turns per second over all its slices.
 */
async function interleaved(
  bare: (request: Request) => Promise<Response>,
  adapter: (request: Request) => Promise<Response>,
): Promise<{ bare: number; adapter: number }> {
  const seconds = { bare: 0, adapter: 0 };
  for (let slice = -1; slice < SLICES; slice++) {
    const order = slice % 2 === 0 ? (['bare', 'adapter'] as const) : (['adapter', 'bare'] as const);
    for (const side of order) {
      const took = await timed(side === 'bare' ? bare : adapter, await requests(SLICE_SIZE));
      if (slice >= 0) seconds[side] += took;
    }
  }
  const total = SLICES * SLICE_SIZE;
  return { bare: total / seconds.bare, adapter: total / seconds.adapter };
}

export async function run(): Promise<Row[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    fake.fetch(new Request(input, init))) as typeof fetch;
  try {
    const bare = new Hono();
    bare.post('/api/messages', async (c) => {
      const body = await c.req.text();
      await verifySignatureJwt({
        jwt: c.req.header('MessageBird-Signature-JWT'),
        url: URL_,
        body,
        signingKey: KEYS.signingKey,
      });
      const payload = JSON.parse(body);
      const response = await fetch(`${API}/send`, {
        method: 'POST',
        headers: {
          Authorization: `AccessKey ${KEYS.accessKey}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          to: payload.message.from,
          from: CHANNEL,
          type: 'text',
          content: { text: `You said: ${payload.message.content.text}` },
        }),
      });
      await response.json();
      return c.json({ status: 'ok' });
    });
    const adapter = new MessageBirdAdapter({
      ...KEYS,
      channelId: CHANNEL,
      apiBaseUrl: API,
      webhookUrl: URL_,
      logger: silentLogger,
      rateLimit: { perSecond: 1_000_000, maxConcurrent: 1_000 },
    });
    const echo = async (context: import('botbuilder').TurnContext) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
    };
    const rates = await interleaved(
      async (r) => bare.fetch(r),
      (r) => adapter.handle(r, echo),
    );
    const [adapterRate, bareRate] = [rates.adapter, rates.bare];
    await adapter.close();
    return [
      {
        name: 'adapter turns per second in process (verify, translate, echo bot, one send)',
        measured: `${fmt(adapterRate)}/s`,
        baseline: `${fmt(bareRate)}/s bare Hono handler`,
        ratio: adapterRate / bareRate,
        target: '≥ 0.8',
        met: adapterRate / bareRate >= 0.8,
      },
    ];
  } finally {
    globalThis.fetch = realFetch;
  }
}
