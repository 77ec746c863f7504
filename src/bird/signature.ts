import { type BodyBytes, sameMac, timestampedHmac } from '../whatsapp/hash.js';
import { type Instant, toEpochMillis } from '../whatsapp/instant.js';

/** The header that carries Bird's webhook signature: base64 of an HMAC-SHA256. */
export const BIRD_SIGNATURE_HEADER = 'messagebird-signature';
/** The header that carries the Unix seconds the signature was made at. */
export const BIRD_TIMESTAMP_HEADER = 'messagebird-request-timestamp';

/**
 * Oldest signature `verifyBirdWebhook` accepts by default: 24 hours. Bird retries a webhook for
 * hours and a retry keeps its first timestamp (bird-facts.md: retries for 8 hours, retries seen 3-4
 * hours stale), so a short window would refuse genuine retries; replays are stopped by the message
 * id and event, not by the clock alone.
 */
export const DEFAULT_BIRD_MAX_AGE_SECONDS = 86_400;

/** How far in the future a timestamp may be by default (clock skew), in seconds. */
export const DEFAULT_BIRD_LEEWAY_SECONDS = 60;

/** The check a Bird webhook signature failed, one stable name per check. */
export type BirdSignatureFailure =
  | 'signature-missing'
  | 'timestamp-missing'
  | 'timestamp-malformed'
  | 'too-old'
  | 'in-the-future'
  | 'bad-signature';

/**
 * A Bird webhook signature was refused. `reason` names the check that failed; the message says what
 * to look at. Neither ever contains the signing key.
 */
export class BirdSignatureError extends Error {
  /** Stable code for programs: always `SIGNATURE_INVALID`. */
  readonly code = 'SIGNATURE_INVALID';
  override readonly name = 'BirdSignatureError';

  constructor(
    /** Which check failed. */
    readonly reason: BirdSignatureFailure,
    message: string,
  ) {
    super(`Bird webhook signature refused (${reason}): ${message}`);
  }
}

/** What `signBirdWebhook` needs. */
export interface SignBirdWebhookOptions {
  /** The subscription's signing key, used as its UTF-8 bytes (never base64-decoded). */
  signingKey: string;
  /** The full URL Bird calls, such as `https://bots.example.org/api/bird`. */
  url: string;
  /** The raw body exactly as sent; a string is taken as UTF-8. */
  body?: BodyBytes | null;
  /** Unix seconds, as the `messagebird-request-timestamp` header carries them. */
  timestamp: number | string;
}

/** What `verifyBirdWebhook` needs. */
export interface VerifyBirdWebhookOptions {
  /** The `messagebird-signature` header. */
  signature: string | null | undefined;
  /** The `messagebird-request-timestamp` header: Unix seconds. */
  timestamp: string | number | null | undefined;
  /** The full URL Bird called (scheme, host, path and any query), as set in the subscription. */
  url: string;
  /** The raw body exactly as received. */
  body?: BodyBytes | null;
  /** The subscription's signing key, used as its UTF-8 bytes. */
  signingKey: string;
  /** The time to check the timestamp against; now by default. */
  now?: Instant;
  /** Oldest accepted timestamp, in seconds; 86 400 (24 hours) by default. */
  maxAgeSeconds?: number;
  /** How far in the future a timestamp may be, in seconds; 60 by default. */
  leewaySeconds?: number;
}

const TIMESTAMP_PATTERN = /^\d{1,12}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Signs a webhook as Bird does: base64 of HMAC-SHA256, keyed with the signing key's UTF-8 bytes,
 * over the timestamp, a newline, the full URL, a newline and the raw SHA-256 of the body.
 *
 * @example
 * const timestamp = Math.floor(Date.now() / 1000);
 * const signature = signBirdWebhook({ signingKey, url, body, timestamp });
 * headers.set(BIRD_SIGNATURE_HEADER, signature);
 * headers.set(BIRD_TIMESTAMP_HEADER, String(timestamp));
 */
