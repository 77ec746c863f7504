import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Raw bytes of a request body as the signature schemes see them. */
export type BodyBytes = string | Uint8Array | ArrayBuffer;

/** The body as bytes; a string is taken as UTF-8. `null` and `undefined` are no body. */
export function bodyBytes(body: BodyBytes | null | undefined): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return body;
}

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * HMAC-SHA256, keyed with the signing key's UTF-8 bytes, over `timestamp \n signed \n` and the
 * body's raw SHA-256: MessageBird's legacy scheme signs the sorted query this way, Bird's
 * `messagebird-signature` the full URL.
 */
export function timestampedHmac(
  signingKey: string,
  timestamp: string,
  signed: string,
  body?: BodyBytes | null,
): Buffer {
  const bodyHash = createHash('sha256').update(bodyBytes(body)).digest();
  return createHmac('sha256', Buffer.from(signingKey, 'utf8'))
    .update(`${timestamp}\n${signed}\n`, 'utf8')
    .update(bodyHash)
    .digest();
}

/** Whether a base64 signature decodes to exactly the expected MAC (constant time). */
export function sameMac(base64: string, expected: Uint8Array): boolean {
  const given = Buffer.from(base64, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
