import * as v from 'valibot';
import { isChannelId } from '../messagebird/ids.js';
import type { DedupeStore } from './dedupe-store.js';
import { ConfigurationError } from './errors.js';
import type { Logger } from './logger.js';
import type { RedisConfig } from './redis-config.js';
import type { TemplateDefinitionInput } from './templates.js';
import type { WindowStore } from './window-store.js';

/** MessageBird's Conversations API. */
export const DEFAULT_API_BASE_URL = 'https://conversations.messagebird.com/v1';

const positive = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.minValue(0, `${what} must not be negative`));

const OptionsSchema = v.object({
  accessKey: v.pipe(
    v.string(
      'is required: set it to the access key from MessageBird’s dashboard (Developers → API access)',
    ),
    v.minLength(
      1,
      'is empty: set it to the access key from MessageBird’s dashboard (Developers → API access)',
    ),
  ),
  channelId: v.pipe(
    v.string(
      'is required: set it to the id of your WhatsApp channel in MessageBird (Channels → WhatsApp)',
    ),
    v.check(
      (id: string) => isChannelId(id),
      'is not a channel id: give the 32-hex or UUID id of your WhatsApp channel in MessageBird',
    ),
  ),
  signingKey: v.pipe(
    v.string(
      'is required: set it to the signing key from MessageBird’s dashboard (Developers → API access); webhooks are verified with it',
    ),
    v.minLength(
      1,
      'is empty: set it to the signing key from MessageBird’s dashboard; webhooks are verified with it',
    ),
  ),
  channelName: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), 'WhatsApp'),
  webhookUrl: v.optional(
    v.pipe(
      v.string(),
      v.url(
        'must be the absolute public URL MessageBird calls, such as https://bot.example.com/api/messages: the signature covers it',
      ),
    ),
  ),
  apiBaseUrl: v.optional(
    v.pipe(
      v.string(),
      v.url('must be an absolute URL, such as https://conversations.messagebird.com/v1'),
    ),
    DEFAULT_API_BASE_URL,
  ),
  templates: v.optional(v.array(v.any()), []),
  rateLimit: v.optional(
    v.object({
      perSecond: v.optional(
        v.pipe(positive('rateLimit.perSecond'), v.minValue(0.01, 'must be above 0')),
        20,
      ),
      maxConcurrent: v.optional(
        v.pipe(
          v.number(),
          v.integer('must be a whole number'),
          v.minValue(1, 'must be at least 1'),
        ),
        10,
      ),
    }),
    {},
  ),
  retry: v.optional(
    v.object({
      retries: v.optional(
        v.pipe(
          v.number(),
          v.integer('must be a whole number'),
          v.minValue(0, 'must not be negative'),
        ),
        4,
      ),
      baseDelayMs: v.optional(positive('retry.baseDelayMs'), 250),
      maxDelayMs: v.optional(positive('retry.maxDelayMs'), 10_000),
      timeoutMs: v.optional(
        v.pipe(positive('retry.timeoutMs'), v.minValue(1, 'must be above 0')),
        15_000,
      ),
    }),
    {},
  ),
  window: v.optional(
    v.object({
      maxContacts: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')),
        100_000,
      ),
      unknownContacts: v.optional(
        v.picklist(['refuse', 'allow'], 'must be "refuse" or "allow"'),
        'refuse',
      ),
      fallbackTemplate: v.optional(
        v.object({
          name: v.string(),
          language: v.optional(v.string()),
          params: v.optional(v.array(v.string())),
        }),
      ),
      store: v.optional(
        v.custom<WindowStore>(
          isStore(['recordInbound', 'lastInbound', 'close']),
          'must implement WindowStore',
        ),
      ),
    }),
    {},
  ),
  dedupe: v.optional(
    v.object({
      max: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 50_000),
      ttlMs: v.optional(positive('dedupe.ttlMs'), 24 * 60 * 60 * 1000),
      store: v.optional(
        v.custom<DedupeStore>(
          isStore(['claim', 'complete', 'release']),
          'must implement DedupeStore',
        ),
      ),
    }),
    {},
  ),
  signature: v.optional(
    v.object({
      scheme: v.optional(v.picklist(['jwt', 'legacy'], 'must be "jwt" or "legacy"'), 'jwt'),
      leewaySeconds: v.optional(positive('signature.leewaySeconds'), 1),
      maxAgeSeconds: v.optional(positive('signature.maxAgeSeconds'), 100),
    }),
    {},
  ),
  redis: v.optional(
    v.custom<RedisConfig>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ((typeof (value as { url?: unknown }).url === 'string' &&
          /^rediss?:\/\//.test((value as { url: string }).url)) ||
          typeof (value as { client?: { duplicate?: unknown } }).client?.duplicate ===
            'function') &&
        ['string', 'undefined'].includes(typeof (value as { prefix?: unknown }).prefix),
      'give { url: "redis://host:6379" } or { client } (an ioredis client), and optionally a string prefix',
    ),
  ),
  cards: v.optional(
    v.picklist(
      ['render', 'strict'],
      'must be "render" (show every card as WhatsApp can) or "strict" (refuse what WhatsApp cannot show as it is)',
    ),
    'render',
  ),
  maxBodyBytes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')),
    1024 * 1024,
  ),
  fetch: v.optional(
    v.custom<typeof fetch>(
      (value) => typeof value === 'function',
      'must be a function like the global fetch (Request or URL and init in, a Response out)',
    ),
  ),
  logger: v.optional(
    v.custom<Logger>(
      isStore(['debug', 'info', 'warn', 'error']),
      'must have debug, info, warn and error methods',
    ),
  ),
});

