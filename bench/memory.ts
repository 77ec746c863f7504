/**
 * Memory the adapter holds per contact at one million contacts, all together: the window entry
 * (the in-memory window store), the dedupe entries of the contact's last message (the
 * Conversations API's key, `message.created:{32 hex id}:received`, and Bird's, event + message id
 * + status, `bird:whatsapp.outbound:{uuid}:delivered`, both claimed and completed for 24 hours in
 * the in-memory dedupe store), and the API client's per-contact state once the contact is idle
 * (its per-contact order map; the limiter holds nothing per contact). Each part is the change in
 * `heapUsed + arrayBuffers` after two collections (typed arrays keep their contents outside the
 * JavaScript heap, so `heapUsed` alone would miss them), divided by the contacts. The baseline is a
 * bare lru-cache with one numeric key and value per contact, measured in the same rounds (taking
 * turns with the adapter's stores), and the ratio is the median of the per-round ratios. Run with
 * --expose-gc.
 */
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { MessageBirdClient } from '../src/core/api-client.js';
import { MemoryDedupeStore } from '../src/core/dedupe-store.js';
import { silentLogger } from '../src/core/logger.js';
import { MemoryWindowStore } from '../src/core/window-store.js';
import { fmt, median, type Row } from './table.js';

const CONTACTS = 1_000_000;
/** Contacts sent to through the API client: its per-contact state is the same for each. */
const SENT_TO = 50_000;
const ROUNDS = 3;
/** How long after its last answer a client counts as idle, in ms: its request timeouts lapsed. */
const IDLE_MS = 400;
const DAY = 24 * 60 * 60 * 1000;
const phone = (i: number) => `+316${String(10_000_000 + i).slice(-8)}`;

/** Bytes held now, after collecting twice: the JavaScript heap and typed arrays' contents. */
function held(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The bare baseline: one numeric key (the number) and value (a time) per contact. */
function bare(phones: string[], now: number): number {
  const before = held();
  let cache: LRUCache<number, number> | undefined = new LRUCache<number, number>({
    max: CONTACTS,
  });
  for (let i = 0; i < CONTACTS; i++) cache.set(Number((phones[i] as string).slice(1)), now - i);
  const bytes = (held() - before) / CONTACTS;
  if (cache.size !== CONTACTS) throw new Error('the bare cache lost entries');
  cache = undefined;
  return bytes;
}

interface AdapterBytes {
  window: number;
  dedupe: number;
  client: number;
  total: number;
}

/** The adapter's stores and client, filled as one million contacts' last messages fill them. */
async function adapter(phones: string[], now: number): Promise<AdapterBytes> {
  let before = held();
  let windows: MemoryWindowStore | undefined = new MemoryWindowStore({ maxContacts: CONTACTS });
  for (let i = 0; i < CONTACTS; i++) windows.recordInbound(phones[i] as string, now - i);
  const window = (held() - before) / CONTACTS;

  before = held();
  let dedupe: MemoryDedupeStore | undefined = new MemoryDedupeStore({ max: 2 * CONTACTS });
  let last = '';
  for (let i = 0; i < CONTACTS; i++) {
    const conversations = `message.created:${randomUUID().replaceAll('-', '')}:received`;
    if (dedupe.claim(conversations, DAY) !== 'claimed') throw new Error('a new key was not new');
    dedupe.complete(conversations, DAY);
    const bird = `bird:whatsapp.outbound:${randomUUID()}:delivered`;
    if (dedupe.claim(bird, DAY) !== 'claimed') throw new Error('a new key was not new');
    dedupe.complete(bird, DAY);
    last = conversations;
  }
  const dedupeBytes = (held() - before) / CONTACTS;
  // Used after the measurement, or the collector may take the stores before it.
  if (dedupe.claim(last, DAY) !== 'done') throw new Error('the dedupe store lost a key');

  const client = await idleClientBytes(phones);
  if (windows.lastInbound(phones[CONTACTS - 1] as string) !== now - CONTACTS + 1) {
    throw new Error('the window store lost a contact');
  }
  windows = undefined;
  dedupe = undefined;
  return {
    window,
    dedupe: dedupeBytes,
    client,
    total: window + dedupeBytes + client,
  };
}

/**
 * The API client's state per contact once idle: one send to each of `SENT_TO` contacts (a fake
 * fetch answering at once, the in-memory limiter), all settled, then what is still held.
 */
async function idleClientBytes(phones: string[]): Promise<number> {
  const answer = JSON.stringify({ id: 'f'.repeat(32), status: 'accepted' });
  const client = new MessageBirdClient({
    accessKey: 'test_key',
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    rateLimit: { perSecond: 1_000_000, maxConcurrent: 5_000 },
    // A short timeout: each request's timeout signal (shared by up to ten) lapses soon after it.
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: IDLE_MS / 4 },
    logger: silentLogger,
    fetch: async () =>
      new Response(answer, { status: 202, headers: { 'content-type': 'application/json' } }),
  });
  const sendAll = async (from: number, count: number) => {
    const batch = 5_000;
    for (let start = from; start < from + count; start += batch) {
      const sends: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(start + batch, from + count); i++) {
        const to = phones[i] as string;
        sends.push(client.send({ to, from: 'channel', type: 'text', content: { text: 'hi' } }));
      }
      await Promise.all(sends);
    }
  };
  const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  // Warm up (compiled code, lazily made state) on other contacts, as many as are measured.
  await sendAll(CONTACTS - SENT_TO, SENT_TO);
  await idle();
  const before = held();
  await sendAll(0, SENT_TO);
  await idle();
  const bytes = (held() - before) / SENT_TO;
  await client.close();
  return bytes;
}

