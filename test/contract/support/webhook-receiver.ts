import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook call as the receiver got it. */
export interface Delivery {
  /** The body, parsed. */
  body: any;
  /** The body exactly as sent: what a signature covers. */
  raw: string;
  /** The headers, names in lower case. */
  headers: Record<string, string>;
}

/** A local endpoint that takes the simulator's webhook calls and keeps them whole. */
export interface WebhookReceiver {
  /** Where the simulator should deliver. */
  url: string;
  /** The calls received since the last clear, oldest first. */
  received: Delivery[];
  /** Forgets what was received. */
  clear(): void;
  /** The first call whose body `match` accepts, waiting up to `timeoutMs` for it. */
  waitFor(match: (body: any) => boolean, timeoutMs?: number): Promise<Delivery>;
  close(): Promise<void>;
}

/** What the receiver is for: MessageBird's webhooks by default, or Bird's. */
export interface ReceiverOptions {
  /** The path it listens on; `/webhooks/messagebird` by default. */
  path?: string;
  /** How a body is named in the message of a failed wait. */
  describe?: (body: any) => string;
}

/** Starts a receiver on 127.0.0.1, any free port; it answers every call 200. */
export async function startWebhookReceiver(
  options: ReceiverOptions = {},
): Promise<WebhookReceiver> {
  const {
    path = '/webhooks/messagebird',
    describe = (b) => `${b.type}/${b.message?.status ?? '-'}`,
  } = options;
  const received: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    received.push({ body: JSON.parse(raw), raw, headers });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    clear: () => {
      received.length = 0;
    },
    async waitFor(match, timeoutMs = 3_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((delivery) => match(delivery.body));
        if (found) return found;
        if (Date.now() > until) {
          const seen = received.map(({ body }) => describe(body)).join(', ');
          throw new Error(
            `no matching webhook within ${timeoutMs} ms; received: ${seen || 'none'}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
