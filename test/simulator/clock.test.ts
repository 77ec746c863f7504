import { afterEach, describe, expect, it } from 'vitest';
import { createClock, type Simulator } from '../../src/simulator/index.js';
import { call, manualSimulator, START } from './helpers.js';

describe('manual clock', () => {
  it('stays frozen, and advance fires due timers in time order at their own time', () => {
    const clock = createClock({ mode: 'manual', start: START });
    const start = clock.now();
    const seen: Array<[string, number]> = [];
    clock.setTimer(start + 3000, () => seen.push(['c', clock.now() - start]));
    clock.setTimer(start + 1000, () => {
      seen.push(['a', clock.now() - start]);
      clock.setTimer(start + 2000, () => seen.push(['b', clock.now() - start]));
    });
    const cancel = clock.setTimer(start + 1500, () => seen.push(['cancelled', 0]));
    cancel();
    expect(clock.now()).toBe(start);
    clock.advance(2500);
    expect(seen).toEqual([
      ['a', 1000],
      ['b', 2000],
    ]);
    expect(clock.now()).toBe(start + 2500);
    clock.advance(500);
    expect(seen.at(-1)).toEqual(['c', 3000]);
    clock.dispose();
  });

  it('refuses to go backwards', () => {
    const clock = createClock({ mode: 'manual' });
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('real clock', () => {
  it('fires timers in real time and fires at once what advance made due', async () => {
    const clock = createClock({ mode: 'real' });
    const fired = new Promise<string>((resolve) =>
      clock.setTimer(clock.now() + 5, () => resolve('real')),
    );
    expect(await fired).toBe('real');
    let jumped = false;
    clock.setTimer(clock.now() + 3_600_000, () => {
      jumped = true;
    });
    clock.advance(3_600_000);
    expect(jumped).toBe(true);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(3_600_000 - 1000);
    clock.dispose();
  });
});

describe('/_sim/clock', () => {
  let sim: Simulator;
  afterEach(() => sim.close());

  it('shows and advances virtual time', async () => {
    sim = manualSimulator();
    expect((await call(sim, 'GET', '/_sim/clock')).body).toMatchObject({
      now: START,
      mode: 'manual',
    });
    const res = await call(sim, 'POST', '/_sim/clock/advance', { seconds: 90 });
    expect(res.body.now).toBe('2026-03-02T09:01:30Z');
    const bad = await call(sim, 'POST', '/_sim/clock/advance', { seconds: -5 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].parameter).toBe('seconds');
  });

  it('stamps messages with virtual time', async () => {
    sim = manualSimulator();
    await call(sim, 'POST', '/_sim/clock/advance', { seconds: 3 * 24 * 3600 });
    const res = await call(sim, 'POST', '/_sim/inbound', {
      from: '+31612345678',
      type: 'text',
      content: { text: 'hi' },
    });
    expect(res.body.createdDatetime).toBe('2026-03-05T09:00:00Z');
  });
});

describe('the virtual clock under many timers', () => {
  it('fires thousands of timers in due order (ties in the order set), never a cancelled one', () => {
    const clock = createClock({ mode: 'manual', start: 0 });
    const fired: number[] = [];
    const expected: { at: number; n: number }[] = [];
    const cancels: (() => void)[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 5_000; n++) {
      const at = Math.floor(random() * 1_000);
      cancels.push(clock.setTimer(at, () => fired.push(n)));
      expected.push({ at, n });
    }
    const cancelled = new Set<number>();
    for (let n = 0; n < 5_000; n += 7) {
      cancels[n]?.();
      cancelled.add(n);
    }
    clock.advance(1_000);
    const order = expected
      .filter((t) => !cancelled.has(t.n))
      .sort((a, b) => a.at - b.at || a.n - b.n)
      .map((t) => t.n);
    expect(fired).toEqual(order);
  });
});
