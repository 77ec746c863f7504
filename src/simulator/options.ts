import { isChannelId, UUID_PATTERN } from '../messagebird/ids.js';
import { toE164 } from '../messagebird/phone.js';
import { WINDOW_MS } from '../whatsapp/index.js';
import { type Clock, type ClockOptions, createClock } from './clock.js';
import { SimulatorError } from './errors.js';
import { createHttpFetch, type HttpFetch } from './http-fetch.js';
import { type Logger, quietLogger } from './logger.js';
import { resolveSchedule, type StatusSchedule } from './schedule.js';

/** Default access key, for local use only. */
export const DEFAULT_ACCESS_KEY = 'test_simulator_access_key';
/** Default webhook signing key, for local use only. */
export const DEFAULT_SIGNING_KEY = 'simulator_signing_key';
/** Default WhatsApp channel id the simulator plays. */
export const DEFAULT_CHANNEL_ID = '2f4d6a8c-1b3e-4c5d-9e7f-a1b2c3d4e5f6';
/** Default channel name. */
export const DEFAULT_CHANNEL_NAME = 'WhatsApp simulator';
/** Default business number the channel sends from. */
export const DEFAULT_BUSINESS_NUMBER = '+31200000000';
/** Default template namespace of the simulated account. */
export const DEFAULT_TEMPLATE_NAMESPACE = '9b1d3f5a_7c2e_4d6b_8a0f_1e3c5a7b9d2f';
/** Default Bird workspace id (the Channels API's `/workspaces/{workspaceId}`). */
export const DEFAULT_BIRD_WORKSPACE_ID = '6c1f0e3a-52b7-4d98-a4e1-3b9d7f2c8a05';
/** Default Bird organization id (`/organizations/{organizationId}/…/webhook-subscriptions`). */
export const DEFAULT_BIRD_ORGANIZATION_ID = 'd4a7b2e9-0c3f-4e61-8b5a-9f2e6d1c7a38';
/** Default Bird channel id: the Channels API's name for the simulator's main WhatsApp channel. */
export const DEFAULT_BIRD_CHANNEL_ID = 'a83e5c1d-7f24-4b69-9d0e-2c6b8f4a1e57';
/** Default Bird connector id: the `sender.connector` of what the channel sends. */
export const DEFAULT_BIRD_CONNECTOR_ID = '3e9b7d5f-1a2c-4e8b-b6d4-0f7a9c2e5b13';

/** Bird's documented rate limits of the Channels API, per workspace and second. */
export const BIRD_RATE_LIMITS = { get: 50, post: 500 } as const;

/** A WhatsApp channel the simulator plays. */
export interface ChannelOptions {
  /** 32 hex characters or a dashed UUID. */
  id: string;
  /** Shown on conversations' `channels[]`. */
  name?: string;
  /** The business number messages come from, E.164. */
  businessNumber?: string;
  /**
   * The channel's id on Bird's Channels API (a dashed UUID); without one the channel is played on
   * the Conversations API only. The main channel's is `birdChannelId` (DEFAULT_BIRD_CHANNEL_ID).
   */
  birdChannelId?: string;
}

/** The Bird face's rate limits, requests per second per workspace (token buckets on real time). */
export interface BirdRateLimitOptions {
  /** GET requests per second; Bird documents 50. */
  get?: number;
  /** POST requests per second; Bird documents 500. */
  post?: number;
}

/** How the simulator retries webhook deliveries (real time, not the virtual clock). */
export interface WebhookRetryOptions {
  /** Attempts in all, the first included; 5 by default. */
  attempts?: number;
  /** Delay before the second attempt; doubles each time. 500 ms by default. */
  baseDelayMs?: number;
  /** Upper bound of one delay; 30 s by default. */
  maxDelayMs?: number;
  /** How long one attempt may take; 5 s by default. */
  timeoutMs?: number;
}

