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
/** Contacts sent to through the API client, each of three times: its state is the same for each. */
const SENT_TO = 100_000;
const WARM_UP = 50_000;
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
}

/** The adapter's stores, filled as one million contacts' last messages fill them. */
function adapter(phones: string[], now: number): AdapterBytes {
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

  if (windows.lastInbound(phones[CONTACTS - 1] as string) !== now - CONTACTS + 1) {
    throw new Error('the window store lost a contact');
  }
  windows = undefined;
  dedupe = undefined;
  return { window, dedupe: dedupeBytes };
}

/**
 * The API client's state per contact once idle: one send to each of `SENT_TO` contacts (a fake
 * fetch answering at once, the in-memory limiter), all settled, then what is still held; three
 * times, on other contacts each time, the median (the heap's noise after collecting, compiled
 * code and caches, is some 100 kB, now and then near 1 MB, and never grows with the contacts).
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
  // Warm up (compiled code, lazily made state) on other contacts.
  await sendAll(CONTACTS - WARM_UP, WARM_UP);
  await idle();
  const measured: number[] = [];
  for (let time = 0; time < 3; time++) {
    const before = held();
    await sendAll(time * SENT_TO, SENT_TO);
    await idle();
    measured.push((held() - before) / SENT_TO);
  }
  await client.close();
  return median(measured);
}

/** The dedupe store as it was, on lru-cache with string keys: the baseline of its speed. */
class LruDedupe {
  readonly #cache = new LRUCache<string, 'processing' | 'done'>({
    max: 50_000,
    ttl: 1,
    allowStale: false,
  });
  claim(key: string, ttlMs: number): 'claimed' | 'processing' | 'done' {
    const found = this.#cache.get(key);
    if (found) return found;
    this.#cache.set(key, 'processing', { ttl: ttlMs });
    return 'claimed';
  }
  complete(key: string, ttlMs: number): void {
    this.#cache.set(key, 'done', { ttl: ttlMs });
  }
}

/**
 * Claims per second of the dedupe store at its default size (50,000, full: each new key replaces
 * one), as the webhook pipeline makes them: a token id claimed, a delivery claimed and completed,
 * keys made afresh each time; against the lru-cache store it replaced, rounds taking turns.
 */
function dedupeRates(): { store: number; lru: number; ratio: number } {
  const deliveries = 100_000;
  const ids = Array.from({ length: deliveries }, () => randomUUID());
  const pass = (store: {
    claim(k: string, t: number): string;
    complete(k: string, t: number): void;
  }) => {
    const start = performance.now();
    for (let i = 0; i < deliveries; i++) {
      const id = ids[i] as string;
      store.claim(`jti:${id}`, 61_000);
      const key = `message.updated:${id.replaceAll('-', '')}:delivered`;
      if (store.claim(key, DAY) === 'claimed') store.complete(key, DAY);
    }
    return (2 * deliveries) / ((performance.now() - start) / 1000);
  };
  const ratios: number[] = [];
  const stores: number[] = [];
  const lrus: number[] = [];
  const store = new MemoryDedupeStore();
  const lru = new LruDedupe();
  pass(store); // warm up, and fill both
  pass(lru);
  for (let round = 0; round < 6; round++) {
    const first = round % 2 === 0 ? pass(store) : pass(lru);
    const second = round % 2 === 0 ? pass(lru) : pass(store);
    const [s, l] = round % 2 === 0 ? [first, second] : [second, first];
    stores.push(s);
    lrus.push(l);
    ratios.push(s / l);
  }
  return { store: median(stores), lru: median(lrus), ratio: median(ratios) };
}

export async function run(): Promise<Row[]> {
  if (!globalThis.gc) throw new Error('run the benchmarks with node --expose-gc');
  const phones = Array.from({ length: CONTACTS }, (_, i) => phone(i));
  const now = Date.now();
  const rounds: { bare: number; adapter: AdapterBytes }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const first = round % 2 === 0;
    const a = first ? adapter(phones, now) : undefined;
    const b = bare(phones, now);
    const c = first ? (a as AdapterBytes) : adapter(phones, now);
    rounds.push({ bare: b, adapter: c });
    if (process.env.BENCH_DEBUG) {
      const ms = Math.round(performance.now() - started);
      console.error(`memory round ${round + 1} (${ms} ms)`, rounds.at(-1));
    }
  }
  // Once: it holds nothing per contact, the same in every round, and takes the longest.
  const client = await idleClientBytes(phones);
  const rates = dedupeRates();
  const mid = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const bareBytes = mid((r) => r.bare);
  const totalOf = (r: (typeof rounds)[number]) => r.adapter.window + r.adapter.dedupe + client;
  const total = mid(totalOf);
  const baseline = `${fmt(bareBytes, 1)} B bare lru-cache, numeric keys`;
  return [
    {
      name: 'memory per contact at 1M contacts, all together (window, dedupe keys of the last message on both APIs, API client idle)',
      measured: `${fmt(total, 1)} B`,
      baseline,
      ratio: mid((r) => totalOf(r) / r.bare),
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
      name: `memory: API client per idle contact (order map, limiter; median of 3 × ${fmt(SENT_TO)} contacts sent to)`,
      // Within the measurement's noise of nothing: shown as 0.0, not -0.0.
      measured: `${fmt(Math.abs(client) < 0.05 ? 0 : client, 1)} B`,
      baseline,
      ratio: client / bareBytes,
    },
    {
      name: 'dedupe store: claims per second (50,000 keys, full; a token id, then a delivery claimed and completed)',
      measured: `${fmt(rates.store / 1e6, 2)} M/s`,
      baseline: `${fmt(rates.lru / 1e6, 2)} M/s the lru-cache store it replaced`,
      ratio: rates.ratio,
    },
  ];
}