export async function run(): Promise<Row[]> {
  if (!globalThis.gc) throw new Error('run the benchmarks with node --expose-gc');
  const phones = Array.from({ length: CONTACTS }, (_, i) => phone(i));
  const now = Date.now();
  const rounds: { bare: number; adapter: AdapterBytes }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const first = round % 2 === 0;
    const a = first ? await adapter(phones, now) : undefined;
    const b = bare(phones, now);
    const c = first ? (a as AdapterBytes) : await adapter(phones, now);
    rounds.push({ bare: b, adapter: c });
    if (process.env.BENCH_DEBUG) {
      const ms = Math.round(performance.now() - started);
      console.error(`memory round ${round + 1} (${ms} ms)`, rounds.at(-1));
    }
  }
  const mid = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const bareBytes = mid((r) => r.bare);
  const total = mid((r) => r.adapter.total);
  const baseline = `${fmt(bareBytes, 1)} B bare lru-cache, numeric keys`;
  return [
    {
      name: 'memory per contact at 1M contacts, all together (window, dedupe keys of the last message on both APIs, API client idle)',
      measured: `${fmt(total, 1)} B`,
      baseline,
      ratio: mid((r) => r.adapter.total / r.bare),
      target: '≤ 100 B',
      met: total <= 100,
    },
    {
      name: 'memory: the window entry',
      measured: `${fmt(
        mid((r) => r.adapter.window),
        1,
      )} B`,
      baseline,
      ratio: mid((r) => r.adapter.window / r.bare),
    },
    {
      name: 'memory: two dedupe entries (message.created:{id}:received, bird:whatsapp.outbound:{uuid}:delivered)',
      measured: `${fmt(
        mid((r) => r.adapter.dedupe),
        1,
      )} B`,
      baseline,
      ratio: mid((r) => r.adapter.dedupe / r.bare),
    },
    {
      name: `memory: API client per idle contact (order map, limiter; ${fmt(SENT_TO)} contacts sent to)`,
      // Within the measurement's noise of nothing: shown as 0.0, not -0.0.
      measured: `${fmt(Math.abs(mid((r) => r.adapter.client)) < 0.05 ? 0 : mid((r) => r.adapter.client), 1)} B`,
      baseline,
      ratio: mid((r) => r.adapter.client / r.bare),
    },
  ];
}
