/**
 * The outbound limiter: configured against achieved rate over 10 seconds, and the most requests
 * in any sliding second, with traffic arriving all at once and in bursts. The requests go through
 * the adapter's real API client to a stand-in for MessageBird in another process on 127.0.0.1,
 * which times them where they arrive.
 */
import { MessageBirdClient } from '../src/core/api-client.js';
import { silentLogger } from '../src/core/logger.js';
import { startArrivalServer } from './arrival-server.js';
import { fmt, type Row } from './table.js';

const RATE = 50;
const SECONDS = 10;

function slidingMax(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && (times[j] as number) - (times[i] as number) < 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

async function measure(pattern: 'all at once' | 'bursts'): Promise<Row[]> {
  const fake = await startArrivalServer();
  const dispatched: number[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
    dispatched.push(performance.now());
    return realFetch(...args);
  }) as typeof fetch;
  const client = new MessageBirdClient({
    accessKey: 'bench',
    apiBaseUrl: fake.apiBaseUrl,
    rateLimit: { perSecond: RATE, maxConcurrent: 20 },
    retry: { retries: 0, baseDelayMs: 10, maxDelayMs: 10, timeoutMs: 5_000 },
    logger: silentLogger,
  });
  const total = RATE * SECONDS;
  const send = (i: number) =>
    client.send({
      to: `+3161${String(1_000_000 + i).slice(-7)}`,
      from: '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
      type: 'text',
      content: { text: `m${i}` },
    });
  const pending: Promise<unknown>[] = [];
  if (pattern === 'all at once') {
    for (let i = 0; i < total; i++) pending.push(send(i));
  } else {
    // Bursts of 3 seconds' worth every 2 seconds, so the queue fills and drains.
    for (let burst = 0; burst * RATE * 3 < total; burst++) {
      for (let i = burst * RATE * 3; i < Math.min(total, (burst + 1) * RATE * 3); i++)
        pending.push(send(i));
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  await Promise.all(pending);
  await client.close();
  globalThis.fetch = realFetch;
  const arrivals = await fake.arrivals();
  fake.close();
  const span = ((dispatched.at(-1) as number) - (dispatched[0] as number)) / 1000;
  const achieved = (dispatched.length - 1) / span;
  const most = slidingMax(dispatched);
  const arrived = slidingMax(arrivals);
  return [
    {
      name: `rate limiter (${pattern}): achieved rate`,
      measured: `${fmt(achieved, 2)}/s over ${fmt(span, 1)} s`,
      baseline: `${RATE}/s configured`,
      ratio: achieved / RATE,
      target: '≥ 0.98',
      met: achieved / RATE >= 0.98,
    },
    {
      name: `rate limiter (${pattern}): most sent in any sliding second`,
      measured: `${most} sent (${arrived} arrived at the other process)`,
      baseline: `${RATE} limit`,
      ratio: most / RATE,
      target: `≤ ${RATE}`,
      met: most <= RATE,
    },
  ];
}

export async function run(): Promise<Row[]> {
  return [...(await measure('all at once')), ...(await measure('bursts'))];
}
