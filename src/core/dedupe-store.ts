import { LRUCache } from 'lru-cache';
import type { MaybePromise } from './maybe-promise.js';

/** What a claim found: new (`claimed`), being handled elsewhere (`processing`), or handled (`done`). */
export type ClaimResult = 'claimed' | 'processing' | 'done';

/**
 * Remembers webhook deliveries and token ids so duplicates run the bot once and replayed tokens
 * are refused. In memory by default; Redis when instances share it. Methods may answer at once
 * or with a promise; the adapter awaits both.
 */
export interface DedupeStore {
  /** Claims `key` for `ttlMs`; says whether it was new, in progress, or done. */
  claim(key: string, ttlMs: number): MaybePromise<ClaimResult>;
  /** Marks a claimed key done, for `ttlMs`. */
  complete(key: string, ttlMs: number): MaybePromise<void>;
  /** Forgets a claim whose handling failed, so a redelivery is handled again. */
  release(key: string): MaybePromise<void>;
}

/** Options of the in-memory store. */
export interface MemoryDedupeStoreOptions {
  /** The most keys remembered; 50 000 by default. */
  max?: number;
}

/**
 * The in-memory dedupe store on lru-cache, with a time to live per key. It answers at once.
 *
 * @example
 * const dedupe = new MemoryDedupeStore({ max: 10_000 });
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #cache: LRUCache<string, 'processing' | 'done'>;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    this.#cache = new LRUCache({ max: options.max ?? 50_000, ttl: 1, allowStale: false });
  }

  claim(key: string, ttlMs: number): ClaimResult {
    const found = this.#cache.get(key);
    if (found) return found;
    this.#cache.set(key, 'processing', { ttl: ttlMs });
    return 'claimed';
  }

  complete(key: string, ttlMs: number): void {
    this.#cache.set(key, 'done', { ttl: ttlMs });
  }

  release(key: string): void {
    this.#cache.delete(key);
  }
}
