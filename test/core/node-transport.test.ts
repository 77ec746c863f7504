import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryUnknownError } from '../../src/adapter/index.js';
import { MessageBirdClient } from '../../src/core/api-client.js';
import { silentLogger } from '../../src/core/logger.js';
import { defaultTransport, nodeTransport } from '../../src/core/node-transport.js';

let server: Server | undefined;

afterEach(async () => {
  vi.unstubAllGlobals();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A server on 127.0.0.1 answering each request with `answer`; resolves with its origin. */
async function serve(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const init = (extra: { body?: string; signal?: AbortSignal } = {}) => ({
  method: extra.body === undefined ? 'GET' : 'POST',
  headers: { Authorization: 'AccessKey test', Accept: 'application/json' },
  signal: extra.signal ?? new AbortController().signal,
  ...(extra.body === undefined ? {} : { body: extra.body }),
});

describe('nodeTransport', () => {
  it('sends the method, headers and body with its length, and reads status, headers and text', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const origin = await serve((req, res, body) => {
      seen = { method: req.method, headers: req.headers, body };
      res.writeHead(202, 'Accepted', { 'Content-Type': 'application/json', 'X-Two': ['a', 'b'] });
      res.end('{"id":"é"}');
    });
    const response = await nodeTransport(`${origin}/v1/send`, init({ body: '{"text":"héllo"}' }));
    expect(seen).toMatchObject({
      method: 'POST',
      body: '{"text":"héllo"}',
      headers: { authorization: 'AccessKey test', 'content-length': '17' },
    });
    expect(response).toMatchObject({ status: 202, ok: true, statusText: 'Accepted' });
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('x-two')).toBe('a, b');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.text()).toBe('{"id":"é"}');
  });

  it('reads an answer as fetch’s text() does: a byte order mark dropped, gzip undone', async () => {
    const origin = await serve((req, res) => {
      if (req.url === '/bom') {
        res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
      } else {
        res.writeHead(200, { 'Content-Encoding': 'gzip' });
        res.end(gzipSync('{"zipped":true}'));
      }
    });
    expect(await (await nodeTransport(`${origin}/bom`, init())).text()).toBe('{"a":1}');
    expect(await (await nodeTransport(`${origin}/gz`, init())).text()).toBe('{"zipped":true}');
  });

  it('says not ok outside 2xx', async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(503, { 'Retry-After': '2' });
      res.end('busy');
    });
    const response = await nodeTransport(origin, init());
    expect(response).toMatchObject({ status: 503, ok: false });
    expect(response.headers.get('Retry-After')).toBe('2');
  });

  it('rejects with the code of a connection that could not open', async () => {
    const origin = await serve(() => {});
    server?.close();
    const error = await nodeTransport(origin, init()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with the signal’s reason when it aborts, as fetch does', async () => {
    const origin = await serve(() => {});
    const controller = new AbortController();
    const pending = nodeTransport(origin, init({ signal: controller.signal }));
    setTimeout(() => controller.abort(new DOMException('no answer', 'TimeoutError')), 20);
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    const already = nodeTransport(origin, init({ signal: controller.signal }));
    await expect(already).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects an answer cut short', async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"id":');
      setTimeout(() => res.destroy(), 10);
    });
    await expect(nodeTransport(origin, init())).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('the default transport', () => {
  it('is node:http while the global fetch is Node’s, and the global fetch once replaced', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const origin = await serve((req, res) => {
      seen.push(req.headers);
      res.end('{}');
    });
    await defaultTransport(origin, init());
    const stub = vi.fn(globalThis.fetch);
    vi.stubGlobal('fetch', stub);
    await defaultTransport(origin, init());
    expect(stub).toHaveBeenCalledOnce();
    // The API sees the headers Node's fetch adds either way.
    const added = ['user-agent', 'accept-language', 'sec-fetch-mode', 'accept-encoding'];
    const pick = (headers: IncomingMessage['headers']) =>
      Object.fromEntries(added.map((name) => [name, headers[name]]));
    expect(pick(seen[0] ?? {})).toEqual(pick(seen[1] ?? {}));
    expect(seen[0]?.['user-agent']).toBe('node');
  });

  it('makes a send cut short after it was written unknown, never repeated blindly', async () => {
    let sends = 0;
    const origin = await serve((_req, res) => {
      sends++;
      res.writeHead(202, { 'Content-Length': '100' });
      res.write('{"id":');
      setTimeout(() => res.destroy(), 10);
    });
    const client = new MessageBirdClient({
      accessKey: 'test',
      apiBaseUrl: `${origin}/v1`,
      rateLimit: { perSecond: 100, maxConcurrent: 10 },
      retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 2_000 },
      logger: silentLogger,
    });
    const sent = client.send({
      to: '+31612345678',
      from: 'channel',
      type: 'text',
      content: { text: 'hi' },
    });
    await expect(sent).rejects.toBeInstanceOf(DeliveryUnknownError);
    expect(sends).toBe(1);
    await client.close();
  });
});
