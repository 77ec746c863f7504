import type { Redis } from 'ioredis';
import type { ClaimResult, DedupeStore } from './dedupe-store.js';
import { StoreUnavailableError } from './errors.js';
import type { WindowStore } from './window-store.js';

/** How long a contact's last inbound time is kept in Redis: a week, well past its 24-hour window. */
export const REDIS_WINDOW_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Sets the value only when it is later than the stored one (or none is stored). */
const RECORD_LATER = `
local current = redis.call('GET', KEYS[1])
if (not current) or tonumber(current) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1`;

async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StoreUnavailableError(what, error);
  }
}

/**
 * The window store in Redis, shared by every instance: one key per contact,
 * `<prefix>window:<channel>:<msisdn>`, holding the last inbound time in ms.
 *
 * @example
 * const windows = new RedisWindowStore(new Redis(url), 'mybot:', channelId);
 */
export class RedisWindowStore implements WindowStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly channelId: string,
  ) {}

  #key(contact: string): string {
    return `${this.prefix}window:${this.channelId}:${contact.replace(/^\+/, '')}`;
  }

  recordInbound(contact: string, at: number): Promise<void> {
    return guarded('recording the contact’s window', async () => {
      await this.redis.eval(
        RECORD_LATER,
        1,
        this.#key(contact),
        String(at),
        String(REDIS_WINDOW_TTL_MS),
      );
    });
  }

  lastInbound(contact: string): Promise<number | undefined> {
    return guarded('reading the contact’s window', async () => {
      const value = await this.redis.get(this.#key(contact));
      return value === null ? undefined : Number(value);
    });
  }

  close(contact: string): Promise<void> {
    return guarded('closing the contact’s window', async () => {
      await this.redis.set(this.#key(contact), '0', 'PX', REDIS_WINDOW_TTL_MS);
    });
  }
}

/**
 * The dedupe store in Redis, shared by every instance: `SET NX` claims a delivery or token id for
 * exactly one instance.
 *
 * @example
 * const dedupe = new RedisDedupeStore(new Redis(url), 'mybot:');
 */
export class RedisDedupeStore implements DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  claim(key: string, ttlMs: number): Promise<ClaimResult> {
    return guarded('checking for a duplicate delivery', async () => {
      const k = `${this.prefix}dedupe:${key}`;
      const px = Math.max(1, Math.ceil(ttlMs));
      if ((await this.redis.set(k, 'processing', 'PX', px, 'NX')) === 'OK') return 'claimed';
      const state = await this.redis.get(k);
      if (state === null) {
        // Expired between the two calls: claim it again.
        return (await this.redis.set(k, 'processing', 'PX', px, 'NX')) === 'OK'
          ? 'claimed'
          : 'processing';
      }
      return state === 'done' ? 'done' : 'processing';
    });
  }

  complete(key: string, ttlMs: number): Promise<void> {
    return guarded('recording a handled delivery', async () => {
      await this.redis.set(
        `${this.prefix}dedupe:${key}`,
        'done',
        'PX',
        Math.max(1, Math.ceil(ttlMs)),
      );
    });
  }

  release(key: string): Promise<void> {
    return guarded('releasing a failed delivery', async () => {
      await this.redis.del(`${this.prefix}dedupe:${key}`);
    });
  }
}
