import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';
import type { Redis, RedisOptions } from 'ioredis';
import { ConfigurationError } from './errors.js';
import { minTimeFor } from './local-limiter.js';
import type { RedisConfig } from './redis-config.js';
import { RedisDedupeStore, RedisWindowStore } from './redis-stores.js';

/** Everything the adapter moves to Redis. */
export interface RedisBackends {
  windows: RedisWindowStore;
  dedupe: RedisDedupeStore;
  /** The Bottleneck limiter, clustered through Redis: every instance shares its rate. */
  limiter: Bottleneck;
  /** Disconnects what the adapter opened (not a client you passed in). */
  close(): Promise<void>;
}

/**
 * Connects the shared stores and the clustered limiter. ioredis is loaded here, only when the
 * `redis` option is used. Clients made from a URL fail fast (one retry, 2 s command timeout) so an
 * outage becomes a clear error instead of a hang.
 */
export function connectRedis(
  config: RedisConfig,
  channelId: string,
  limits: { perSecond: number; maxConcurrent: number },
): RedisBackends {
  const IORedis = loadIORedis();
  const owned = config.client === undefined;
  const options: RedisOptions = {
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    enableOfflineQueue: true,
  };
  // A client given in the options is an ioredis client (the option's check saw its duplicate()).
  const client: Redis =
    (config.client as Redis | undefined) ?? new IORedis(config.url as string, options);
  if (owned) client.on('error', () => {}); // errors surface on the commands; keep them off stderr
  const prefix = config.prefix ?? 'mbwa:';
  const limiterClient = client.duplicate();
  limiterClient.on('error', () => {});
  const connection = new Bottleneck.IORedisConnection({
    client: limiterClient,
    Redis: IORedis,
  } as never);
  connection.on('error', () => {});
  recoverAfterRestart(connection);
  const limiter = new Bottleneck({
    id: `${prefix}limiter:${channelId}`,
    datastore: 'ioredis',
    connection,
    clearDatastore: false,
    maxConcurrent: limits.maxConcurrent,
    // Bottleneck's Redis scripts need whole milliseconds.
    minTime: Math.ceil(minTimeFor(limits.perSecond)),
    timeout: 60_000,
  });
  limiter.on('error', () => {});
  return {
    windows: new RedisWindowStore(client, prefix, channelId),
    dedupe: new RedisDedupeStore(client, prefix),
    limiter,
    async close() {
      try {
        await limiter.disconnect(false);
      } catch {
        // already gone
      }
      if (owned) client.disconnect();
    },
  };
}

/**
 * Bottleneck 2.19 re-creates its Redis state after a Redis restart (keys wiped) only when a script
 * fails with exactly `SETTINGS_KEY_NOT_FOUND` or `UNKNOWN_CLIENT`; Redis 7 prefixes such errors
 * with `ERR `, so without this the clustered limiter would fail forever after a restart. Strips the
 * prefix from those two errors only.
 */
function recoverAfterRestart(connection: Bottleneck.IORedisConnection): void {
  type ScriptFn = (...args: unknown[]) => unknown;
  const target = connection as unknown as { __scriptFn__(name: string): ScriptFn };
  const original = target.__scriptFn__.bind(target);
  target.__scriptFn__ = (name: string) => {
    const fn = original(name);
    return (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: Error | null, replies: unknown) => {
          const sentinel =
            error && /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)$/.exec(error.message);
          if (sentinel?.[1] && error) error.message = sentinel[1];
          callback(error, replies);
        };
      }
      return fn(...args);
    };
  };
}

function loadIORedis(): typeof import('ioredis').default {
  try {
    const module = createRequire(import.meta.url)('ioredis');
    return module.default ?? module.Redis ?? module;
  } catch (error) {
    // ioredis is an optional peer dependency: absent, say how to add it; broken, let it show.
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new ConfigurationError(
      'redis',
      'needs the ioredis package, an optional peer dependency: npm install ioredis',
    );
  }
}
