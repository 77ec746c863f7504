import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake MessageBird received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/** How the fake answers one request. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering (after reading the request). */
  drop?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** The default answers: a 202 for sends, empty lists for GETs. */
export function defaultAnswer(request: RecordedRequest): FakeAnswer {
  if (request.method === 'POST' && request.path === '/v1/send') {
    return { status: 202, body: { id: randomBytes(16).toString('hex'), status: 'accepted' } };
  }
  if (request.method === 'GET') {
    return { status: 200, body: { offset: 0, limit: 20, count: 0, totalCount: 0, items: [] } };
  }
  return {
    status: 404,
    body: { errors: [{ code: 20, description: 'not found', parameter: null }] },
  };
}

/**
 * A stand-in for MessageBird's API on 127.0.0.1 that records every request and answers as told,
 * for adapter tests that need to control answers exactly (429, 503, dropped connections).
 */
export async function startFakeMessageBird(
  answer: (
    request: RecordedRequest,
    index: number,
  ) => FakeAnswer | Promise<FakeAnswer> = defaultAnswer,
) {
  const requests: RecordedRequest[] = [];
  let respond = answer;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    const reply = await respond(recorded, requests.length - 1);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** Give this as the adapter's apiBaseUrl. */
    apiBaseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** The bodies of the `/v1/send` requests, in arrival order. */
    sends: () => requests.filter((r) => r.path === '/v1/send').map((r) => r.body),
    answerWith(next: typeof answer) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fake's handle. */
export type FakeMessageBird = Awaited<ReturnType<typeof startFakeMessageBird>>;
