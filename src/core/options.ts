import * as v from 'valibot';
import { DEFAULT_BIRD_LEEWAY_SECONDS, DEFAULT_BIRD_MAX_AGE_SECONDS } from '../bird/signature.js';
import { isChannelId, UUID_PATTERN } from '../messagebird/ids.js';
import type { BirdTemplateDefinitionInput } from './bird-templates.js';
import type { DedupeStore } from './dedupe-store.js';
import { ConfigurationError } from './errors.js';
import type { Logger } from './logger.js';
import type { RedisConfig } from './redis-config.js';
import type { TemplateDefinitionInput } from './templates.js';
import type { WindowStore } from './window-store.js';

/** MessageBird's Conversations API. */
export const DEFAULT_API_BASE_URL = 'https://conversations.messagebird.com/v1';

/** Bird's Channels API (no version in the path). */
export const DEFAULT_BIRD_API_BASE_URL = 'https://api.bird.com';

/** The APIs the adapter speaks: MessageBird's Conversations API, or Bird's Channels API. */
export const APIS = ['conversations', 'bird'] as const;

/** Which API the adapter speaks (`api` option). */
export type ApiName = (typeof APIS)[number];

const positive = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.minValue(0, `${what} must not be negative`));

const OptionsSchema = v.object({
  api: v.optional(
    v.picklist(
      APIS,
      'must be "conversations" (MessageBird’s Conversations API, the default) or "bird" (Bird’s Channels API)',
    ),
    'conversations',
  ),
  // Checked below for Bird only: the Conversations API does not use it.
  workspaceId: v.optional(v.custom<string>(() => true)),
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
      v.url(
        'must be an absolute URL, such as https://conversations.messagebird.com/v1 (or https://api.bird.com with api: "bird")',
      ),
    ),
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
      leewaySeconds: v.optional(positive('signature.leewaySeconds')),
      maxAgeSeconds: v.optional(positive('signature.maxAgeSeconds')),
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

/**
 * What `new MessageBirdAdapter(options)` takes. The same options serve both APIs; `api` says
 * which: `MessageBirdAdapterOptions` (or `<'conversations'>`) is MessageBird's Conversations API,
 * the default; `MessageBirdAdapterOptions<'bird'>` is Bird's Channels API (`api: 'bird'` and
 * `workspaceId` required, templates by project); `MessageBirdAdapterOptions<ApiName>` either.
 *
 * @example
 * const options: MessageBirdAdapterOptions<'bird'> = {
 *   api: 'bird', workspaceId, channelId, accessKey, signingKey, webhookUrl,
 *   templates: [{ name: 'order_update', projectId, version: 'latest', language: 'en', variables: ['name', 'order'] }],
 * };
 */
export type MessageBirdAdapterOptions<A extends ApiName = 'conversations'> = AdapterOptionsBase &
  (A extends 'bird' ? BirdApiOptions : ConversationsApiOptions);

/** The options of MessageBird's Conversations API (`api` left out or `'conversations'`). */
export interface ConversationsApiOptions {
  /** `'conversations'` (the default): MessageBird's Conversations API. */
  api?: 'conversations';
  /** Not used by the Conversations API (Bird's workspace id). */
  workspaceId?: string;
  /** Approved templates the bot may send: `{ name, language, category, content, namespace }`. */
  templates?: TemplateDefinitionInput[];
}

/** The options of Bird's Channels API (`api: 'bird'`). */
export interface BirdApiOptions {
  /** `'bird'`: Bird's Channels API (`https://api.bird.com`). */
  api: 'bird';
  /** Bird's workspace id (a UUID: app.bird.com/workspaces/<id>/…). */
  workspaceId: string;
  /**
   * Approved templates the bot may send: `{ name, projectId, version?: 'latest', language,
   * variables, content? }`; positional params fill `variables` in order.
   */
  templates?: BirdTemplateDefinitionInput[];
}

/** The options both APIs share. */
export interface AdapterOptionsBase {
  /** MessageBird or Bird access key. Never logged. */
  accessKey: string;
  /** The WhatsApp channel id (32 hex characters or a UUID; a UUID on Bird). */
  channelId: string;
  /**
   * The signing key webhooks are verified with (on Bird, the subscription's `signingKey`). Never
   * logged.
   */
  signingKey: string;
  /** A name for this channel: `activity.recipient.name`, and in logs and errors. `WhatsApp` by default. */
  channelName?: string;
  /** The public URL MessageBird or Bird calls; the signature covers it. The request URL when omitted. */
  webhookUrl?: string;
  /**
   * `https://conversations.messagebird.com/v1` by default, `https://api.bird.com` with
   * `api: 'bird'`; point it at the simulator locally.
   */
  apiBaseUrl?: string;
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
  /**
   * Webhook signatures. Conversations API: `scheme` `jwt` (default) or `legacy`; `leewaySeconds`
   * (1); `maxAgeSeconds` of legacy signatures (100). Bird (`messagebird-signature`, `scheme`
   * unused): `maxAgeSeconds` a timestamp may be old (86 400: Bird retries for hours with the first
   * timestamp) and `leewaySeconds` it may be ahead of this clock (60).
   */
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
   * The fetch used for MessageBird's or Bird's API: the test kit passes the simulator's in-memory
   * one. By default, node:http(s) over the global agents' kept-alive sockets on Node (a third to a
   * quarter of the global fetch's CPU a request), or the global fetch where something replaced it
   * (a stub, an interceptor) or off Node; pass `fetch: globalThis.fetch` to go through undici's
   * dispatcher (a ProxyAgent or MockAgent set with setGlobalDispatcher).
   */
  fetch?: typeof fetch;
  /** Where to log; warnings and errors to the console by default. */
  logger?: Logger;
}

/** Options after validation, with defaults filled in. */
export type ResolvedOptions = Omit<
  v.InferOutput<typeof OptionsSchema>,
  'apiBaseUrl' | 'signature' | 'templates'
> & {
  /** The API's base URL, its default filled in for the API. */
  apiBaseUrl: string;
  signature: { scheme: 'jwt' | 'legacy'; leewaySeconds: number; maxAgeSeconds: number };
  templates: (TemplateDefinitionInput | BirdTemplateDefinitionInput)[];
};

/** Where each required option comes from on Bird, for its error message. */
const BIRD_ADVICE: Record<string, string> = {
  accessKey:
    'set it to an access key of your Bird workspace (Bird: Settings → Security → Access keys)',
  signingKey:
    'set it to the signingKey of your Bird webhook subscription (whatsapp.inbound and whatsapp.outbound); webhooks are verified with it',
  channelId:
    'set it to the UUID of your WhatsApp channel in Bird (Channels → WhatsApp; the id in its URL)',
};

/** Validates options; a bad one throws a ConfigurationError naming the field and the fix. */
export function resolveOptions(options: MessageBirdAdapterOptions<ApiName>): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(
      'options',
      'pass an object: new MessageBirdAdapter({ accessKey, channelId, signingKey })',
    );
  }
  const result = v.safeParse(OptionsSchema, options);
  const bird = options.api === 'bird';
  if (!result.success) {
    const issue = result.issues[0];
    const field = v.getDotPath(issue) ?? 'options';
    const advice = bird ? BIRD_ADVICE[field] : undefined;
    if (advice) {
      const given = (options as unknown as Record<string, unknown>)[field];
      const what =
        typeof given !== 'string' ? 'is required' : given === '' ? 'is empty' : 'is wrong';
      throw new ConfigurationError(field, `${what}: ${advice}`);
    }
    throw new ConfigurationError(field, issue.message);
  }
  const output = result.output;
  if (output.api === 'bird') {
    if (output.workspaceId === undefined) {
      throw new ConfigurationError(
        'workspaceId',
        'is required with api: "bird": set it to the UUID of your Bird workspace (in Bird, the URL app.bird.com/workspaces/<id>/…)',
      );
    }
    if (typeof output.workspaceId !== 'string' || !UUID_PATTERN.test(output.workspaceId)) {
      throw new ConfigurationError(
        'workspaceId',
        'is not a Bird workspace id: give the UUID of your workspace (in Bird, the URL app.bird.com/workspaces/<id>/…)',
      );
    }
    if (!UUID_PATTERN.test(output.channelId)) {
      throw new ConfigurationError(
        'channelId',
        `is not a Bird channel id: ${BIRD_ADVICE.channelId} (a 32-hex id is a MessageBird Conversations API channel: leave out api: "bird" for it)`,
      );
    }
  }
  const signature = output.signature;
  return {
    ...output,
    apiBaseUrl: output.apiBaseUrl ?? (bird ? DEFAULT_BIRD_API_BASE_URL : DEFAULT_API_BASE_URL),
    signature: {
      scheme: signature.scheme,
      leewaySeconds: signature.leewaySeconds ?? (bird ? DEFAULT_BIRD_LEEWAY_SECONDS : 1),
      maxAgeSeconds: signature.maxAgeSeconds ?? (bird ? DEFAULT_BIRD_MAX_AGE_SECONDS : 100),
    },
    templates: output.templates as ResolvedOptions['templates'],
  };
}
