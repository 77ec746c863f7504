/**
 * Adapter turns per second in process: a signed webhook through verification, translation, an
 * echo bot and the outbound request to an in-process fake MessageBird, against a bare Hono handler
 * doing the same JWT verification, JSON parse and one fetch. No sockets: fetch is routed to the
 * fake's Hono app for both, so the figure is the adapter's own work.
 */
import { randomBytes } from 'node:crypto';
import { type Activity, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import { Hono } from 'hono';
import { MessageBirdAdapter } from '../src/adapter/index.js';
import { silentLogger } from '../src/core/logger.js';
import { formatDatetime } from '../src/messagebird/datetime.js';
import { signSignatureJwt, verifySignatureJwt } from '../src/messagebird/signature-jwt.js';
import { INBOUND_EVENTS } from '../test/payloads/index.js';
import { fmt, median, type Row } from './table.js';

const KEYS = { accessKey: 'bench_access', signingKey: 'bench_signing' };
const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const URL_ = 'https://bot.example.com/api/messages';
const API = 'http://messagebird.invalid/v1';
const CONCURRENCY = 32;
/** Rounds (each handler runs one slice a round), and requests per slice. */
const ROUNDS = Number(process.env.BENCH_TURNS_ROUNDS ?? 11);
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

type Handler = (request: Request) => Promise<Response>;

/**
 * The handlers in rotating rounds of one slice each (who goes first rotates too), after a warm-up
 * round, so that the shared machine's drift and the garbage each leaves behind fall on all alike.
 * Answers each one's turns per second in every round.
 */
async function interleaved<K extends string>(
  handlers: Record<K, Handler>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(handlers) as K[];
  const rates = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = -1; round < ROUNDS; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const prepared = await requests(SLICE_SIZE);
      // Each slice starts from a collected heap, not with the garbage of the one before.
      globalThis.gc?.();
      const took = await timed(handlers[name], prepared);
      if (round >= 0) rates[name].push(SLICE_SIZE / took);
    }
  }
  if (process.env.BENCH_DEBUG)
    console.error(JSON.stringify(rates, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  return rates;
}

/**
 * One figure against another: the median of their per-round ratios (each round ran both within a
 * second or two, so a disturbed round does not tip the figure), and each one's median rate.
 */
function compare(rates: number[], baseline: number[]) {
  return {
    rate: median(rates),
    baseline: median(baseline),
    ratio: median(rates.map((r, i) => r / (baseline[i] as number))),
  };
}

/** What the bare handler and the minimal adapter do first: verify the token, parse the body. */
async function verifiedPayload(jwt: string | null | undefined, body: string) {
  await verifySignatureJwt({ jwt, url: URL_, body, signingKey: KEYS.signingKey });
  return JSON.parse(body);
}

/** The one fetch of the bare handler and of the minimal adapter: a text to MessageBird. */
const sendText = (to: string, text: string) =>
  fetch(`${API}/send`, {
    method: 'POST',
    headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to, from: CHANNEL, type: 'text', content: { text } }),
  });

/**
 * The least any botbuilder adapter does: verify, parse, run a turn through `runMiddleware`, and
 * send what the bot sends with one fetch each. No schema, no dedupe, no window, no limiter, no
 * retries: the floor a botbuilder adapter stands on, beside the bare handler.
 */
class MinimalBotAdapter extends BotAdapter {
  async handle(request: Request, logic: (context: TurnContext) => Promise<void>) {
    const payload = await verifiedPayload(
      request.headers.get('MessageBird-Signature-JWT'),
      await request.text(),
    );
    const context = new TurnContext(this, {
      type: 'message',
      id: payload.message.id,
      channelId: 'whatsapp',
      from: { id: payload.message.from, name: payload.message.from },
      recipient: { id: CHANNEL, name: 'WhatsApp' },
      conversation: {
        id: payload.conversation.id,
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
      text: payload.message.content.text,
    });
    await this.runMiddleware(context, logic);
    return Response.json({ status: 'ok' });
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]) {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const response = await sendText(activity.recipient?.id ?? '', activity.text ?? '');
      responses.push({ id: ((await response.json()) as { id: string }).id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
}

export async function run(): Promise<Row[]> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    fake.fetch(new Request(input, init))) as typeof fetch;
  try {
    const bare = new Hono();
    bare.post('/api/messages', async (c) => {
      const payload = await verifiedPayload(
        c.req.header('MessageBird-Signature-JWT'),
        await c.req.text(),
      );
      const response = await sendText(
        payload.message.from,
        `You said: ${payload.message.content.text}`,
      );
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
    const echo = async (context: TurnContext) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
    };
    const minimal = new MinimalBotAdapter();
    const rates = await interleaved({
      bare: async (r) => bare.fetch(r),
      minimal: (r) => minimal.handle(r, echo),
      adapter: (r) => adapter.handle(r, echo),
    });
    await adapter.close();
    const ours = compare(rates.adapter, rates.bare);
    const floor = compare(rates.minimal, rates.bare);
    const overFloor = compare(rates.adapter, rates.minimal);
    return [
      {
        name: 'adapter turns per second in process (verify, translate, echo bot, one send)',
        measured: `${fmt(ours.rate)}/s`,
        baseline: `${fmt(ours.baseline)}/s bare Hono handler`,
        ratio: ours.ratio,
        target: '≥ 0.8',
        met: ours.ratio >= 0.8,
      },
      {
        name: 'floor: a minimal botbuilder adapter (verify, parse, runMiddleware, one fetch a send)',
        measured: `${fmt(floor.rate)}/s`,
        baseline: `${fmt(floor.baseline)}/s bare Hono handler`,
        ratio: floor.ratio,
      },
      {
        name: 'adapter turns against the minimal botbuilder adapter',
        measured: `${fmt(overFloor.rate)}/s`,
        baseline: `${fmt(overFloor.baseline)}/s minimal botbuilder adapter`,
        ratio: overFloor.ratio,
      },
    ];
  } finally {
    globalThis.fetch = realFetch;
  }
}
