import { type BodyBytes, sameMac, timestampedHmac } from '../whatsapp/hash.js';
import { type Instant, toEpochMillis } from './instant.js';
import { SignatureError } from './signature-error.js';

/** The header that carries the legacy signature. */
export const LEGACY_SIGNATURE_HEADER = 'MessageBird-Signature';
/** The header that carries the legacy signature's Unix timestamp. */
export const LEGACY_TIMESTAMP_HEADER = 'MessageBird-Request-Timestamp';

/**
 * Default maximum age of a legacy signature in seconds: 100, as MessageBird's Node SDK (the Go SDK
 * allows 5). The legacy scheme has no replay id, so keep this short where clocks allow.
 */
export const DEFAULT_LEGACY_MAX_AGE_SECONDS = 100;

/** What `verifyLegacySignature` needs. */
export interface VerifyLegacySignatureOptions {
  /** The `MessageBird-Signature` header: base64 of the HMAC. */
  signature: string | null | undefined;
  /** The `MessageBird-Request-Timestamp` header: Unix seconds. */
  timestamp: string | number | null | undefined;
  /** The URL called; only its query string is signed. */
  url: string;
  /** The raw body exactly as received. */
  body?: BodyBytes | null;
  /** The signing key, used as UTF-8 bytes. */
  signingKey: string;
  /** The time to check the timestamp against; now by default. */
  now?: Instant;
  /** Oldest accepted signature, in seconds; 100 by default. */
  maxAgeSeconds?: number;
  /** How far in the future a timestamp may be (clock skew), in seconds; 1 by default. */
  leewaySeconds?: number;
}

/**
 * Go's `url.QueryEscape`: unreserved characters kept, space as `+`, everything else `%XX`.
 * MessageBird's Go SDK encodes the sorted query this way.
 */
function queryEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The URL's query, parsed and re-encoded sorted by key (values of one key keep their order). */
export function sortedQuery(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return '';
  const hash = url.indexOf('#', question);
  const raw = url.slice(question + 1, hash < 0 ? undefined : hash);
  const pairs = [...new URLSearchParams(raw)];
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.map(([k, v]) => `${queryEscape(k)}=${queryEscape(v)}`).join('&');
}

/**
 * Signs a request with the legacy scheme.
 *
 * @example
 * const { signature, timestamp } = signLegacySignature({ url, body, signingKey });
 * headers.set('MessageBird-Signature', signature);
 * headers.set('MessageBird-Request-Timestamp', timestamp);
 */
export function signLegacySignature(options: {
  url: string;
  body?: BodyBytes | null;
  signingKey: string;
  now?: Instant;
}): { signature: string; timestamp: string } {
  if (typeof options.signingKey !== 'string' || options.signingKey.length === 0) {
    throw new TypeError('signingKey must be a non-empty string');
  }
  const timestamp = String(Math.floor(toEpochMillis(options.now ?? Date.now()) / 1000));
  const signature = timestampedHmac(
    options.signingKey,
    timestamp,
    sortedQuery(options.url),
    options.body,
  ).toString('base64');
  return { signature, timestamp };
}

/**
 * Verifies the legacy `MessageBird-Signature` and `MessageBird-Request-Timestamp` pair. Throws a
 * SignatureError whose `reason` names the failed check.
 *
 * @example
 * verifyLegacySignature({
 *   signature: req.headers['messagebird-signature'],
 *   timestamp: req.headers['messagebird-request-timestamp'],
 *   url, body: rawBody, signingKey,
 * });
 */
export function verifyLegacySignature(options: VerifyLegacySignatureOptions): void {
  const { signature, signingKey } = options;
  const maxAge = options.maxAgeSeconds ?? DEFAULT_LEGACY_MAX_AGE_SECONDS;
  const leeway = options.leewaySeconds ?? 1;
  if (typeof signature !== 'string' || signature === '') {
    throw new SignatureError(
      'signature-missing',
      `the request has no ${LEGACY_SIGNATURE_HEADER} header: only signed MessageBird webhooks are accepted`,
    );
  }
  const timestamp =
    options.timestamp === undefined || options.timestamp === null ? '' : String(options.timestamp);
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new SignatureError(
      'malformed-token',
      `${LEGACY_TIMESTAMP_HEADER} must be Unix seconds, such as 1625479200`,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) {
    throw new SignatureError('malformed-token', `${LEGACY_SIGNATURE_HEADER} is not base64`);
  }
  if (typeof signingKey !== 'string' || signingKey.length === 0) {
    throw new SignatureError(
      'bad-signature',
      'no signing key to check the signature with: set the signing key from MessageBird’s dashboard',
    );
  }
  const expected = timestampedHmac(signingKey, timestamp, sortedQuery(options.url), options.body);
  if (!sameMac(signature, expected)) {
    throw new SignatureError(
      'bad-signature',
      'the signature does not match the timestamp, query and body: check the signing key and pass the raw body',
    );
  }
  const now = Math.floor(toEpochMillis(options.now ?? Date.now()) / 1000);
  const age = now - Number(timestamp);
  if (age < -leeway) {
    throw new SignatureError(
      'not-yet-valid',
      `the timestamp is ${-age} s in the future: check this server's clock`,
    );
  }
  if (age > maxAge) {
    throw new SignatureError(
      'expired',
      `the signature is ${age} s old, more than the ${maxAge} s allowed: a delayed or replayed request`,
    );
  }
}
