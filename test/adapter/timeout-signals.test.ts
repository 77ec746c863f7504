import { getMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeoutSignals } from '../../src/core/timeout-signals.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TimeoutSignals', () => {
  it('gives requests of the same slice one signal, and a new one after the slice', () => {
    const timeouts = new TimeoutSignals(1_000);
    const first = timeouts.next();
    vi.advanceTimersByTime(99);
    expect(timeouts.next()).toBe(first);
    vi.advanceTimersByTime(1);
    expect(timeouts.next()).not.toBe(first);
  });

  it('never aborts a request before its timeout, and at most a slice after it', () => {
    const timeouts = new TimeoutSignals(1_000);
    const early = timeouts.next();
    vi.advanceTimersByTime(99);
    const late = timeouts.next();
    expect(late).toBe(early);
    // The late request started at 99 ms: at 1,099 ms its full second is over.
    vi.advanceTimersByTime(999);
    expect(late.aborted).toBe(false);
    vi.advanceTimersByTime(2);
    expect(early.aborted).toBe(true);
    expect(early.reason).toMatchObject({ name: 'TimeoutError' });
    expect(String(early.reason.message)).toContain('1000 ms');
  });

  it('keeps the slice to a tenth of a short timeout', () => {
    const timeouts = new TimeoutSignals(100);
    const signal = timeouts.next();
    vi.advanceTimersByTime(10);
    expect(timeouts.next()).not.toBe(signal);
    vi.advanceTimersByTime(99);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
  });

  it('shares a signal among at most 10 requests', () => {
    const timeouts = new TimeoutSignals(1_000);
    const takers = new Map<AbortSignal, number>();
    for (let i = 0; i < 100; i++) {
      const signal = timeouts.next();
      takers.set(signal, (takers.get(signal) ?? 0) + 1);
    }
    expect([...takers.values()]).toEqual(Array(10).fill(10));
  });

  it('gives signals whose listener limit fetch can read (getMaxListeners throws on a limit of 0)', () => {
    const signal = new TimeoutSignals(1_000).next();
    expect(() => getMaxListeners(signal)).not.toThrow();
  });
});
