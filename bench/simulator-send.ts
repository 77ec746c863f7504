/**
 * The simulator's sends under load from a second process (autocannon): MessageBird's
 * `POST /v1/send` and Bird's `POST /workspaces/{ws}/channels/{ch}/messages`, each against a bare
 * Hono route on @hono/node-server that parses the JSON and answers the same 202 body. A simulator
 * and its bare route run side by side and take turns: after a warm-up each, alternating rounds,
 * so that the shared machine's drift falls on both alike. Each API gets a fresh simulator.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type RunningSimulator, startSimulator } from '../src/simulator/index.js';
import { fmt, median, type Row } from './table.js';

const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const ACCESS = 'bench_access';
const PHONE = '+31612345678';
/** Rounds per server, and seconds per round. */
const ROUNDS = 6;
const SECONDS = 2;
const CONNECTIONS = 32;
const v1Body = JSON.stringify({
  to: PHONE,
  from: CHANNEL,
  type: 'text',
  content: { text: 'Your order ships today.' },
});
const birdBody = JSON.stringify({
  receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: PHONE }] },
  body: { type: 'text', text: { text: 'Your order ships today.' } },
});

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function load(url: string, body: string): Promise<LoadResult> {
  const options = {
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { Authorization: `AccessKey ${ACCESS}`, 'Content-Type': 'application/json' },
    body,
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(new URL('./load-child.mjs', import.meta.url)), JSON.stringify(options)],
      { maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult)),
    );
  });
}

/** Rounds together: requests over all their seconds; the latencies of the median round. */
function combine(rounds: LoadResult[]): LoadResult {
  const byRate = [...rounds].sort((a, b) => a.rps - b.rps);
  const middle = byRate[Math.floor(byRate.length / 2)] as LoadResult;
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((n, r) => n + f(r), 0);
  return {
    rps: sum((r) => r.total) / (rounds.length * SECONDS),
    p50: middle.p50,
    p99: middle.p99,
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
  };
}

function listen(app: Hono): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
    );
  });
}

/** One API: a fresh simulator and its bare route, warmed up, then alternating rounds. */
interface Case {
  name: string;
  /** The simulator's route, such as `/v1/send`. */
  path(sim: RunningSimulator): string;
  body: string;
  /** Registers the bare route at `path` answering what the simulator answers, made anew. */
  bare(app: Hono, path: string, sim: RunningSimulator): Promise<void>;
}

const cases: Case[] = [
  {
    name: 'POST /v1/send',
    path: () => '/v1/send',
    body: v1Body,
    async bare(app, path) {
      app.post(path, async (c) => {
        await c.req.json();
        return c.json({ id: randomBytes(16).toString('hex'), status: 'accepted' }, 202);
      });
    },
  },
  {
    name: "Bird's POST /workspaces/{ws}/channels/{ch}/messages",
    path: (sim) => `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}/messages`,
    body: birdBody,
    async bare(app, path, sim) {
      // The ChannelMessage the simulator answers, taken from it once; the bare route answers it
      // with a new id and times, as the simulator does.
      const answer = await sim.app.request(path, {
        method: 'POST',
        headers: { Authorization: `AccessKey ${ACCESS}`, 'Content-Type': 'application/json' },
        body: birdBody,
      });
      const shape = (await answer.json()) as Record<string, unknown>;
      app.post(path, async (c) => {
        await c.req.json();
        const now = new Date().toISOString();
        return c.json(
          { ...shape, id: randomUUID(), lastStatusAt: now, createdAt: now, updatedAt: now },
          202,
        );
      });
    },
  },
];

async function measure(test: Case): Promise<Row> {
  // Bird's own limit (500 POSTs a second per workspace) is lifted: the load is the point.
  const sim = await startSimulator({
    accessKey: ACCESS,
    channelId: CHANNEL,
    echoOutbound: false,
    birdRateLimits: false,
  });
  sim.inbound({ from: PHONE, type: 'text', content: { text: 'hi' } });
  const path = test.path(sim);
  const app = new Hono();
  await test.bare(app, path, sim);
  const server = await listen(app);
  const urls = { bare: `${server.url}${path}`, sim: `${sim.url}${path}` };
  const results = { bare: [] as LoadResult[], sim: [] as LoadResult[] };
  for (let round = -1; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bare', 'sim'] as const) : (['sim', 'bare'] as const);
    for (const side of order) {
      const result = await load(urls[side], test.body);
      if (round >= 0) results[side].push(result);
    }
  }
  server.close();
  await sim.close();
  const bareResult = combine(results.bare);
  const simResult = combine(results.sim);
  // The median of per-round ratios: each round ran both within seconds, so one disturbed round
  // (the shared machine busy for a second) does not tip the figure.
  const ratios = results.sim.map((r, i) => r.rps / (results.bare[i] as LoadResult).rps);
  const ratio = median(ratios);
  if (process.env.BENCH_DEBUG) {
    const rates = (side: LoadResult[]) => side.map((r) => Math.round(r.rps));
    console.error(
      JSON.stringify({
        route: test.name,
        ratios: ratios.map((r) => +r.toFixed(2)),
        sim: rates(results.sim),
        bare: rates(results.bare),
      }),
    );
  }

  const describe = (r: LoadResult) =>
    `${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;
  return {
    name: `simulator ${test.name}, load from a second process (autocannon, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s each, alternating; median of per-round ratios)`,
    measured: describe(simResult),
    baseline: `${describe(bareResult)} bare Hono route`,
    ratio,
    target: '≥ 0.7',
    met: ratio >= 0.7,
  };
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const test of cases) {
    // Each API from a collected heap: the last one's simulator held every message it was sent.
    (globalThis as { gc?: () => void }).gc?.();
    rows.push(await measure(test));
  }
  return rows;
}
