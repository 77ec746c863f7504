import { describe, expect, it } from 'vitest';
import { createClock, createSimulator } from '../../src/simulator/index.js';
import type { MemoRouter } from '../../src/simulator/memo-router.js';
import { ACCESS_KEY, normalised, START } from './helpers.js';

const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const A = '+31612345678';

/**
 * The same calls, with faults drawn from one seed, to a simulator whose guards are folded into
 * the routes' handlers (as built) or run as Hono's middleware chain (the fold turned off): every
 * status, header that matters and body, and the state left behind.
 */
async function calls(fold: boolean, faults: Record<string, unknown> | undefined) {
  const sim = createSimulator({
    channelId: CHANNEL,
    echoOutbound: false,
    birdRateLimits: false,
    clock: createClock({ mode: 'manual', start: START }),
  });
  const router = (sim.app as unknown as { router: MemoRouter<unknown> }).router;
  if (!fold) router.fold = undefined;
  sim.inbound({ from: A, type: 'text', content: { text: 'hi' } });
  if (faults) {
    await sim.app.request('/_sim/faults', { method: 'PUT', body: JSON.stringify(faults) });
  }
  const birdPath = `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}/messages`;
  const v1 = JSON.stringify({ to: A, from: CHANNEL, type: 'text', content: { text: 'one' } });
  const bird = JSON.stringify({
    receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: A }] },
    body: { type: 'text', text: { text: 'two' } },
  });
  const requests: [string, string, string | undefined, string][] = [
    ['POST', '/v1/send', v1, ACCESS_KEY],
    ['POST', birdPath, bird, ACCESS_KEY],
    ['POST', '/v1/send', '{not json', ACCESS_KEY],
    ['POST', birdPath, '{not json', ACCESS_KEY],
    ['POST', '/v1/send', JSON.stringify({ to: A, type: 'text' }), ACCESS_KEY],
    ['POST', birdPath, JSON.stringify({ body: { type: 'text' } }), ACCESS_KEY],
    ['POST', '/v1/send', v1, 'wrong'],
    ['POST', birdPath, bird, 'wrong'],
    [
      'POST',
      birdPath.replace(sim.bird.channelId, '00000000-0000-4000-8000-000000000000'),
      bird,
      ACCESS_KEY,
    ],
    ['GET', birdPath, undefined, ACCESS_KEY],
    ['GET', '/v1/conversations', undefined, ACCESS_KEY],
    ['GET', '/v1/send', undefined, ACCESS_KEY],
  ];
  const answers = [];
  for (let round = 0; round < (faults ? 8 : 1); round++) {
    for (const [method, path, body, key] of requests) {
      const res = await sim.app.request(path, {
        method,
        headers: { Authorization: `AccessKey ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      answers.push([
        method,
        path.length,
        res.status,
        res.headers.get('retry-after'),
        res.headers.get('allow'),
        res.headers.get('content-type'),
        // Real times, and page tokens (a random id, encoded).
        text.replace(/"(createdAt|updatedAt|lastStatusAt|nextPageToken)":"[^"]*"/g, ''),
      ]);
    }
  }
  const state = await (await sim.app.request('/_sim/messages')).json();
  await sim.close();
  return { answers: normalised(answers), state: normalised(state), router };
}

describe("the guards folded into the sends' handlers", () => {
  it('leave Hono one handler to run for each guarded route', async () => {
    const { router } = await calls(true, undefined);
    const sim = createSimulator({ channelId: CHANNEL });
    const app = sim.app as unknown as { router: MemoRouter<unknown> };
    const birdPath = `/workspaces/${sim.bird.workspaceId}/channels/${sim.bird.channelId}/messages`;
    expect(app.router.match('POST', '/v1/send')[0]).toHaveLength(1);
    expect(app.router.match('POST', birdPath)[0]).toHaveLength(1);
    expect(app.router.match('GET', `${birdPath}/x`)[0]).toHaveLength(1);
    // Another method on a guarded path still meets the guards alone, then the 405.
    expect(app.router.match('GET', '/v1/send')[0]).toHaveLength(1);
    expect(router.fold).toBeTypeOf('function');
    await sim.close();
  });

  for (const [name, faults] of [
    ['without faults', undefined],
    [
      'with every fault drawn from a seed',
      {
        status: { '503': 0.15, '429': 0.1 },
        dropConnection: 0.1,
        dropResponse: 0.2,
        latencyMs: { min: 0, max: 2 },
        seed: 7,
      },
    ],
  ] as const) {
    it(`answer as the middleware chain did, ${name}`, async () => {
      const folded = await calls(true, faults);
      const chained = await calls(false, faults);
      expect(folded.answers).toBe(chained.answers);
      expect(folded.state).toBe(chained.state);
      for (const status of faults ? [0, 202, 400, 401, 404, 422, 429, 503] : [202, 400, 401]) {
        expect(folded.answers).toContain(`,${status},`);
      }
    });
  }
});
