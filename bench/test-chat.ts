/**
 * The test kit's time per turn, in ten-turn conversations (the unit), each with a new
 * contact: `contact.says()` with an echo bot, in memory (the default) and on sockets, against the
 * same turns wired by hand in memory as a user would wire them without the kit (the simulator's
 * `fetch` calling `adapter.handle` with a Fetch Request, the adapter's calling `app.fetch`, then
 * `inbound()` and `idle()`). The kit in memory hands webhooks to the adapter's pipeline without
 * Fetch objects, and adds its bookkeeping (messages, statuses, settling). Two warm-up rounds are
 * not counted; the first round's figure is printed beside, as what a cold process pays.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { MessageBirdAdapter } from '../src/adapter/index.js';
import { silentLogger } from '../src/core/logger.js';
import { createClock } from '../src/simulator/clock.js';
import { createSimulator } from '../src/simulator/simulator.js';
import { createTestChat } from '../src/testing/index.js';
import { fmt, median, type Row } from './table.js';

/** Ten-turn conversations a round, each with a new contact (its first turn greets it too). */
const CONVERSATIONS = Number(process.env.BENCH_KIT_CONVERSATIONS ?? 20);
const TURNS_EACH = 10;
const TURNS = CONVERSATIONS * TURNS_EACH;
/** Measured rounds, after warm-up rounds that are not counted (the JIT's first compilations). */
const ROUNDS = Number(process.env.BENCH_KIT_ROUNDS ?? 5);
const WARMUP = Number(process.env.BENCH_KIT_WARMUP ?? 2);

/** The phone number of a round's `n`th contact. */
const phone = (n: number) => `+55119876${String(n).padStart(5, '0')}`;

const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`echo: ${context.activity.text}`);
  await next();
});
const logic = (context: TurnContext) => bot.run(context);

/** Milliseconds per turn through the kit. */
async function kitRound(sockets: boolean): Promise<number> {
  const chat = await createTestChat({ logic, sockets });
  const start = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) {
    const contact = chat.contact(phone(c), { name: 'Ana' });
    for (let i = 0; i < TURNS_EACH; i++) await contact.says(`hi ${i}`);
  }
  const ms = (performance.now() - start) / TURNS;
  await chat.close();
  return ms;
}

/** Milliseconds per turn wired by hand, in memory, with the same statuses. */
async function bareRound(): Promise<number> {
  const keys = {
    accessKey: 'bench_kit_access',
    signingKey: 'bench_kit_signing',
    channelId: '2f4d6a8c1b3e4c5d9e7fa1b2c3d4e5f6',
  };
  let adapter: MessageBirdAdapter | undefined;
  const sim = createSimulator({
    ...keys,
    clock: createClock({ mode: 'manual' }),
    schedule: { pending: 0, sent: 0, delivered: 0, read: null, failed: 0 },
    webhookRetry: { attempts: 1 },
    fetch: async (input, init) =>
      (adapter as MessageBirdAdapter).handle(new Request(input, init), logic),
  });
  adapter = new MessageBirdAdapter({
    ...keys,
    apiBaseUrl: 'https://messagebird.test/v1',
    webhookUrl: 'https://bot.test/api/messages',
    logger: silentLogger,
    rateLimit: { perSecond: 1_000_000, maxConcurrent: 1_000 },
    fetch: async (input, init) => sim.app.fetch(new Request(input, init)),
  });
  await sim.app.request('/v1/webhooks', {
    method: 'POST',
    headers: { Authorization: `AccessKey ${keys.accessKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      channelId: keys.channelId,
      url: 'https://bot.test/api/messages',
      events: [
        'message.created',
        'message.updated',
        'conversation.created',
        'conversation.updated',
      ],
    }),
  });
  const say = async (from: string, text: string) => {
    sim.inbound({ from, displayName: 'Ana', type: 'text', content: { text } });
    await sim.idle();
  };
  const start = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) {
    for (let i = 0; i < TURNS_EACH; i++) await say(phone(c), `hi ${i}`);
  }
  const ms = (performance.now() - start) / TURNS;
  await adapter.close();
  await sim.close();
  return ms;
}

export async function run(): Promise<Row[]> {
  const kit: number[] = [];
  const bare: number[] = [];
  const sockets: number[] = [];
  let cold = 0;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const counted = round >= WARMUP;
    const b = await bareRound();
    const k = await kitRound(false);
    const s = await kitRound(true);
    if (round === 0) cold = k;
    if (!counted) continue;
    bare.push(b);
    kit.push(k);
    sockets.push(s);
  }
  if (process.env.BENCH_DEBUG) {
    const list = (xs: number[]) => xs.map((x) => fmt(x, 2)).join(', ');
    console.error(`test kit rounds (ms a turn): wired by hand ${list(bare)}`);
    console.error(`test kit rounds (ms a turn): in memory ${list(kit)}`);
    console.error(`test kit rounds (ms a turn): sockets ${list(sockets)}`);
  }
  const kitMs = median(kit);
  const bareMs = median(bare);
  const socketMs = median(sockets);
  return [
    {
      name: `test kit: one turn in memory (says → echo → statuses delivered; ${CONVERSATIONS} ten-turn conversations × ${ROUNDS} rounds after ${WARMUP} warm-up rounds, median)`,
      measured: `${fmt(kitMs, 2)} ms`,
      baseline: `${fmt(bareMs, 2)} ms wired by hand`,
      ratio: kitMs / bareMs,
      target: '≤ 1 ms',
      met: kitMs <= 1,
    },
    {
      name: 'test kit: one turn in memory, first round of the process (cold: the JIT still compiling)',
      measured: `${fmt(cold, 2)} ms`,
      baseline: `${fmt(kitMs, 2)} ms warm`,
      ratio: cold / kitMs,
    },
    {
      name: 'test kit: one turn on sockets (sockets: true)',
      measured: `${fmt(socketMs, 2)} ms`,
      baseline: `${fmt(kitMs, 2)} ms in memory`,
      ratio: socketMs / kitMs,
      target: '≥ 5',
      met: socketMs / kitMs >= 5,
    },
  ];
}
