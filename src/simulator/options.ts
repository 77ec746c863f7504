import { isChannelId } from '../messagebird/ids.js';
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

/** A WhatsApp channel the simulator plays. */
export interface ChannelOptions {
  /** 32 hex characters or a dashed UUID. */
  id: string;
  /** Shown on conversations' `channels[]`. */
  name?: string;
  /** The business number messages come from, E.164. */
  businessNumber?: string;
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
  channels: Required<ChannelOptions>[];
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

const isClock = (value: unknown): value is Clock =>
  typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function';

const invalid = (field: string, fix: string): SimulatorError =>
  new SimulatorError('SIMULATOR_INVALID_OPTIONS', `options.${field}: ${fix}`);

function channel(options: ChannelOptions, field: string): Required<ChannelOptions> {
  if (!isChannelId(options.id)) {
    throw invalid(`${field}.id`, 'give 32 hex characters or a dashed UUID');
  }
  let businessNumber = DEFAULT_BUSINESS_NUMBER;
  try {
    businessNumber = toE164(options.businessNumber ?? DEFAULT_BUSINESS_NUMBER);
  } catch {
    throw invalid(`${field}.businessNumber`, 'give an E.164 number such as +31201234567');
  }
  return { id: options.id, name: options.name ?? DEFAULT_CHANNEL_NAME, businessNumber };
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
    },
    'channelId',
  );
  const extra = (options.channels ?? []).map((c, i) => channel(c, `channels[${i}]`));
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
