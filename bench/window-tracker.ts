/**
 * The in-memory window tracker at one million contacts: bytes per contact and lookups per second,
 * beside a bare lru-cache with numeric keys measured in the same process (the physical limit of
 * the data structure). Bytes are the change in `heapUsed + arrayBuffers` after two collections:
 * typed arrays keep their contents outside the JavaScript heap. Run with --expose-gc.
 */
import { LRUCache } from 'lru-cache';
import { MemoryWindowStore } from '../src/core/window-store.js';
import { fmt, type Row } from './table.js';

const CONTACTS = 1_000_000;
const LOOKUPS = 3_000_000;
const phone = (i: number) => `+316${String(10_000_000 + i).slice(-8)}`;

function heap(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

export async function run(): Promise<Row[]> {
  if (!globalThis.gc) throw new Error('run the benchmarks with node --expose-gc');
  const phones = Array.from({ length: CONTACTS }, (_, i) => phone(i));
  const now = Date.now();

  let before = heap();
  const bare = new LRUCache<number, number>({ max: CONTACTS });
  for (let i = 0; i < CONTACTS; i++) bare.set(Number((phones[i] as string).slice(1)), now - i);
  const bareBytes = (heap() - before) / CONTACTS;

  before = heap();
  const store = new MemoryWindowStore({ maxContacts: CONTACTS });
  for (let i = 0; i < CONTACTS; i++) store.recordInbound(phones[i] as string, now - i);
  const storeBytes = (heap() - before) / CONTACTS;

  let start = performance.now();
  let sink = 0;
  for (let i = 0; i < LOOKUPS; i++)
    sink += bare.get(Number((phones[i % CONTACTS] as string).slice(1))) ?? 0;
  const bareRate = LOOKUPS / ((performance.now() - start) / 1000);

  start = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    sink += store.lastInbound(phones[i % CONTACTS] as string) ?? 0;
  }
  const storeRate = LOOKUPS / ((performance.now() - start) / 1000);
  if (sink === 42) console.log(sink);

  return [
    {
      name: 'window tracker: bytes per contact (1M contacts)',
      measured: `${fmt(storeBytes, 1)} B`,
      baseline: `${fmt(bareBytes, 1)} B bare lru-cache, numeric keys`,
      ratio: storeBytes / bareBytes,
      target: '≤ 80 B',
      met: storeBytes <= 80,
    },
    {
      name: 'window tracker: lookups per second (1M contacts)',
      measured: `${fmt(storeRate / 1e6, 2)} M/s`,
      baseline: `${fmt(bareRate / 1e6, 2)} M/s bare lru-cache get`,
      ratio: storeRate / bareRate,
      target: '≥ 1.5 M/s',
      met: storeRate >= 1.5e6,
    },
  ];
}
