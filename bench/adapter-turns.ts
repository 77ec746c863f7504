/**
 * Adapter turns per second against the peers a user would pick instead, in one run, rounds
 * alternating. Every handler gets the same kind of input, a Fetch Request as a Hono route hands
 * it over (signed webhooks prepared up front, so signing is not measured), runs an echo bot, and
 * sends its one reply to the same fake API: a real HTTP server on 127.0.0.1 in a second process
 * (bench/fake-api-server.ts), over keep-alive connections. 64 contacts, 32 turns in flight.
 *
 * - ours: MessageBirdAdapter (botbuilder) with every check on: the signature (and its jti replay
 *   cache), the schema, duplicates, the window, the limiter, per-contact order, retries and the
 *   timeout; on MessageBird's Conversations API, and on Bird's Channels API;
 * - agents: MessageBirdAgentsAdapter (Agents SDK), the same;
 * - cloud: botbuilder's own CloudAdapter, authentication off, replying through its connector;
 * - agentsCloud: the Agents SDK's CloudAdapter, authentication off, likewise;
 * - bare: a Hono handler doing the JWT check, the parse and one fetch (the limit, not a peer);
 * - minimal: the least a botbuilder adapter does (verify, parse, runMiddleware, one fetch a send);
 *   minimalNode the same sending with node:http, as the fronts' client does by default (so ours
 *   against it is what the checks cost, the transport aside).
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { TurnContext as AgentsTurnContext } from '@microsoft/agents-hosting';
import { type Activity, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import { Hono } from 'hono';
import { MessageBirdAdapter } from '../src/adapter/index.js';
import { MessageBirdAgentsAdapter } from '../src/agents/index.js';
import {
  BIRD_SIGNATURE_HEADER,
  BIRD_TIMESTAMP_HEADER,
  signBirdWebhook,
} from '../src/bird/signature.js';
import { silentLogger } from '../src/core/logger.js';
import { nodeTransport } from '../src/core/node-transport.js';
import { formatDatetime } from '../src/messagebird/datetime.js';
import { signSignatureJwt, verifySignatureJwt } from '../src/messagebird/signature-jwt.js';
import { BIRD_IDS, BIRD_INBOUND } from '../test/payloads/bird.js';
import { INBOUND_EVENTS } from '../test/payloads/index.js';
import { type FakeApiCounts, startFakeApi } from './fake-api.js';
import { agentsCloud, botbuilderCloud, connectorActivity } from './peer-adapters.js';
import { fmt, median, type Row } from './table.js';

const KEYS = { accessKey: 'bench_access', signingKey: 'bench_signing' };
const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const URL_ = 'https://bot.example.com/api/messages';
const BIRD_URL = 'https://bot.example.com/api/bird';
const CONTACTS = 64;
const CONCURRENCY = 32;
/** Rounds (each handler runs one slice a round), and requests per slice. */
const ROUNDS = Number(process.env.BENCH_TURNS_ROUNDS ?? 7);
const SLICE_SIZE = Number(process.env.BENCH_TURNS_SLICE ?? 1_500);
/** Warm-up rounds (half slices), not counted: the first ones run partly before the JIT. */
const WARM_UP = 2;

let sequence = 0;

/** The contact of the i-th request: one of 64 numbers. */
const contactOf = (i: number) => `+3165${String(1_000_000 + (i % CONTACTS)).slice(-7)}`;

