import type { IncomingMessage } from 'node:http';

/** Why a request's body could not be had. */
export type BodyProblem = { kind: 'too-large' } | { kind: 'already-parsed' } | { kind: 'aborted' };

/** A Node request as Express, Restify and plain node:http hand it over. */
export type NodeRequest = IncomingMessage & { rawBody?: unknown; body?: unknown };

/**
 * The raw body of a Node request: `req.rawBody` or a Buffer/string `req.body` when a framework
 * kept it, else read from the stream, at most `limit` bytes. A body that a JSON parser already
 * consumed cannot be verified: that is `already-parsed`.
 */
export async function readNodeBody(
  req: NodeRequest,
  limit: number,
): Promise<Uint8Array | BodyProblem> {
  const kept = [req.rawBody, req.body].find((b) => Buffer.isBuffer(b) || typeof b === 'string');
  if (kept !== undefined) {
    const bytes = typeof kept === 'string' ? Buffer.from(kept, 'utf8') : (kept as Buffer);
    return bytes.length > limit ? { kind: 'too-large' } : bytes;
  }
  if (req.readableEnded || (req.complete && req.body !== undefined))
    return { kind: 'already-parsed' };

  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return { kind: 'too-large' };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > limit) {
        req.resume();
        return { kind: 'too-large' };
      }
      chunks.push(buffer);
    }
  } catch {
    return { kind: 'aborted' };
  }
  return Buffer.concat(chunks);
}

/** The URL a Node request was made to, from its Host header (and X-Forwarded-Proto). */
export function nodeRequestUrl(req: NodeRequest & { originalUrl?: string }): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto =
    (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() ||
    ((req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http');
  return `${proto}://${req.headers.host ?? 'localhost'}${req.originalUrl ?? req.url ?? '/'}`;
}

/** Reads a fetch Request's body, at most `limit` bytes. */
export async function readFetchBody(
  request: Request,
  limit: number,
): Promise<Uint8Array | BodyProblem> {
  const header = request.headers.get('content-length');
  const declared = header === null || header.trim() === '' ? Number.NaN : Number(header);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { kind: 'too-large' };
  }
  if (!request.body) return new Uint8Array(0);
  if (Number.isFinite(declared)) {
    // A declared length within the limit: one read. Node's HTTP parser bounds it to that length;
    // a Request made in process need not be, so the size is checked again.
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await request.arrayBuffer());
    } catch {
      return { kind: 'aborted' };
    }
    return bytes.byteLength > limit ? { kind: 'too-large' } : bytes;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'aborted' };
  }
  return Buffer.concat(chunks);
}
