import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * What the API client reads of an answer. A fetch `Response` has all of it; `nodeTransport`
 * answers this much, with the body already read.
 */
export interface ApiResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** The body as text (UTF-8). */
  text(): Promise<string>;
  /** A fetch Response's unread body, cancelled when the answer is not read. */
  readonly body?: { cancel(): Promise<void> } | null;
}

/** What the client sends: a method, headers, an optional text body and the timeout's signal. */
export interface TransportInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/** Makes one HTTP request; rejects when no answer came (a connection failure, the timeout). */
export type Transport = (url: string, init: TransportInit) => Promise<ApiResponse>;

/** The global fetch as Node started with it, before anything replaced it. */
const NODE_FETCH = globalThis.fetch;

/**
 * True on Node itself (not Bun or Deno, whose node:http sits on their fetch), where node:http is
 * the cheaper client.
 */
const ON_NODE =
  typeof process !== 'undefined' &&
  typeof process.versions?.node === 'string' &&
  process.versions.bun === undefined &&
  !('Deno' in globalThis);

/**
 * The transport of a client given no `fetch`: node:http(s) on Node, over the global agents'
 * kept-alive sockets, unless the global fetch was replaced (a test's stub, an interceptor), which
 * is then used as before. The global fetch (undici) costs three to four times as much CPU a
 * request: its Request and Response each make web streams, and it copies the request (teeing its
 * body) to be able to follow redirects (bench/adapter-turns).
 */
export const defaultTransport: Transport = (url, init) =>
  ON_NODE && globalThis.fetch === NODE_FETCH
    ? nodeTransport(url, init)
    : globalThis.fetch(url, init);

/** The most time a connection may take to open before the request counts as never sent (undici's). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The headers Node's fetch adds to every request, so that the API sees the same request as from
 * fetch (a firewall in front of it may refuse one without a User-Agent). The answer is decoded
 * as fetch decodes it.
 */
const FETCH_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'node',
  'Accept-Language': '*',
  'Sec-Fetch-Mode': 'cors',
  'Accept-Encoding': 'gzip, deflate',
};

/** fetch's `text()`: UTF-8, a byte order mark dropped, bad bytes replaced. */
const UTF8 = new TextDecoder('utf-8');

/**
 * One request on node:http(s) with the global agents (kept-alive sockets). Answers when the whole
 * body is read. Failures read as fetch's do where the client looks: an aborted request rejects
 * with the signal's reason (the TimeoutError); a connection that could not open rejects with its
 * own code (ECONNREFUSED, ENOTFOUND, …), or `UND_ERR_CONNECT_TIMEOUT` after 10 s as undici's;
 * anything else (a reset after the request was written, a body cut short) rejects with the
 * socket's error.
 */
export function nodeTransport(url: string, init: TransportInit): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...FETCH_HEADERS, ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(signal.aborted ? signal.reason : error);
    };
    const req = send(target, { method: init.method, headers, signal }, (res) => {
      readBody(res).then((text) => {
        if (settled) return;
        settled = true;
        resolve(new NodeResponse(res, text));
      }, fail);
    });
    req.on('error', fail);
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => {
        const error = new Error(`could not connect within ${CONNECT_TIMEOUT_MS} ms`);
        req.destroy(Object.assign(error, { code: 'UND_ERR_CONNECT_TIMEOUT' }));
      }, CONNECT_TIMEOUT_MS);
      timer.unref();
      const clear = () => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('close', clear);
    });
    req.end(init.body);
  });
}

/** The body of an answer as text, decompressed as fetch does. */
function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const encoding = String(res.headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase();
    const decoder =
      encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip()
        : encoding === 'deflate'
          ? createInflate()
          : encoding === 'br'
            ? createBrotliDecompress()
            : undefined;
    const source = decoder ? res.pipe(decoder) : res;
    if (decoder) res.on('error', (error) => decoder.destroy(error));
    const chunks: Buffer[] = [];
    source.on('data', (chunk: Buffer) => chunks.push(chunk));
    source.on('error', reject);
    source.on('end', () => {
      resolve(chunks.length === 1 ? UTF8.decode(chunks[0]) : UTF8.decode(Buffer.concat(chunks)));
    });
    res.on('close', () => {
      if (!res.complete) {
        reject(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' }));
      }
    });
  });
}

/** An answer read to its end. */
class NodeResponse implements ApiResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly #text: string;

  constructor(res: IncomingMessage, text: string) {
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    const raw = res.headers;
    this.headers = {
      get(name) {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
    this.#text = text;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
}
