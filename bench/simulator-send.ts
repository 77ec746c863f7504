/**
 * The simulator's `POST /v1/send` under load from a second process (autocannon), against a bare
 * Hono route on @hono/node-server that parses the JSON and answers the same 202 body. Both servers
 * run side by side and take turns: after a warm-up each, alternating rounds, so that the shared
 * machine's drift falls on both alike.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startSimulator } from '../src/simulator/index.js';
import { fmt, median, type Row } from './table.js';

const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const ACCESS = 'bench_access';
/** Rounds per server, and seconds per round. */
const ROUNDS = 6;
const SECONDS = 2;
const body = JSON.stringify({
  to: '+31612345678',
  from: CHANNEL,
  type: 'text',
  content: { text: 'Your order ships today.' },
});

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

function load(url: string): Promise<LoadResult> {
  const options = {
    url,
    method: 'POST',
    connections: 32,
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

export async function run(): Promise<Row[]> {
  const bare = new Hono();
  bare.post('/v1/send', async (c) => {
    await c.req.json();
    return c.json({ id: randomBytes(16).toString('hex'), status: 'accepted' }, 202);
  });
  const server = await new Promise<{ url: string; close(): void }>((resolve) => {
    const s = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() }),
    );
  });
  const sim = await startSimulator({ accessKey: ACCESS, channelId: CHANNEL, echoOutbound: false });
  sim.inbound({ from: '+31612345678', type: 'text', content: { text: 'hi' } });
  const urls = { bare: `${server.url}/v1/send`, sim: `${sim.url}/v1/send` };
  const results = { bare: [] as LoadResult[], sim: [] as LoadResult[] };
  for (let round = -1; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bare', 'sim'] as const) : (['sim', 'bare'] as const);
    for (const side of order) {
      const result = await load(urls[side]);
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
  if (process.env.BENCH_DEBUG) console.error(JSON.stringify({ ratios }));

  const describe = (r: LoadResult) =>
    `${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;
  return [
    {
      name: `simulator POST /v1/send, load from a second process (autocannon, 32 connections, ${ROUNDS} × ${SECONDS} s each, alternating; median of per-round ratios)`,
      measured: describe(simResult),
      baseline: `${describe(bareResult)} bare Hono route`,
      ratio,
      target: '≥ 0.7',
      met: ratio >= 0.7,
    },
  ];
}
