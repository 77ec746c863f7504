import { describe, expect, it, vi } from 'vitest';
import { LocalLimiter } from '../../src/adapter/index.js';

describe('LocalLimiter', () => {
  it('never runs more than maxConcurrent jobs at once', async () => {
    const limiter = new LocalLimiter({ maxConcurrent: 3, minTime: 0 });
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

  it('spaces the starts minTime apart, in the order scheduled (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const limiter = new LocalLimiter({ maxConcurrent: 10, minTime: 20 });
      const starts: [number, number][] = [];
      const origin = performance.now();
      const all = Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          limiter.schedule(async () => {
            starts.push([i, performance.now() - origin]);
          }),
        ),
      );
      await vi.advanceTimersByTimeAsync(200);
      await all;
      expect(starts).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i, i * 20]));
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails waiting jobs with a clear error once stopped', async () => {
    const limiter = new LocalLimiter({ maxConcurrent: 1, minTime: 0 });
    const first = limiter.schedule(() => new Promise((r) => setTimeout(r, 20)));
    const second = limiter.schedule(async () => 'never');
    await limiter.stop();
    await expect(second).rejects.toMatchObject({ code: 'ADAPTER_CLOSED' });
    await expect(first).resolves.toBeUndefined();
    await expect(limiter.schedule(async () => 1)).rejects.toThrow(/adapter was closed/);
  });
});
