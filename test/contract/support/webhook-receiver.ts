import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local endpoint that takes the simulator's webhook calls and keeps their bodies. */
export interface WebhookReceiver {
  /** Where the simulator should deliver. */
  url: string;
  /** The bodies received since the last clear, oldest first. */
  received: any[];
  /** Forgets what was received. */
  clear(): void;
  /** The first body `match` accepts, waiting up to `timeoutMs` for it. */
  waitFor(match: (body: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1, any free port; it answers every call 200. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: any[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/messagebird`,
    received,
    clear: () => {
      received.length = 0;
    },
    async waitFor(match, timeoutMs = 3_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > until) {
          const seen = received.map((b) => `${b.type}/${b.message?.status ?? '-'}`).join(', ');
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
