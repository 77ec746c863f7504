import { createHash } from 'node:crypto';

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
