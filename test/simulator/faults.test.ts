import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../src/messagebird/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { call, fakeFetch, inboundText, manualSimulator, subscribe } from './helpers.js';

let sim: Simulator;
afterEach(() => sim.close());

const list = () => call(sim, 'GET', '/v1/conversations');

describe('PUT /_sim/faults', () => {
  it('answers every /v1 call with an injected 503 in the envelope, never /_sim', async () => {
    sim = manualSimulator();
    const put = await call(sim, 'PUT', '/_sim/faults', { status: { '503': 1 } });
    expect(put.status).toBe(200);
    const res = await list();
    expect(res.status).toBe(503);
    expect(v.parse(ErrorEnvelope, res.body).errors[0]?.code).toBe(99);
    expect((await call(sim, 'GET', '/_sim/clock')).status).toBe(200);
    expect((await inboundText(sim)).status).toBe(201);
    expect((await call(sim, 'DELETE', '/_sim/faults')).status).toBe(204);
    expect((await list()).status).toBe(200);
  });

  it('gives injected 429s a Retry-After', async () => {
    sim = manualSimulator();
    await call(sim, 'PUT', '/_sim/faults', { status: { '429': 1 } });
    const res = await list();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('mixes statuses by their rates, the same way again for the same seed', async () => {
    sim = manualSimulator();
    const run = async () => {
      await call(sim, 'PUT', '/_sim/faults', { status: { '429': 0.2, '503': 0.3 }, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await list()).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(25);
    expect(await run()).toEqual(first);
  });

  it('drops the connection: in process the answer is a network error', async () => {
    sim = manualSimulator();
    await call(sim, 'PUT', '/_sim/faults', { dropConnection: 1 });
    const res = await sim.app.request('/v1/conversations');
    expect(res.type).toBe('error');
    expect(res.status).toBe(0);
  });

  it('still answers after injected latency', async () => {
    sim = manualSimulator();
    await call(sim, 'PUT', '/_sim/faults', { latencyMs: { min: 1, max: 5 } });
    expect((await list()).status).toBe(200);
  });

  it.each([
    ['a 2xx status', { status: { '200': 0.5 } }, 'status'],
    ['chances over 1 in all', { status: { '429': 0.6, '503': 0.6 } }, 'status'],
    ['a probability over 1', { dropConnection: 2 }, 'dropConnection'],
    ['an unknown field', { explode: true }, 'explode'],
    ['latency over a minute', { latencyMs: 120_000 }, 'latencyMs'],
  ])('refuses %s, naming the parameter', async (_, body, parameter) => {
    sim = manualSimulator();
    const res = await call(sim, 'PUT', '/_sim/faults', body);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].parameter).toMatch(new RegExp(`^${parameter}`));
  });
});

describe('webhook faults', () => {
  it('drops deliveries and logs them as dropped', async () => {
    const hooks = fakeFetch();
    sim = manualSimulator({ fetch: hooks.fetch });
    await subscribe(sim);
    await call(sim, 'PUT', '/_sim/faults', { webhooks: { drop: 1 } });
    await inboundText(sim);
    await sim.idle();
    expect(hooks.calls).toHaveLength(0);
    const log = (await call(sim, 'GET', '/_sim/webhooks/deliveries')).body.items;
    expect(log.map((e: any) => [e.event, e.attempt, e.ok])).toEqual([
      ['conversation.created', 0, false],
      ['message.created', 0, false],
    ]);
    expect(log[0].error).toMatch(/dropped/);
  });

  it('duplicates deliveries, with the same body and a fresh signature', async () => {
    const hooks = fakeFetch();
    sim = manualSimulator({ fetch: hooks.fetch });
    await subscribe(sim);
    await call(sim, 'PUT', '/_sim/faults', { webhooks: { duplicate: 1 } });
    await inboundText(sim);
    await sim.idle();
    expect(hooks.calls.map((c) => c.payload.type)).toEqual([
      'conversation.created',
      'conversation.created',
      'message.created',
      'message.created',
    ]);
    const [first, second] = hooks.calls.slice(2);
    expect(second?.body).toBe(first?.body);
    expect(second?.headers.get('messagebird-signature-jwt')).not.toBe(
      first?.headers.get('messagebird-signature-jwt'),
    );
    const log = (await call(sim, 'GET', '/_sim/webhooks/deliveries?event=message.created')).body;
    expect(log.items.map((e: any) => e.duplicate ?? false)).toEqual([false, true]);
  });
});

describe('PUT /_sim/rate-limit', () => {
  it('answers 429 with Retry-After past the burst, refills on real time, never limits /_sim', async () => {
    let realNow = 1_000_000;
    sim = manualSimulator({ realNow: () => realNow });
    const put = await call(sim, 'PUT', '/_sim/rate-limit', { perSecond: 0.5, burst: 2 });
    expect(put.status).toBe(200);
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    v.parse(ErrorEnvelope, limited.body);
    expect((await call(sim, 'GET', '/_sim/clock')).status).toBe(200);
    realNow += 2000;
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(429);
    await call(sim, 'DELETE', '/_sim/rate-limit');
    expect((await list()).status).toBe(200);
  });

  it('refuses a limit that is not positive', async () => {
    sim = manualSimulator();
    const res = await call(sim, 'PUT', '/_sim/rate-limit', { perSecond: 0, burst: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].parameter).toBe('perSecond');
  });
});