/** Everything `createSimulator` and `startSimulator` accept; every field is optional. */
export interface SimulatorOptions {
  /** The key clients send as `Authorization: AccessKey <key>`. */
  accessKey?: string;
  /** The key webhooks are signed with (as UTF-8 bytes). */
  signingKey?: string;
  /** The WhatsApp channel the simulator plays. */
  channelId?: string;
  /** That channel's name. */
  channelName?: string;
  /** That channel's business number, E.164. */
  businessNumber?: string;
  /** More channels, beside the main one. */
  channels?: ChannelOptions[];
  /** The main channel's id on Bird's Channels API, a dashed UUID. */
  birdChannelId?: string;
  /** The Bird workspace the Channels API routes answer for, a dashed UUID. */
  birdWorkspaceId?: string;
  /** The Bird organization webhook subscriptions are made under, a dashed UUID. */
  birdOrganizationId?: string;
  /** The connector id outbound Bird messages carry as `sender.connector.id`, a dashed UUID. */
  birdConnectorId?: string;
  /** Bird's rate limits (GET 50/s, POST 500/s per workspace, as Bird documents); `false` lifts them. */
  birdRateLimits?: BirdRateLimitOptions | false;
  /** A Clock, or how to build one; a real-time clock by default. */
  clock?: Clock | ClockOptions;
  /** When each status follows an outbound message, in virtual milliseconds after creation. */
  schedule?: Partial<StatusSchedule>;
  /** The customer-service window; WhatsApp's 24 hours (`WINDOW_MS`) by default. */
  windowMs?: number;
  /** A JSON file to load state from at start and save it to after changes. */
  persist?: string;
  /** Approve templates as soon as they are submitted. */
  approveTemplatesOnSubmit?: boolean;
  /** The account's template namespace. */
  templateNamespace?: string;
  /** Numbers (any form toE164 reads) that are not on WhatsApp: sends to them fail with 302. */
  notOnWhatsapp?: Array<string | number>;
  /** Webhook retry settings. */
  webhookRetry?: WebhookRetryOptions;
  /** The fetch used to deliver webhooks; node:http with kept-alive sockets by default. */
  fetch?: typeof fetch;
  /** Seed of the fault-injection random numbers, for reproducible runs. */
  seed?: number;
  /** Real time for the rate limiter and logs; `Date.now` by default. */
  realNow?: () => number;
  /** Emit `message.created` for our own outbound messages too, as MessageBird does; true by default. */
  echoOutbound?: boolean;
  /** Where to log; quiet by default. */
  logger?: Logger;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  accessKey: string;
  signingKey: string;
  channels: ResolvedChannel[];
  bird: {
    workspaceId: string;
    organizationId: string;
    connectorId: string;
    /** Requests per second per workspace, or false when lifted. */
    rateLimits: { get: number; post: number } | false;
  };
  clock: Clock;
  ownsClock: boolean;
  schedule: StatusSchedule;
  windowMs: number;
  persist: string | undefined;
  approveTemplatesOnSubmit: boolean;
  templateNamespace: string;
  notOnWhatsapp: Set<string>;
  webhookRetry: Required<WebhookRetryOptions>;
  fetch: typeof fetch;
  /** Ends the sockets of the default fetch (nothing when a fetch was given). */
  closeFetch: () => void;
  seed: number | undefined;
  realNow: () => number;
  echoOutbound: boolean;
  logger: Logger;
}

/** A channel with its defaults applied; `birdChannelId` only when it is played on Bird too. */
export type ResolvedChannel = Required<Omit<ChannelOptions, 'birdChannelId'>> & {
  birdChannelId?: string;
};

const isClock = (value: unknown): value is Clock =>
  typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function';

const invalid = (field: string, fix: string): SimulatorError =>
  new SimulatorError('SIMULATOR_INVALID_OPTIONS', `options.${field}: ${fix}`);

const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID_PATTERN.test(value);

/** A Bird id option: a dashed UUID, kept in lowercase. */
function birdId(value: string | undefined, fallback: string, field: string): string {
  if (value === undefined) return fallback;
  if (!isUuid(value)) {
    throw invalid(field, 'give a dashed UUID such as a83e5c1d-7f24-4b69-9d0e-2c6b8f4a1e57');
  }
  return value.toLowerCase();
}

function channel(options: ChannelOptions, field: string): ResolvedChannel {
  if (!isChannelId(options.id)) {
    throw invalid(`${field}.id`, 'give 32 hex characters or a dashed UUID');
  }
  let businessNumber = DEFAULT_BUSINESS_NUMBER;
  try {
    businessNumber = toE164(options.businessNumber ?? DEFAULT_BUSINESS_NUMBER);
  } catch {
    throw invalid(`${field}.businessNumber`, 'give an E.164 number such as +31201234567');
  }
  const resolved: ResolvedChannel = {
    id: options.id,
    name: options.name ?? DEFAULT_CHANNEL_NAME,
    businessNumber,
  };
  if (options.birdChannelId !== undefined) {
    resolved.birdChannelId = birdId(options.birdChannelId, '', `${field}.birdChannelId`);
  }
  return resolved;
}

