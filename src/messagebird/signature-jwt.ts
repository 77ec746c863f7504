import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { type BodyBytes, bodyBytes, sha256Hex } from './hash.js';
import { type Instant, toEpochMillis } from './instant.js';
import { SignatureError } from './signature-error.js';

/** The header MessageBird puts the token in. */
export const SIGNATURE_JWT_HEADER = 'MessageBird-Signature-JWT';

/** The only algorithms MessageBird signs with; `none` and every other one are refused. */
export const SIGNATURE_JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;

/** One of HS256, HS384, HS512. */
export type SignatureJwtAlgorithm = (typeof SIGNATURE_JWT_ALGORITHMS)[number];

/** The issuer claim MessageBird sets. */
export const SIGNATURE_JWT_ISSUER = 'MessageBird';

/** Default clock leeway in seconds, as MessageBird's Go, PHP and Python SDKs (the Node SDK allows 5). */
export const DEFAULT_LEEWAY_SECONDS = 1;

/** The claims of a verified token. */
export interface SignatureJwtClaims {
  /** Always `MessageBird`. */
  iss: string;
  /** Not before, Unix seconds (absent from some older tokens). */
  nbf?: number;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Unique token id: use it to refuse replays. */
  jti: string;
  /** Hex SHA-256 of the URL MessageBird called. */
  url_hash: string;
  /** Hex SHA-256 of the body, present when there was a body. */
  payload_hash?: string;
  [claim: string]: unknown;
}

/** What `signSignatureJwt` needs. */
export interface SignSignatureJwtOptions {
  /** The full URL the request goes to, exactly as the receiver will see it. */
  url: string;
  /** The raw body, if any; an empty body gets no `payload_hash`. */
  body?: BodyBytes | null;
  /** The signing key, used as UTF-8 bytes. */
  signingKey: string;
  /** When the token becomes valid (`nbf`); now by default. */
  now?: Instant;
  /** HS256 by default. */
  algorithm?: SignatureJwtAlgorithm;
  /** Token id; a random UUID by default. */
  jti?: string;
  /** `exp - nbf`; 60 seconds, as MessageBird does. */
  lifetimeSeconds?: number;
}

/** What `verifySignatureJwt` needs. */
export interface VerifySignatureJwtOptions {
  /** The `MessageBird-Signature-JWT` header's value. */
  jwt: string | null | undefined;
  /** The full public URL MessageBird called (`scheme://host[:port]/path?query`), not normalised. */
  url: string;
  /** The raw body exactly as received. */
  body?: BodyBytes | null;
  /** The signing key from MessageBird's dashboard, used as UTF-8 bytes. */
  signingKey: string;
  /** The time to check `nbf`/`exp` against; now by default. */
  now?: Instant;
  /** Allowed clock skew in seconds; 1 by default. */
  leewaySeconds?: number;
}

const allowed: ReadonlySet<string> = new Set(SIGNATURE_JWT_ALGORITHMS);

/** node:crypto digest names of the algorithms. */
const DIGEST: Record<SignatureJwtAlgorithm, string> = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
};

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The HMAC of a JWS signing input, with the key as UTF-8 bytes (as Node reads a string key). */
function hmac(algorithm: SignatureJwtAlgorithm, signingKey: string, input: string): Buffer {
  return createHmac(DIGEST[algorithm], signingKey).update(input).digest();
}

/** base64url of a string's UTF-8 bytes, unpadded (as jose's `base64url.encode`). */
const encode64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** The encoded header each algorithm signs with: `{"alg":"HS256","typ":"JWT"}` and so on. */
const SIGNED_HEADER = new Map<string, string>(
  SIGNATURE_JWT_ALGORITHMS.map((alg) => [alg, encode64(JSON.stringify({ alg, typ: 'JWT' }))]),
);
/** What those headers decode to, by their encoding (the header a token from MessageBird has). */
const KNOWN_HEADER = new Map<string, { alg: string; typ: string }>(
  SIGNATURE_JWT_ALGORITHMS.map((alg) => [
    SIGNED_HEADER.get(alg) as string,
    Object.freeze({ alg, typ: 'JWT' }),
  ]),
);

