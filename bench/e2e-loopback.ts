/**
 * End to end over loopback: the simulator delivers signed webhooks to a bot on its own socket;
 * messages per second and p50/p99 latency from creation to the bot's turn. Beside it, the same
 * loop with a bare node:http handler that does only what any receiver must (verify the JWT, parse
 * the JSON, answer 200).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { MessageBirdAdapter } from '../src/adapter/index.js';
import { silentLogger } from '../src/core/logger.js';
import { verifySignatureJwt } from '../src/messagebird/signature-jwt.js';
import { startSimulator } from '../src/simulator/server.js';
import { percentile } from '../test/support/stats.js';
import { fmt, type Row } from './table.js';

const KEYS = { accessKey: 'bench_access', signingKey: 'bench_signing' };
const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const MESSAGES = Number(process.env.BENCH_E2E_MESSAGES ?? 3_000);
const CONTACTS = 200;

type Receiver = (onTurn: (id: string) => void) => Promise<{ url: string; close(): Promise<void> }>;

const adapterReceiver: Receiver = async (onTurn) => {
  let adapter: MessageBirdAdapter | undefined;
  const logic = async (context: TurnContext) => {
    if (context.activity.type === 'message' && context.activity.id) onTurn(context.activity.id);
  };
  const server = createServer((req, res) => void adapter?.process(req, res, logic));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  adapter = new MessageBirdAdapter({
    ...KEYS,
    channelId: CHANNEL,
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    webhookUrl: url,
    logger: silentLogger,
  });
  const running = adapter;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await running.close();
    },
  };
};

const bareReceiver: Receiver = async (onTurn) => {
  let url = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      await verifySignatureJwt({
        jwt: req.headers['messagebird-signature-jwt'] as string,
        url,
        body,
        signingKey: KEYS.signingKey,
      });
      const payload = JSON.parse(body.toString('utf8'));
      if (payload.type === 'message.created' && payload.message.direction === 'received')
        onTurn(payload.message.id);
      res.writeHead(200).end('{}');
    } catch {
      res.writeHead(401).end('{}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
};

async function loop(receiver: Receiver) {
  const created = new Map<string, number>();
  const latencies: number[] = [];
  const receiverHandle = await receiver((id) => {
    const at = created.get(id);
    if (at !== undefined) latencies.push(performance.now() - at);
  });
  const sim = await startSimulator({
    ...KEYS,
    channelId: CHANNEL,
    echoOutbound: false,
    webhookRetry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 10_000 },
  });
  await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      channelId: CHANNEL,
      url: receiverHandle.url,
      events: ['message.created'],
    }),
  });
  const start = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const m = sim.inbound({
      from: `+3165${String(1_000_000 + (i % CONTACTS)).slice(-7)}`,
      type: 'text',
      content: { text: `m${i}` },
    });
    created.set(m.id, performance.now());
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  await sim.idle();
  const seconds = (performance.now() - start) / 1000;
  await sim.close();
  await receiverHandle.close();
  latencies.sort((a, b) => a - b);
  return {
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    received: latencies.length,
  };
}

export async function run(): Promise<Row[]> {
  const bare = await loop(bareReceiver);
  const full = await loop(adapterReceiver);
  const describe = (r: typeof bare) =>
    `${fmt(r.rate)}/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms`;
  return [
    {
      name: `end to end over loopback (${fmt(MESSAGES)} messages, simulator → bot)`,
      measured: describe(full),
      baseline: `${describe(bare)} bare handler`,
      ratio: full.rate / bare.rate,
    },
  ];
}