export function signBirdWebhook(options: SignBirdWebhookOptions): string {
  if (typeof options.signingKey !== 'string' || options.signingKey.length === 0) {
    throw new TypeError('signingKey must be a non-empty string: the subscription’s signing key');
  }
  if (typeof options.url !== 'string' || options.url.length === 0) {
    throw new TypeError('url must be the full URL Bird calls, such as https://example.org/bird');
  }
  const timestamp = String(options.timestamp);
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    throw new TypeError(
      `timestamp must be whole Unix seconds, such as 1796030047 (got ${JSON.stringify(options.timestamp)})`,
    );
  }
  return timestampedHmac(options.signingKey, timestamp, options.url, options.body).toString(
    'base64',
  );
}

/**
 * Verifies the `messagebird-signature` and `messagebird-request-timestamp` pair of a Bird webhook.
 * Throws a BirdSignatureError whose `reason` names the failed check. The signature is compared in
 * constant time; the timestamp must be at most `maxAgeSeconds` old (24 hours by default, since a
 * retry keeps its first timestamp) and at most `leewaySeconds` ahead.
 *
 * @example
 * verifyBirdWebhook({
 *   signature: request.headers.get(BIRD_SIGNATURE_HEADER),
 *   timestamp: request.headers.get(BIRD_TIMESTAMP_HEADER),
 *   url: 'https://bots.example.org/api/bird',
 *   body: rawBody,
 *   signingKey,
 * });
 */
export function verifyBirdWebhook(options: VerifyBirdWebhookOptions): void {
  const { signature, signingKey, url } = options;
  const maxAge = options.maxAgeSeconds ?? DEFAULT_BIRD_MAX_AGE_SECONDS;
  const leeway = options.leewaySeconds ?? DEFAULT_BIRD_LEEWAY_SECONDS;
  if (typeof signature !== 'string' || signature.trim() === '') {
    throw new BirdSignatureError(
      'signature-missing',
      `the request has no ${BIRD_SIGNATURE_HEADER} header: only signed Bird webhooks are accepted (give the webhook subscription a signingKey)`,
    );
  }
  const timestamp =
    options.timestamp === undefined || options.timestamp === null
      ? ''
      : String(options.timestamp).trim();
  if (timestamp === '') {
    throw new BirdSignatureError(
      'timestamp-missing',
      `the request has no ${BIRD_TIMESTAMP_HEADER} header: Bird sends it with every signed webhook`,
    );
  }
  if (!TIMESTAMP_PATTERN.test(timestamp)) {
    throw new BirdSignatureError(
      'timestamp-malformed',
      `${BIRD_TIMESTAMP_HEADER} must be whole Unix seconds, such as 1796030047`,
    );
  }
  if (typeof signingKey !== 'string' || signingKey.length === 0) {
    throw new BirdSignatureError(
      'bad-signature',
      'no signing key to check the signature with: set the signingKey of the webhook subscription',
    );
  }
  const given = signature.trim();
  // Bird signs `timestamp \n url \n` and the body's raw SHA-256.
  const expected = timestampedHmac(signingKey, timestamp, url, options.body);
  if (!BASE64_PATTERN.test(given) || !sameMac(given, expected)) {
    const relative = !/^https?:\/\//i.test(url);
    throw new BirdSignatureError(
      'bad-signature',
      relative
        ? `the signature does not match, and the url "${url}" is not a full URL: Bird signs the full URL it calls, such as https://bots.example.org/api/bird`
        : 'the signature does not match the timestamp, URL and body: check the signing key, that the URL is the one in the subscription, and that the body is the raw bytes received',
    );
  }
  const now = Math.floor(toEpochMillis(options.now ?? Date.now()) / 1000);
  const age = now - Number(timestamp);
  if (age < -leeway) {
    throw new BirdSignatureError(
      'in-the-future',
      `the timestamp is ${-age} s in the future, more than the ${leeway} s allowed: check this server's clock`,
    );
  }
  if (age > maxAge) {
    throw new BirdSignatureError(
      'too-old',
      `the timestamp is ${age} s old, more than the ${maxAge} s allowed: a delayed or replayed request (maxAgeSeconds raises the limit)`,
    );
  }
}