function birdRateLimits(
  limits: BirdRateLimitOptions | false | undefined,
): ResolvedOptions['bird']['rateLimits'] {
  if (limits === false) return false;
  return {
    get: positive(limits?.get, BIRD_RATE_LIMITS.get, 'birdRateLimits.get', 0.001),
    post: positive(limits?.post, BIRD_RATE_LIMITS.post, 'birdRateLimits.post', 0.001),
  };
}

function positive(value: number | undefined, fallback: number, field: string, min = 0): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw invalid(field, `give a number ≥ ${min}`);
  return value;
}

/** Applies defaults and checks options; throws a SimulatorError naming the field to fix. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  for (const key of ['accessKey', 'signingKey'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.length === 0)) {
      throw invalid(key, 'give a non-empty string');
    }
  }
  const main = channel(
    {
      id: options.channelId ?? DEFAULT_CHANNEL_ID,
      name: options.channelName ?? DEFAULT_CHANNEL_NAME,
      businessNumber: options.businessNumber ?? DEFAULT_BUSINESS_NUMBER,
      birdChannelId: options.birdChannelId ?? DEFAULT_BIRD_CHANNEL_ID,
    },
    'channelId',
  );
  const extra = (options.channels ?? []).map((c, i) => channel(c, `channels[${i}]`));
  const birdIds = new Set<string>([main.birdChannelId as string]);
  extra.forEach((c, i) => {
    if (c.birdChannelId === undefined || c.id === main.id) return;
    if (birdIds.has(c.birdChannelId)) {
      throw invalid(`channels[${i}].birdChannelId`, 'give each channel its own Bird channel id');
    }
    birdIds.add(c.birdChannelId);
  });
  const notOnWhatsapp = new Set<string>();
  for (const number of options.notOnWhatsapp ?? []) {
    try {
      notOnWhatsapp.add(toE164(number));
    } catch {
      throw invalid('notOnWhatsapp', `"${number}" is not a phone number such as +31612345678`);
    }
  }
  const retry = options.webhookRetry ?? {};
  const ownsClock = !isClock(options.clock);
  const logger = options.logger ?? quietLogger;
  const clock = isClock(options.clock)
    ? options.clock
    : createClock({
        ...options.clock,
        onError: (error) => logger.warn(`a scheduled status change failed: ${String(error)}`),
      });
  const defaultFetch = options.fetch ? undefined : createHttpFetch();
  return {
    accessKey: options.accessKey ?? DEFAULT_ACCESS_KEY,
    signingKey: options.signingKey ?? DEFAULT_SIGNING_KEY,
    channels: [main, ...extra.filter((c) => c.id !== main.id)],
    bird: {
      workspaceId: birdId(options.birdWorkspaceId, DEFAULT_BIRD_WORKSPACE_ID, 'birdWorkspaceId'),
      organizationId: birdId(
        options.birdOrganizationId,
        DEFAULT_BIRD_ORGANIZATION_ID,
        'birdOrganizationId',
      ),
      connectorId: birdId(options.birdConnectorId, DEFAULT_BIRD_CONNECTOR_ID, 'birdConnectorId'),
      rateLimits: birdRateLimits(options.birdRateLimits),
    },
    clock,
    ownsClock,
    schedule: resolveSchedule(options.schedule),
    windowMs: positive(options.windowMs, WINDOW_MS, 'windowMs'),
    persist: options.persist,
    approveTemplatesOnSubmit: options.approveTemplatesOnSubmit ?? false,
    templateNamespace: options.templateNamespace ?? DEFAULT_TEMPLATE_NAMESPACE,
    notOnWhatsapp,
    webhookRetry: {
      attempts: positive(retry.attempts, 5, 'webhookRetry.attempts', 1),
      baseDelayMs: positive(retry.baseDelayMs, 500, 'webhookRetry.baseDelayMs'),
      maxDelayMs: positive(retry.maxDelayMs, 30_000, 'webhookRetry.maxDelayMs'),
      timeoutMs: positive(retry.timeoutMs, 5_000, 'webhookRetry.timeoutMs', 1),
    },
    fetch: options.fetch ?? (defaultFetch as HttpFetch).fetch,
    closeFetch: defaultFetch?.close ?? (() => {}),
    seed: options.seed,
    realNow: options.realNow ?? Date.now,
    echoOutbound: options.echoOutbound ?? true,
    logger,
  };
}