/** MessageBird webhooks, signed (JWT); ids differ so none is a duplicate. */
async function messageBirdRequests(count: number): Promise<Request[]> {
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const event = structuredClone(INBOUND_EVENTS.text) as unknown as {
      message: Record<string, unknown>;
      contact: Record<string, unknown>;
      conversation: Record<string, unknown>;
    };
    const from = contactOf(i);
    const conversationId = `c0ffee${String(i % CONTACTS).padStart(26, '0')}`;
    event.message.id = (sequence++).toString(16).padStart(32, '0');
    event.message.createdDatetime = formatDatetime(Date.now());
    event.message.from = from;
    event.message.conversationId = conversationId;
    event.conversation.id = conversationId;
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

/** Bird `whatsapp.inbound` webhooks, signed as Bird signs them; ids differ. */
function birdRequests(count: number): Request[] {
  const out: Request[] = [];
  const now = Date.now();
  const timestamp = String(Math.floor(now / 1000));
  for (let i = 0; i < count; i++) {
    const webhook = BIRD_INBOUND.text() as unknown as { payload: Record<string, unknown> };
    const from = contactOf(i);
    const payload = webhook.payload as {
      id: string;
      sender: { contact: Record<string, unknown> };
      meta: { extraInformation: Record<string, unknown> };
      createdAt: string;
    };
    sequence++;
    payload.id = randomUUID();
    payload.sender.contact.identifierValue = from;
    payload.sender.contact.id = `0f3a5c7e-9b1d-4f2a-8c6e-${String(i % CONTACTS).padStart(12, '0')}`;
    payload.meta.extraInformation.timestamp = timestamp;
    payload.createdAt = new Date(now).toISOString();
    const body = JSON.stringify(webhook);
    out.push(
      new Request(BIRD_URL, {
        method: 'POST',
        body,
        headers: {
          [BIRD_SIGNATURE_HEADER]: signBirdWebhook({
            signingKey: KEYS.signingKey,
            url: BIRD_URL,
            body,
            timestamp,
          }),
          [BIRD_TIMESTAMP_HEADER]: timestamp,
          'Content-Length': String(Buffer.byteLength(body)),
        },
      }),
    );
  }
  return out;
}

/** Bot Connector activities for the CloudAdapters (no Authorization: authentication is off). */
function connectorRequests(count: number, serviceUrl: string): Request[] {
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify(
      connectorActivity({
        id: (sequence++).toString(16).padStart(32, '0'),
        from: contactOf(i),
        text: 'Hi! Is my order on its way?',
        serviceUrl,
      }),
    );
    out.push(
      new Request(URL_, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
        },
      }),
    );
  }
  return out;
}

type Input = 'messagebird' | 'bird' | 'connector';

/** A handler measured: what it is given, the fake API's counter its sends land on, and itself. */
interface Handler {
  input: Input;
  handle(request: Request): Promise<Response>;
}