function isStore(methods: string[]) {
  return (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');
}

/** What `new MessageBirdAdapter(options)` takes. */
export interface MessageBirdAdapterOptions {
  /** MessageBird access key (live or test). Never logged. */
  accessKey: string;
  /** The WhatsApp channel id (32 hex characters or a UUID). */
  channelId: string;
  /** The signing key webhooks are verified with. Never logged. */
  signingKey: string;
  /** A name for this channel: `activity.recipient.name`, and in logs and errors. `WhatsApp` by default. */
  channelName?: string;
  /** The public URL MessageBird calls; the signature covers it. The request URL when omitted. */
  webhookUrl?: string;
  /** `https://conversations.messagebird.com/v1` by default; point it at the simulator locally. */
  apiBaseUrl?: string;
  /** Approved templates the bot may send. */
  templates?: TemplateDefinitionInput[];
  /** Outbound rate: `perSecond` (20) and `maxConcurrent` (10) requests for this channel. */
  rateLimit?: { perSecond?: number; maxConcurrent?: number };
  /** Retries of 429, 5xx and connection failures: `retries` (4), `baseDelayMs` (250), `maxDelayMs` (10 000), `timeoutMs` (15 000). */
  retry?: { retries?: number; baseDelayMs?: number; maxDelayMs?: number; timeoutMs?: number };
  /**
   * The 24-hour window: `maxContacts` remembered in memory (100 000); `unknownContacts` — a contact
   * never seen writing is `refuse`d (default) or `allow`ed through to MessageBird; a
   * `fallbackTemplate` sent instead of a free-form message outside the window; a shared `store`.
   */
  window?: {
    maxContacts?: number;
    unknownContacts?: 'refuse' | 'allow';
    fallbackTemplate?: { name: string; language?: string; params?: string[] };
    store?: WindowStore;
  };
  /** Duplicate deliveries: `max` remembered (50 000) for `ttlMs` (24 h); a shared `store`. */
  dedupe?: { max?: number; ttlMs?: number; store?: DedupeStore };
  /** `scheme` `jwt` (default) or `legacy`; `leewaySeconds` (1); `maxAgeSeconds` of legacy signatures (100). */
  signature?: { scheme?: 'jwt' | 'legacy'; leewaySeconds?: number; maxAgeSeconds?: number };
  /**
   * Share the window, the dedupe and token caches and the rate limit with other instances through
   * Redis: `{ url }` or `{ client }` (ioredis), and an optional key `prefix`. In memory otherwise.
   */
  redis?: RedisConfig;
  /**
   * Cards WhatsApp has no equal for (adaptive, receipt, sign-in, media cards, `openUrl` buttons):
   * `render` (default) shows each as WhatsApp can (an image or video header, a body, reply
   * buttons, links in the text); `strict` refuses them with an UnsupportedActivityError.
   */
  cards?: 'render' | 'strict';
  /** Largest webhook body accepted, in bytes (1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * The fetch used for MessageBird's API; global fetch by default: the test kit passes the
   * simulator's in-memory one.
   */
  fetch?: typeof fetch;
  /** Where to log; warnings and errors to the console by default. */
  logger?: Logger;
}

/** Options after validation, with defaults filled in. */
export type ResolvedOptions = v.InferOutput<typeof OptionsSchema> & {
  templates: TemplateDefinitionInput[];
};

/** Validates options; a bad one throws a ConfigurationError naming the field and the fix. */
export function resolveOptions(options: MessageBirdAdapterOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(
      'options',
      'pass an object: new MessageBirdAdapter({ accessKey, channelId, signingKey })',
    );
  }
  const result = v.safeParse(OptionsSchema, options);
  if (!result.success) {
    const issue = result.issues[0];
    const field = v.getDotPath(issue) ?? 'options';
    throw new ConfigurationError(field, issue.message);
  }
  return result.output as ResolvedOptions;
}