/**
 * The hex SHA-256 of the last URLs hashed: a webhook URL is signed and verified over and over.
 * A few entries, dropped all at once when full.
 */
const urlHashes = new Map<string, string>();
const URL_HASHES_KEPT = 16;

function urlHash(url: string): string {
  let hash = urlHashes.get(url);
  if (hash === undefined) {
    hash = sha256Hex(url);
    if (urlHashes.size >= URL_HASHES_KEPT) urlHashes.clear();
    urlHashes.set(url, hash);
  }
  return hash;
}

/** Strict UTF-8 for the claims. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Signs a webhook request the way MessageBird does: HMAC (HS256 by default) with the signing key
 * as UTF-8 bytes, claims `iss`, `nbf`, `exp` (= nbf + 60), `jti`, `url_hash` and, when there is a
 * body, `payload_hash`.
 *
 * @example
 * const jwt = await signSignatureJwt({ url: 'https://bot.example.com/api/messages', body, signingKey });
 * await fetch(url, { method: 'POST', body, headers: { 'MessageBird-Signature-JWT': jwt } });
 */
export async function signSignatureJwt(options: SignSignatureJwtOptions): Promise<string> {
  const { url, signingKey, algorithm = 'HS256', lifetimeSeconds = 60 } = options;
  if (typeof signingKey !== 'string' || signingKey.length === 0) {
    throw new TypeError('signingKey must be a non-empty string');
  }
  if (!allowed.has(algorithm)) {
    throw new TypeError(`algorithm must be one of ${SIGNATURE_JWT_ALGORITHMS.join(', ')}`);
  }
  const nbf = Math.floor(toEpochMillis(options.now ?? Date.now()) / 1000);
  // A string body is hashed as its UTF-8 bytes without copying it into a Buffer first.
  const payload = typeof options.body === 'string' ? options.body : bodyBytes(options.body);
  const claims: SignatureJwtClaims = {
    iss: SIGNATURE_JWT_ISSUER,
    nbf,
    exp: nbf + lifetimeSeconds,
    jti: options.jti ?? randomUUID(),
    url_hash: urlHash(url),
  };
  if (payload.length > 0) claims.payload_hash = sha256Hex(payload);
  const input = `${SIGNED_HEADER.get(algorithm)}.${encode64(JSON.stringify(claims))}`;
  return `${input}.${hmac(algorithm, signingKey, input).toString('base64url')}`;
}

/**
 * Verifies a `MessageBird-Signature-JWT` against the URL and raw body of the request, as
 * MessageBird's SDKs do. Resolves with the token's claims; rejects with a SignatureError whose
 * `reason` names the failed check.
 *
 * @example
 * await verifySignatureJwt({
 *   jwt: request.headers.get('MessageBird-Signature-JWT'),
 *   url: 'https://bot.example.com/api/messages', // the public URL, not the one behind a proxy
 *   body: rawBody,
 *   signingKey: process.env.MESSAGEBIRD_SIGNING_KEY,
 * });
 */
