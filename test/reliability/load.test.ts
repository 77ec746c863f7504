import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TurnContext } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { percentile } from '../support/stats.js';
import { contact, startStack } from './stack.js';
import { guardSecrets, watchUnhandled } from './support.js';

guardSecrets();
watchUnhandled();
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MESSAGES = 10_000;
const CONTACTS = 500;

const created = new Map<string, number>();
const latencies: number[] = [];
const seen = new Map<string, number>();

async function bot(context: TurnContext) {
  const { activity } = context;
  if (activity.type !== 'message' || !activity.id) return;
  seen.set(activity.id, (seen.get(activity.id) ?? 0) + 1);
  const at = created.get(activity.id);
  if (at !== undefined) latencies.push(performance.now() - at);
}

const stack = await startStack(bot, {
  simulator: { echoOutbound: false },
  adapter: { dedupe: { max: 20_000 } },
});
afterAll(() => stack.close());

describe('load: inbound messages over loopback from the simulator to the bot', () => {
  it(`delivers ${MESSAGES.toLocaleString('en')} messages, each to the bot exactly once, with memory bounded`, async () => {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      const message = stack.sim.inbound({
        from: contact(i % CONTACTS),
        type: 'text',
        content: { text: `load ${i}` },
      });
      created.set(message.id, performance.now());
      // Let deliveries start while messages keep arriving, as real traffic does.
      if (i % 250 === 249) await new Promise((r) => setImmediate(r));
    }
    await stack.sim.idle();
    const seconds = (performance.now() - start) / 1000;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    latencies.sort((a, b) => a - b);
    const lost = [...created.keys()].filter((id) => seen.get(id) !== 1);
    const growthMiB = (heapAfter - heapBefore) / 2 ** 20;
    console.info(
      `[load] ${MESSAGES} inbound messages in ${seconds.toFixed(1)} s: ${(MESSAGES / seconds).toFixed(0)}/s; ` +
        `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ` +
        `${lost.length} lost or doubled; heap +${growthMiB.toFixed(1)} MiB (simulator store included)`,
    );
    expect(lost).toEqual([]);
    expect(seen.size).toBe(MESSAGES);
    // The simulator keeps every message it saw; the adapter's caches are LRU-bounded.
    expect(growthMiB).toBeLessThan(300);
  }, 120_000);
});