/** Runs prepared requests, CONCURRENCY at a time; answers the seconds it took. */
async function timed(handle: (request: Request) => Promise<Response>, prepared: Request[]) {
  let next = 0;
  const worker = async () => {
    while (next < prepared.length) {
      const response = await handle(prepared[next++] as Request);
      if (response.status !== 200)
        throw new Error(`answered ${response.status}: ${await response.text()}`);
      await response.body?.cancel();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - start) / 1000;
}

const COUNTER: Record<Input, keyof FakeApiCounts> = {
  messagebird: 'messagebird',
  bird: 'bird',
  connector: 'connector',
};

/**
 * The handlers in rotating rounds of one slice each (who goes first rotates too), after two
 * warm-up rounds of half slices, so that the shared machine's drift and the garbage each leaves
 * behind fall on all alike. Each slice's replies are counted at the fake API: every turn must have sent exactly one.
 * Answers each one's turns per second in every round.
 */
async function interleaved<K extends string>(
  handlers: Record<K, Handler>,
  prepare: (input: Input, count: number) => Promise<Request[]>,
  counts: () => Promise<FakeApiCounts>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(handlers) as K[];
  const rates = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = -WARM_UP; round < ROUNDS; round++) {
    const shift = ((round % names.length) + names.length) % names.length;
    const size = round < 0 ? SLICE_SIZE / 2 : SLICE_SIZE;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const handler = handlers[name];
      const prepared = await prepare(handler.input, size);
      const before = (await counts())[COUNTER[handler.input]];
      // Each slice starts from a collected heap, not with the garbage of the one before.
      globalThis.gc?.();
      const took = await timed((r) => handler.handle(r), prepared);
      const sent = (await counts())[COUNTER[handler.input]] - before;
      if (sent !== size) throw new Error(`${name} sent ${sent} replies for ${size} turns`);
      if (round >= 0) rates[name].push(size / took);
    }
  }
  if (process.env.BENCH_DEBUG)
    console.error(JSON.stringify(rates, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  return rates;
}

/**
 * One figure against another: the median of their per-round ratios (each round ran both within a
 * few seconds, so a disturbed round does not tip the figure), and each one's median rate.
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

/**
 * The one fetch of the bare handler and of the minimal adapter: a text to MessageBird, with the
 * global fetch, or (`transport: 'node'`) with node:http as the adapter's client sends.
 */
function textSender(api: string, transport: 'fetch' | 'node' = 'fetch') {
  const headers = {
    Authorization: `AccessKey ${KEYS.accessKey}`,
    'Content-Type': 'application/json',
  };
  // One signal that never aborts, for node:http; every request in flight listens to it.
  const signal = new AbortController().signal;
  setMaxListeners(CONCURRENCY * 4, signal);
  return async (to: string, text: string): Promise<{ id: string }> => {
    const init = {
      method: 'POST',
      headers,
      body: JSON.stringify({ to, from: CHANNEL, type: 'text', content: { text } }),
    };
    const response =
      transport === 'node'
        ? await nodeTransport(`${api}/send`, { ...init, signal })
        : await fetch(`${api}/send`, init);
    return JSON.parse(await response.text()) as { id: string };
  };
}

/**
 * The least any botbuilder adapter does: verify, parse, run a turn through `runMiddleware`, and
 * send what the bot sends with one fetch each. No schema, no dedupe, no window, no limiter, no
 * retries: the floor a botbuilder adapter stands on, beside the bare handler.
 */
class MinimalBotAdapter extends BotAdapter {
  constructor(readonly sendText: ReturnType<typeof textSender>) {
    super();
  }

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
      const { id } = await this.sendText(activity.recipient?.id ?? '', activity.text ?? '');
      responses.push({ id });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
}

/** The echo bot, the same for every handler: one reply to each message. */
async function echo(context: TurnContext | AgentsTurnContext): Promise<void> {
  if (context.activity.type === 'message') {
    await context.sendActivity(`You said: ${context.activity.text}`);
  }
}

export async function run(): Promise<Row[]> {
  const fake = await startFakeApi();
  const api = `${fake.origin}/v1`;
  const sendText = textSender(api);
  const options = {
    ...KEYS,
    channelId: CHANNEL,
    apiBaseUrl: api,
    webhookUrl: URL_,
    logger: silentLogger,
    rateLimit: { perSecond: 1_000_000, maxConcurrent: 1_000 },
  };
  const ours = new MessageBirdAdapter(options);
  const oursBird = new MessageBirdAdapter({
    ...options,
    api: 'bird',
    workspaceId: BIRD_IDS.workspaceId,
    channelId: BIRD_IDS.channelId,
    apiBaseUrl: fake.origin,
    webhookUrl: BIRD_URL,
  });
  const agents = new MessageBirdAgentsAdapter(options);
  try {
    const bare = new Hono();
    bare.post('/api/messages', async (c) => {
      const payload = await verifiedPayload(
        c.req.header('MessageBird-Signature-JWT'),
        await c.req.text(),
      );
      await sendText(payload.message.from, `You said: ${payload.message.content.text}`);
      return c.json({ status: 'ok' });
    });
    const minimal = new MinimalBotAdapter(sendText);
    const minimalNode = new MinimalBotAdapter(textSender(api, 'node'));
    const cloud = botbuilderCloud();
    const agentsCloudAdapter = agentsCloud();
    const serviceUrl = `${fake.origin}/`;
    const all = {
      ours: { input: 'messagebird', handle: (r) => ours.handle(r, echo) },
      cloud: { input: 'connector', handle: (r) => cloud(r, echo) },
      agents: { input: 'messagebird', handle: (r) => agents.handle(r, echo) },
      agentsCloud: { input: 'connector', handle: (r) => agentsCloudAdapter(r, echo) },
      oursBird: { input: 'bird', handle: (r) => oursBird.handle(r, echo) },
      minimal: { input: 'messagebird', handle: (r) => minimal.handle(r, echo) },
      minimalNode: { input: 'messagebird', handle: (r) => minimalNode.handle(r, echo) },
      bare: { input: 'messagebird', handle: async (r) => bare.fetch(r) },
    } satisfies Record<string, Handler>;
    // BENCH_TURNS_ONLY=ours (a name above) runs that handler alone, as when profiling it.
    const only = process.env.BENCH_TURNS_ONLY as keyof typeof all | undefined;
    const rates = await interleaved(
      only ? ({ [only]: all[only] } as typeof all) : all,
      async (input, count) =>
        input === 'messagebird'
          ? messageBirdRequests(count)
          : input === 'bird'
            ? birdRequests(count)
            : connectorRequests(count, serviceUrl),
      () => fake.counts(),
    );
    if (only) {
      return [
        {
          name: `adapter turns: ${only} alone`,
          measured: `${fmt(median(rates[only] as number[]))}/s`,
        },
      ];
    }
    const row = (
      name: string,
      measured: number[],
      baseline: number[],
      baselineName: string,
      target?: number,
    ): Row => {
      const c = compare(measured, baseline);
      return {
        name,
        measured: `${fmt(c.rate)}/s`,
        baseline: `${fmt(c.baseline)}/s ${baselineName}`,
        ratio: c.ratio,
        ...(target === undefined ? {} : { target: `≥ ${target}`, met: c.ratio >= target }),
      };
    };
    const setting = `${CONTACTS} contacts, replies to a fake API over loopback`;
    return [
      row(
        `adapter turns, botbuilder front (every check on) against botbuilder's CloudAdapter (auth off); ${setting}`,
        rates.ours,
        rates.cloud,
        "botbuilder's CloudAdapter",
        1.1,
      ),
      row(
        `adapter turns, Agents front (every check on) against the Agents SDK's CloudAdapter (auth off); ${setting}`,
        rates.agents,
        rates.agentsCloud,
        "Agents SDK's CloudAdapter",
        1.1,
      ),
      row(
        `adapter turns, botbuilder front on Bird's Channels API against botbuilder's CloudAdapter (auth off); ${setting}`,
        rates.oursBird,
        rates.cloud,
        "botbuilder's CloudAdapter",
        1.1,
      ),
      row(
        'adapter turns, botbuilder front against the minimal botbuilder adapter (verify, parse, runMiddleware, one fetch a send)',
        rates.ours,
        rates.minimal,
        'minimal botbuilder adapter',
        0.85,
      ),
      row(
        'adapter turns, Agents front against the minimal botbuilder adapter',
        rates.agents,
        rates.minimal,
        'minimal botbuilder adapter',
        0.85,
      ),
      row(
        'adapter turns, botbuilder front against the minimal botbuilder adapter sending with node:http as the front does (what the checks cost)',
        rates.ours,
        rates.minimalNode,
        'minimal botbuilder adapter on node:http',
      ),
      row(
        'adapter turns, Agents front against the minimal botbuilder adapter on node:http',
        rates.agents,
        rates.minimalNode,
        'minimal botbuilder adapter on node:http',
      ),
      row(
        'adapter turns, botbuilder front against a bare Hono handler (JWT check, parse, one fetch)',
        rates.ours,
        rates.bare,
        'bare Hono handler',
      ),
      row(
        'floor: the minimal botbuilder adapter against the bare Hono handler',
        rates.minimal,
        rates.bare,
        'bare Hono handler',
      ),
    ];
  } finally {
    await ours.close();
    await oursBird.close();
    await agents.close();
    fake.close();
  }
}