export async function verifySignatureJwt(
  options: VerifySignatureJwtOptions,
): Promise<SignatureJwtClaims> {
  const { jwt, url, signingKey } = options;
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;

  if (typeof jwt !== 'string' || jwt.trim() === '') {
    throw new SignatureError(
      'signature-missing',
      `the request has no ${SIGNATURE_JWT_HEADER} header: only signed MessageBird webhooks are accepted`,
    );
  }
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    throw new SignatureError('malformed-token', 'the token is not a compact JWS of three parts');
  }
  const [head, body64, signature] = parts as [string, string, string];
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = KNOWN_HEADER.get(head) ?? decodeProtectedHeader(jwt);
  } catch {
    throw new SignatureError('malformed-token', 'the token header is not base64url JSON');
  }
  const alg: unknown = header.alg;
  if (typeof alg !== 'string' || !allowed.has(alg)) {
    throw new SignatureError(
      'algorithm-not-allowed',
      `algorithm ${JSON.stringify(alg)} is not accepted: MessageBird signs with ${SIGNATURE_JWT_ALGORITHMS.join(', ')}`,
    );
  }
  if (typeof signingKey !== 'string' || signingKey.length === 0) {
    throw new SignatureError(
      'bad-signature',
      'no signing key to check the signature with: set the signing key from MessageBird’s dashboard',
    );
  }

  if (!BASE64URL.test(body64) || !BASE64URL.test(signature)) {
    throw new SignatureError('malformed-token', 'the token is not base64url');
  }
  if (header.crit !== undefined || header.b64 !== undefined) {
    throw new SignatureError(
      'malformed-token',
      'the token uses JWS extensions MessageBird never sets',
    );
  }
  const expected = hmac(alg as SignatureJwtAlgorithm, signingKey, `${head}.${body64}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new SignatureError(
      'bad-signature',
      'the signature does not match: check that the signing key is the one of this MessageBird account',
    );
  }
  const bytes = Buffer.from(body64, 'base64url');

  const claims = parseClaims(bytes);
  if (claims.iss !== SIGNATURE_JWT_ISSUER) {
    throw new SignatureError(
      'wrong-issuer',
      `the issuer is ${JSON.stringify(claims.iss)}, not MessageBird`,
    );
  }
  const now = Math.floor(toEpochMillis(options.now ?? Date.now()) / 1000);
  if (claims.nbf !== undefined && now < claims.nbf - leeway) {
    throw new SignatureError(
      'not-yet-valid',
      `the token is valid from ${claims.nbf} but it is now ${now}: check this server's clock`,
    );
  }
  if (claims.exp === undefined) {
    throw new SignatureError(
      'expired',
      'the token has no exp claim, so it could be replayed forever',
    );
  }
  if (now > claims.exp + leeway) {
    throw new SignatureError(
      'expired',
      `the token expired at ${claims.exp} and it is now ${now}: a delayed or replayed request, or this server's clock is off`,
    );
  }
  if (typeof claims.jti !== 'string' || claims.jti === '') {
    throw new SignatureError('jti-missing', 'the token has no jti claim to refuse replays with');
  }
  if (typeof url !== 'string' || url === '') {
    throw new SignatureError(
      'url-hash-mismatch',
      'no URL to check url_hash against: pass the public URL MessageBird called',
    );
  }
  if (claims.url_hash !== urlHash(url)) {
    throw new SignatureError(
      'url-hash-mismatch',
      'the token was signed for another URL: set webhookUrl to the exact public URL MessageBird calls (scheme, host, port, path and query as registered)',
    );
  }
  const body = bodyBytes(options.body);
  const claimed = typeof claims.payload_hash === 'string' ? claims.payload_hash : '';
  if (body.length > 0 && claimed === '') {
    throw new SignatureError(
      'payload-hash-missing',
      'the request has a body but the token has no payload_hash: the body was added in transit',
    );
  }
  if (body.length === 0 && claimed !== '') {
    throw new SignatureError(
      'payload-hash-unexpected',
      'the token has a payload_hash but the request has no body: the body was removed in transit',
    );
  }
  if (body.length > 0 && claimed !== sha256Hex(body)) {
    throw new SignatureError(
      'payload-hash-mismatch',
      'the body does not match payload_hash: pass the raw body exactly as received, not re-serialised JSON',
    );
  }
  return claims as SignatureJwtClaims;
}

function parseClaims(bytes: Uint8Array): Partial<SignatureJwtClaims> {
  let claims: unknown;
  try {
    claims = JSON.parse(UTF8.decode(bytes));
  } catch {
    throw new SignatureError('malformed-token', 'the token payload is not JSON');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw new SignatureError('malformed-token', 'the token payload is not a JSON object');
  }
  const c = claims as Record<string, unknown>;
  for (const name of ['nbf', 'exp'] as const) {
    if (c[name] !== undefined && (typeof c[name] !== 'number' || !Number.isFinite(c[name]))) {
      throw new SignatureError('malformed-token', `the ${name} claim is not a number of seconds`);
    }
  }
  return c as Partial<SignatureJwtClaims>;
}
