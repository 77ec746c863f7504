import { LRUCache } from 'lru-cache';

/** What a claim found: new (`claimed`), being handled elsewhere (`processing`), or handled (`done`). */
export type ClaimResult = 'claimed' | 'processing' | 'done';

/**
 * Remembers webhook deliveries and token ids so duplicates run the bot once and replayed tokens
 * are refused. In memory by default; Redis when instances share it.
 */
export interface DedupeStore {
  /** Claims `key` for `ttlMs`; says whether it was new, in progress, or done. */
  claim(key: string, ttlMs: number): Promise<ClaimResult>;
  /** Marks a claimed key done, for `ttlMs`. */
  complete(key: string, ttlMs: number): Promise<void>;
  /** Forgets a claim whose handling failed, so a redelivery is handled again. */
  release(key: string): Promise<void>;
}

/** Options of the in-memory store. */
export interface MemoryDedupeStoreOptions {
  /** The most keys remembered; 50 000 by default. */
  max?: number;
}

/**
 * The in-memory dedupe store on lru-cache, with a time to live per key.
 *
 * @example
 * const dedupe = new MemoryDedupeStore({ max: 10_000 });
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly #cache: LRUCache<string, 'processing' | 'done'>;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    this.#cache = new LRUCache({ max: options.max ?? 50_000, ttl: 1, allowStale: false });
  }

  async claim(key: string, ttlMs: number): Promise<ClaimResult> {
    const found = this.#cache.get(key);
    if (found) return found;
    this.#cache.set(key, 'processing', { ttl: ttlMs });
    return 'claimed';
  }

  async complete(key: string, ttlMs: number): Promise<void> {
    this.#cache.set(key, 'done', { ttl: ttlMs });
  }

  async release(key: string): Promise<void> {
    this.#cache.delete(key);
  }
}
