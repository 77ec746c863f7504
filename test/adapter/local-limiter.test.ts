import { describe, expect, it, vi } from 'vitest';
import { LocalLimiter } from '../../src/core/local-limiter.js';

describe('LocalLimiter', () => {
  it('never runs more than maxConcurrent jobs at once', async () => {
    const limiter = new LocalLimiter({ maxConcurrent: 3, perSecond: 1e9 });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        limiter.schedule(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  /**
   * Start times (ms from the first) of jobs scheduled all at once, on fake timers; `lateMs` makes
   * the first timer with a delay fire that much late, as a busy event loop does.
   */
  async function startTimes(
    perSecond: number,
    jobs: number,
    runMs: number,
    lateMs = 0,
  ): Promise<number[]> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const faked = globalThis.setTimeout;
    let late = lateMs;
    globalThis.setTimeout = ((fn: () => void, ms = 0) => {
      const delay = ms > 0 ? ms + late : ms;
      if (ms > 0) late = 0;
      return faked(fn, delay);
    }) as typeof setTimeout;
    try {
      const limiter = new LocalLimiter({ maxConcurrent: 10, perSecond });
      const starts: number[] = [];
      const origin = performance.now();
      const all = Promise.all(
        Array.from({ length: jobs }, (_, i) =>
          limiter.schedule(async () => {
            starts.push(performance.now() - origin);
            return i;
          }),
        ),
      );
      await vi.advanceTimersByTimeAsync(runMs);
      expect(await all).toEqual(Array.from({ length: jobs }, (_, i) => i));
      return starts;
    } finally {
      globalThis.setTimeout = faked;
      vi.useRealTimers();
    }
  }

  it('spaces the starts 1000 / perSecond (+0.5%) apart (fake timers)', async () => {
    const starts = await startTimes(50, 8, 500);
    for (let i = 1; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(20);
    }
    expect(starts.at(-1)).toBeLessThan(8 * 20.2);
  });

  /** The most starts in any sliding second. */
  const busiestSecond = (starts: number[]) =>
    Math.max(...starts.map((first) => starts.filter((t) => t >= first && t < first + 1000).length));

  it('never starts more than perSecond in any sliding second (fake timers)', async () => {
    expect(busiestSecond(await startTimes(5, 17, 5_000))).toBeLessThanOrEqual(5);
  });

  it('holds the sliding second when a timer fires late and the next starts bunch up', async () => {
    // The second job's timer fires 190 ms late: by spacing alone six jobs would start within one
    // second (at 391, 402, 603, 804, 1005 and 1206 ms); the gate holds the sixth.
    const starts = await startTimes(5, 12, 5_000, 190);
    expect(starts[1]).toBeGreaterThanOrEqual(391);
    expect(busiestSecond(starts)).toBe(5);
  });

  it('fails waiting jobs with a clear error once stopped', async () => {
    const limiter = new LocalLimiter({ maxConcurrent: 1, perSecond: 1e9 });
    const first = limiter.schedule(() => new Promise((r) => setTimeout(r, 20)));
    const second = limiter.schedule(async () => 'never');
    await limiter.stop();
    await expect(second).rejects.toMatchObject({ code: 'ADAPTER_CLOSED' });
    await expect(first).resolves.toBeUndefined();
    await expect(limiter.schedule(async () => 1)).rejects.toThrow(/adapter was closed/);
  });
});
