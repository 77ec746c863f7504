/**
 * An ioredis client of yours (`new Redis(…)`), for the `redis` option. Typed by what the adapter
 * checks for, not by ioredis's own class, so the package's types compile without ioredis
 * installed (it is an optional peer dependency); the adapter uses it as an ioredis client.
 */
export interface RedisClient {
  /** ioredis's `duplicate()`: the adapter takes a second connection for the shared limiter. */
  duplicate(): unknown;
}

/** The `redis` option: a URL, or an ioredis client of yours; keys start with `prefix`. */
export type RedisConfig = (
  | { url: string; client?: undefined }
  | { client: RedisClient; url?: undefined }
) & {
  /** Put before every key; `mbwa:` by default. */
  prefix?: string;
};
